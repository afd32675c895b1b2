// Runs configured agents: picks the adapter, builds a minimal environment, spawns, bounds concurrency.
import { createHash } from 'node:crypto';
import { delimiter } from 'node:path';
import { planWithinBudget } from '../budget/estimate.js';
import { BudgetLedger, hasLimits, type RunBudgetConfig } from '../budget/ledger.js';
import { UsageMeter } from '../budget/meter.js';
import { withCost } from '../budget/prices.js';
import type { AgentIdentity } from '../isolation/agent-user.js';
import { buildAgentEnv, inheritedVariableNames } from '../process/env.js';
import { runProcess } from '../process/run-process.js';
import type { ProcessResult } from '../process/types.js';
import { withFallbacks } from './fallback.js';
import { keepEnd } from './output-parsing.js';
import { adapterFor } from './registry.js';
import {
  type AgentAdapter,
  type AgentRun,
  type AgentRunner,
  type AgentRunRequest,
  type AgentSpec,
  type ParsedOutput,
  SESSION_ID,
} from './types.js';

export interface RunnerOptions {
  agents: Record<string, AgentSpec>;
  workingDirectory: string;
  /** Folder for each run's full stdout/stderr. */
  logDir: string;
  maxParallel: number;
  killGraceMs: number;
  /** Bytes one agent may print before its group is killed (default: the process module's). */
  maxOutputBytes?: number;
  parentEnv: NodeJS.ProcessEnv;
  signal: AbortSignal;
  /** agent-user: run every agent as this unprivileged user, in its own home; absent: as ourselves. */
  identity?: AgentIdentity;
  /** Applied to everything an agent printed before it goes anywhere, the reviewer's prompt included. */
  redact?: (text: string) => string;
  /** Agents whose CLI the action installed (`install: true`), by name: put first on their PATH, or why it failed. */
  installs?: ReadonlyMap<string, CliInstall>;
  /** The run's budget (shared by every agent this runner starts) and the price overrides. */
  budget?: RunBudgetConfig;
  /** How often a budgeted agent's streamed usage is read and checked (default 250 ms). */
  budgetCheckMs?: number;
}

/** A CLI installed for an agent: its node_modules/.bin, or the reason the install failed (the agent then fails with it). */
export type CliInstall = { binDir: string } | { error: string };

/** What each agent is given, for the redactor: its config `env` and the names of the variables it inherits. */
export function secretsGivenToAgents(
  agents: AgentSpec[],
  parentEnv: NodeJS.ProcessEnv,
): { env: Record<string, string>; inheritedNames: string[] }[] {
  return agents.map((agent) => ({
    env: agent.env,
    inheritedNames: inheritedVariableNames(parentEnv, adapterFor(agent).envPrefixes, agent.passEnv),
  }));
}

/** The run of an agent that was never started because its CLI could not be installed. */
export function notStarted(
  agent: AgentSpec,
  request: AgentRunRequest,
  error: string,
  status: AgentRun['status'] = 'failure',
): AgentRun {
  const now = new Date().toISOString();
  return {
    agent: agent.name,
    cli: agent.cli ?? 'command',
    model: agent.model,
    role: request.role,
    status,
    answer: '',
    error: `not started: ${error}`,
    exitCode: null,
    durationMs: 0,
    usage: {},
    promptSha256: createHash('sha256').update(request.prompt).digest('hex'),
    outputTail: '',
    startedAt: now,
    finishedAt: now,
    logFiles: { stdout: '', stderr: '' },
  };
}

/** A counting semaphore: at most `size` holders at once, served in arrival order. */
class Slots {
  private free: number;
  private readonly waiting: (() => void)[] = [];
  constructor(size: number) {
    this.free = size;
  }
  async acquire(): Promise<() => void> {
    if (this.free > 0) this.free--;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    return () => {
      const next = this.waiting.shift();
      if (next) next();
      else this.free++;
    };
  }
}

const TAIL_LINES = 20;
// An agent printing megabytes without a newline must not turn into a megabyte comment (and its copies in memory).
const TAIL_CHARS = 4_000;

/** The last lines of what a run printed (stderr, then stdout), as failure reports show them. */
export function tail(result: ProcessResult): string {
  const text = [result.stderr.text.trimEnd(), result.stdout.text.trimEnd()].filter(Boolean).join('\n');
  return keepEnd(text.split('\n').slice(-TAIL_LINES).join('\n'), TAIL_CHARS);
}

