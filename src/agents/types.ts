// Contracts between pipelines, the agent runner and the per-CLI adapters.
import type { BudgetPlan } from '../budget/estimate.js';
import type { ProcessResult } from '../process/types.js';

/** `write` lets the agent edit files in the working directory; `read-only` must not. */
export type AccessMode = 'read-only' | 'write';

/** One configured agent, after config validation and defaults. */
export interface AgentSpec {
  name: string;
  /** Built-in adapter id (claude, gemini, codex, copilot, qwen, opencode); absent for `command` agents. */
  cli?: string;
  /** Generic program: argv array, prompt on stdin, answer on stdout. */
  command?: string[];
  model?: string;
  args: string[];
  env: Record<string, string>;
  /** Names of variables passed through from the action's own environment. */
  passEnv: string[];
  timeoutSec: number;
  /** npm version or dist-tag installed when the CLI is missing and the `install` input is true (cli agents only). */
  version?: string;
  /** This agent's own limits (`max-cost-usd`, `max-tokens`, `max-turns`); absent: only the run's apply. */
  limits?: BudgetLimits;
  /** Agents that answer in its place, in order, when it fails for a provider reason. */
  fallback?: string[];
}

/** Limits of one agent run or of a whole run (shared by its agents). Tokens count input and output together. */
export interface BudgetLimits {
  maxCostUsd?: number;
  maxTokens?: number;
  maxTurns?: number;
}

export interface Usage {
  inputTokens?: number;
  outputTokens?: number;
  cachedInputTokens?: number;
  costUsd?: number;
  /** Duration the CLI itself reports (ms), when it does. */
  apiDurationMs?: number;
  turns?: number;
  /** Where costUsd came from: the CLI, or our price table from the tokens; absent with no cost known. */
  costSource?: 'reported' | 'price-table';
}

/** The numeric fields of Usage. */
export type UsageCount = Exclude<keyof Usage, 'costSource'>;

/** What has been counted of a running agent: its usage so far, the model it said it uses, per-message usage. */
export interface StreamState {
  usage: Usage;
  model?: string;
  /** For CLIs that repeat one message's usage in several events: the latest usage of each message id. */
  messages: Map<string, Usage>;
}

/** Adds what one streamed event reports to the usage counted so far (for budgets enforced while the agent runs). */
export type StreamUsage = (event: Record<string, unknown>, state: StreamState) => void;

export interface Invocation {
  argv: string[];
  /** Adapter-specific variables (set over the minimal environment, under the config `env`). */
  env: Record<string, string>;
}

export type ParsedOutput =
  | { ok: true; answer: string; usage: Usage; model?: string }
  | { ok: false; error: string; usage?: Usage };

export interface NpmPackage {
  name: string;
  /** Exact version installed when the config pins none (`agents.<name>.version`). */
  defaultVersion: string;
}

export interface AgentAdapter {
  id: string;
  /** Default executable name. */
  binary: string;
  /** Shown when the binary is missing. */
  installHint: string;
  /** The npm package that provides `binary`, and the version installed by default (`install: true`). */
  npm?: NpmPackage;
  /** Variables whose names start with one of these are passed from the action's environment. */
  envPrefixes: string[];
  /** `streamUsage`: a budget is watched while the agent runs, so print usage as it arrives where the CLI can. */
  buildInvocation(agent: AgentSpec, mode: AccessMode, options?: { streamUsage?: boolean }): Invocation;
  /** Counts usage from one JSON line of stdout as it is printed; absent for CLIs that report usage only at the end. */
  streamUsage?: StreamUsage;
  /** Called when the process ran to its end (not for spawn errors, timeouts or aborts). */
  parseOutput(result: ProcessResult, agent: AgentSpec): ParsedOutput;
  /**
   * What the CLI last reported before it was killed for running too long (a retry or reconnect notice), so
   * a timeout names its cause; undefined when it reported nothing useful.
   */
  describeTimeout?(result: ProcessResult): string | undefined;
  /** Where the CLI can resume an earlier session (a follow-up question); absent: every run starts afresh. */
  session?: SessionSupport;
}

/** How a CLI keeps and resumes its sessions. */
export interface SessionSupport {
  /** The session id a finished run printed (its output is untrusted: ids are checked against SESSION_ID). */
  idOf(result: ProcessResult): string | undefined;
  /** The invocation that resumes `id` instead of starting afresh: same mode flags, the prompt still on stdin. */
  resume(invocation: Invocation, id: string): Invocation;
  /** Folders below HOME where the CLI writes its sessions, e.g. `.claude/projects`; none: its sessions cannot be kept apart. */
  homeDirs: string[];
  /** The part of `id` a session's file paths contain (most CLIs: the whole id). */
  idInPath(id: string): string;
}

/** What we accept as a session id: it goes into argv, a cache key and a comment marker. */
export const SESSION_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{7,99}$/;

/** `budget`: stopped (or never started) because it, or the run, went over a budget. */
export type AgentStatus = 'success' | 'failure' | 'timeout' | 'cancelled' | 'budget';

export interface AgentRunRequest {
  agent: string;
  prompt: string;
  mode: AccessMode;
  /** What this run is for, e.g. 'answer' or 'reviewer'; also names its log files. */
  role: string;
  /** Called when the process actually starts (after waiting for a free slot under max-parallel). */
  onStart?: () => void;
  /** Resume this earlier session of the agent's CLI (only where its adapter has `session`). */
  resume?: string;
}

/** One agent run, as recorded in result-file and rendered in comments. */
export interface AgentRun {
  agent: string;
  cli: string;
  model?: string;
  role: string;
  status: AgentStatus;
  answer: string;
  error?: string;
  exitCode: number | null;
  durationMs: number;
  usage: Usage;
  promptSha256: string;
  /** Last lines of stderr/stdout, for failure reports. */
  outputTail: string;
  /** What `<cli> --version` printed (the version number), for built-in CLIs; undefined when unknown. */
  cliVersion?: string;
  startedAt: string;
  finishedAt: string;
  logFiles: { stdout: string; stderr: string };
  /** Set when this run answered for another agent that failed for a provider reason. */
  inPlaceOf?: { agent: string; reason: string };
  /** Why the agent failed for a reason on the provider's side (auth, rate limit, server, unreachable, timeout). */
  providerFailure?: string;
  /** The other failed runs of this slot (its own agent's when a fallback answered, failing fallbacks), oldest first. */
  replaced?: AgentRun[];
  /** The CLI's session id of this run, where the CLI keeps sessions (a follow-up may resume it). */
  sessionId?: string;
  /** The session this run resumed, when it resumed one. */
  resumed?: string;
}

export interface AgentRunner {
  run(request: AgentRunRequest): Promise<AgentRun>;
  /** The configured agent of that name (its CLI tells a judge's vendor); absent in runners that do not know. */
  spec?(agent: string): AgentSpec | undefined;
  /** Which answering agents fit the run budget by the pre-run estimate; absent: all of them run. */
  plan?(request: BudgetPlanRequest): BudgetPlan;
}

export interface BudgetPlanRequest {
  answerers: string[];
  prompt: string;
  judges: string[];
  /** Runs per judge (two: both orders). */
  judgeRuns: number;
}