/** Maps a finished process to the run's status and error, before and around the adapter's parsing. */
function judge(
  result: ProcessResult,
  adapter: AgentAdapter,
  agent: AgentSpec,
  budgetStop?: string,
): { status: AgentRun['status']; parsed: ParsedOutput } {
  const binary = agent.command?.[0] ?? adapter.binary;
  if (result.aborted) return { status: 'cancelled', parsed: { ok: false, error: 'cancelled with the workflow' } };
  if (result.overBudget)
    return {
      status: 'budget',
      parsed: {
        ok: false,
        error: `stopped: budget: ${budgetStop ?? 'over budget'}; its whole process group was killed`,
      },
    };
  if (result.spawnError) {
    const missing = result.spawnError.code === 'ENOENT';
    const error = missing
      ? `\`${binary}\` was not found on PATH. Install it in an earlier step: ${adapter.installHint}`
      : `could not start \`${binary}\`: ${result.spawnError.message}`;
    return { status: 'failure', parsed: { ok: false, error } };
  }
  if (result.outputTooLarge) {
    const printed = Math.round((result.stdout.totalBytes + result.stderr.totalBytes) / 1024 ** 2);
    return {
      status: 'failure',
      parsed: {
        ok: false,
        error: `printed ${printed} MiB, more than settings.max-output allows; its whole process group was killed (the start and end of its output are below, the rest in its log file)`,
      },
    };
  }
  if (result.timedOut) {
    const lastReport = adapter.describeTimeout?.(result);
    const error = `timed out after ${agent.timeoutSec} s; the whole process group was killed${lastReport ? `. Its last report: ${lastReport}` : ''}`;
    return { status: 'timeout', parsed: { ok: false, error } };
  }
  const parsed = adapter.parseOutput(result, agent);
  if (!parsed.ok && result.stdinError && result.exitCode !== 0) {
    return {
      status: 'failure',
      parsed: { ...parsed, error: `${parsed.error} (it exited before reading its prompt: ${result.stdinError})` },
    };
  }
  return { status: parsed.ok ? 'success' : 'failure', parsed };
}

/** The first version number in what `--version` printed ("2.1.332 (Claude Code)", "codex-cli 0.171.0"). */
export function parseCliVersion(printed: string): string | undefined {
  return /\b(\d+\.\d+\.\d+(?:-[0-9A-Za-z.]+)?)\b/.exec(printed)?.[1];
}

const VERSION_TIMEOUT_MS = 15_000;
// An agent's result never waits longer than this for its CLI's version (it started with the agent, and is quicker).
const VERSION_GRACE_MS = 200;

function settledWithin<T>(promise: Promise<T | undefined>, ms: number): Promise<T | undefined> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(undefined), ms);
    void promise.then((value) => {
      clearTimeout(timer);
      resolve(value);
    });
  });
}

const DEFAULT_BUDGET_CHECK_MS = 250;

/** The run's session id (when its CLI printed a valid one) and the session it resumed. */
function sessionOf(
  adapter: AgentAdapter,
  result: ProcessResult,
  resumed: string | undefined,
): Pick<AgentRun, 'sessionId' | 'resumed'> {
  const id = adapter.session?.idOf(result);
  return { ...(id !== undefined && SESSION_ID.test(id) ? { sessionId: id } : {}), ...(resumed ? { resumed } : {}) };
}

export function createAgentRunner(options: RunnerOptions): AgentRunner {
  return withFallbacks(createSingleRunner(options), options.agents);
}

function createSingleRunner(options: RunnerOptions): AgentRunner {
  const slots = new Slots(options.maxParallel);
  const ledger = new BudgetLedger(options.budget);
  const prices = options.budget?.prices ?? {};
  const redact = options.redact ?? ((text: string) => text);
  let sequence = 0;
  // One `--version` per program and PATH, beside the agents' own runs (it never holds a slot or delays one).
  const versions = new Map<string, Promise<string | undefined>>();
  const versionOf = (
    agent: AgentSpec,
    adapter: AgentAdapter,
    env: Record<string, string>,
  ): Promise<string | undefined> => {
    if (agent.cli === undefined) return Promise.resolve(undefined);
    const key = `${adapter.binary}\0${env.PATH ?? ''}`;
    let probe = versions.get(key);
    if (!probe) {
      probe = runProcess({
        argv: [adapter.binary, '--version'],
        env,
        cwd: options.workingDirectory,
        stdin: '',
        timeoutMs: VERSION_TIMEOUT_MS,
        killGraceMs: 1_000,
        outputDir: options.logDir,
        label: `version-${adapter.id}-${versions.size + 1}`,
        signal: options.signal,
        runAs: options.identity?.runAs,
        maxOutputBytes: 1024 ** 2,
      }).then(
        (r) => (r.exitCode === 0 ? parseCliVersion(`${r.stdout.text}\n${r.stderr.text}`) : undefined),
        () => undefined,
      );
      versions.set(key, probe);
    }
    return probe;
  };
  return {
    spec: (name) => (Object.hasOwn(options.agents, name) ? options.agents[name] : undefined),
    plan: (request) => planWithinBudget({ ...request, agents: options.agents, budget: options.budget }),
    async run(request: AgentRunRequest): Promise<AgentRun> {
      const agent = options.agents[request.agent];
      if (!agent) throw new Error(`unknown agent "${request.agent}"`);
      const adapter = adapterFor(agent);
      const installed = options.installs?.get(agent.name);
      if (installed && 'error' in installed) return notStarted(agent, request, redact(installed.error));
      const watched = hasLimits(agent.limits) || hasLimits(options.budget);
      const fresh = adapter.buildInvocation(agent, request.mode, { streamUsage: watched });
      const resume =
        request.resume !== undefined && adapter.session && SESSION_ID.test(request.resume) ? request.resume : undefined;
      const invocation = resume ? adapter.session!.resume(fresh, resume) : fresh;
      const env = buildAgentEnv({
        parentEnv: installed
          ? { ...options.parentEnv, PATH: [installed.binDir, options.parentEnv.PATH].filter(Boolean).join(delimiter) }
          : options.parentEnv,
        prefixes: adapter.envPrefixes,
        passEnv: agent.passEnv,
        identityEnv: options.identity?.env,
        adapterEnv: invocation.env,
        configEnv: agent.env,
      });
      const version = versionOf(agent, adapter, env);
      const release = await slots.acquire();
      const startedAt = new Date();
      const usedUp = ledger.usedUp();
      if (usedUp) {
        release();
        return notStarted(agent, request, usedUp, 'budget');
      }
      const label = `${String(++sequence).padStart(2, '0')}-${request.role}-${agent.name}`;
      const meter = watched
        ? new UsageMeter(`${options.logDir}/${label}.stdout.log`, agent, adapter.streamUsage, ledger, prices)
        : undefined;
      if (meter) ledger.watch(meter);
      let budgetStop: string | undefined;
      try {
        request.onStart?.();
        const result = await runProcess({
          argv: invocation.argv,
          env,
          cwd: options.workingDirectory,
          stdin: request.prompt,
          timeoutMs: agent.timeoutSec * 1_000,
          killGraceMs: options.killGraceMs,
          maxOutputBytes: options.maxOutputBytes,
          outputDir: options.logDir,
          label,
          signal: options.signal,
          runAs: options.identity?.runAs,
          ...(meter
            ? {
                budget: {
                  everyMs: options.budgetCheckMs ?? DEFAULT_BUDGET_CHECK_MS,
                  exceeded: () => (budgetStop ??= meter.check()) !== undefined,
                },
              }
            : {}),
        });
        const { status, parsed } = judge(result, adapter, agent, budgetStop);
        const model = (parsed.ok ? parsed.model : undefined) ?? agent.model;
        // Killed for its budget, the CLI never printed its final usage: what the meter counted stands.
        const usage = withCost(
          (result.overBudget ? meter?.current() : parsed.usage) ?? meter?.current() ?? {},
          model,
          prices,
        );
        ledger.settle(meter, usage);
        return {
          agent: agent.name,
          cli: agent.cli ?? 'command',
          model,
          role: request.role,
          status,
          answer: parsed.ok ? redact(parsed.answer) : '',
          ...(parsed.ok ? {} : { error: redact(parsed.error) }),
          exitCode: result.exitCode,
          durationMs: Math.round(result.durationMs),
          usage,
          promptSha256: createHash('sha256').update(request.prompt).digest('hex'),
          outputTail: parsed.ok ? '' : redact(tail(result)),
          startedAt: startedAt.toISOString(),
          finishedAt: new Date().toISOString(),
          logFiles: { stdout: result.stdout.file, stderr: result.stderr.file },
          ...sessionOf(adapter, result, resume),
          ...(await settledWithin(version, VERSION_GRACE_MS).then((v) => (v === undefined ? {} : { cliVersion: v }))),
        };
      } finally {
        release();
      }
    },
  };
}
