// Runs configured agents: picks the adapter, builds a minimal environment, spawns, bounds concurrency.
import { createHash } from 'node:crypto';
import { delimiter } from 'node:path';
import { buildAgentEnv } from '../process/env.js';
import { runProcess } from '../process/run-process.js';
import type { ProcessResult } from '../process/types.js';
import type { AgentIdentity } from '../isolation/agent-user.js';
import { keepEnd } from './output-parsing.js';
import { adapterFor } from './registry.js';
import type { AgentAdapter, AgentRun, AgentRunner, AgentRunRequest, AgentSpec, ParsedOutput } from './types.js';

export interface RunnerOptions {
  agents: Record<string, AgentSpec>;
  workingDirectory: string;
  /** Folder for each run's full stdout/stderr. */
  logDir: string;
  maxParallel: number;
  killGraceMs: number;
  parentEnv: NodeJS.ProcessEnv;
  signal: AbortSignal;
  /** agent-user: run every agent as this unprivileged user, in its own home; absent: as ourselves. */
  identity?: AgentIdentity;
  /** Applied to everything an agent printed before it goes anywhere, the reviewer's prompt included. */
  redact?: (text: string) => string;
  /** Agents whose CLI the action installed (`install: true`), by name: put first on their PATH, or why it failed. */
  installs?: ReadonlyMap<string, CliInstall>;
}

/** A CLI installed for an agent: its node_modules/.bin, or the reason the install failed (the agent then fails with it). */
export type CliInstall = { binDir: string } | { error: string };

/** The run of an agent that was never started because its CLI could not be installed. */
function notStarted(agent: AgentSpec, request: AgentRunRequest, error: string): AgentRun {
  const now = new Date().toISOString();
  return {
    agent: agent.name,
    cli: agent.cli ?? 'command',
    model: agent.model,
    role: request.role,
    status: 'failure',
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

function tail(result: ProcessResult): string {
  const text = [result.stderr.text.trimEnd(), result.stdout.text.trimEnd()].filter(Boolean).join('\n');
  return keepEnd(text.split('\n').slice(-TAIL_LINES).join('\n'), TAIL_CHARS);
}

/** Maps a finished process to the run's status and error, before and around the adapter's parsing. */
function judge(result: ProcessResult, adapter: AgentAdapter, agent: AgentSpec): { status: AgentRun['status']; parsed: ParsedOutput } {
  const binary = agent.command?.[0] ?? adapter.binary;
  if (result.aborted) return { status: 'cancelled', parsed: { ok: false, error: 'cancelled with the workflow' } };
  if (result.spawnError) {
    const missing = result.spawnError.code === 'ENOENT';
    const error = missing
      ? `\`${binary}\` was not found on PATH. Install it in an earlier step: ${adapter.installHint}`
      : `could not start \`${binary}\`: ${result.spawnError.message}`;
    return { status: 'failure', parsed: { ok: false, error } };
  }
  if (result.timedOut) {
    const lastReport = adapter.describeTimeout?.(result);
    const error = `timed out after ${agent.timeoutSec} s; the whole process group was killed${lastReport ? `. Its last report: ${lastReport}` : ''}`;
    return { status: 'timeout', parsed: { ok: false, error } };
  }
  const parsed = adapter.parseOutput(result, agent);
  if (!parsed.ok && result.stdinError && result.exitCode !== 0) {
    return { status: 'failure', parsed: { ...parsed, error: `${parsed.error} (it exited before reading its prompt: ${result.stdinError})` } };
  }
  return { status: parsed.ok ? 'success' : 'failure', parsed };
}

export function createAgentRunner(options: RunnerOptions): AgentRunner {
  const slots = new Slots(options.maxParallel);
  const redact = options.redact ?? ((text: string) => text);
  let sequence = 0;
  return {
    async run(request: AgentRunRequest): Promise<AgentRun> {
      const agent = options.agents[request.agent];
      if (!agent) throw new Error(`unknown agent "${request.agent}"`);
      const adapter = adapterFor(agent);
      const installed = options.installs?.get(agent.name);
      if (installed && 'error' in installed) return notStarted(agent, request, redact(installed.error));
      const invocation = adapter.buildInvocation(agent, request.mode);
      const env = buildAgentEnv({
        parentEnv: installed ? { ...options.parentEnv, PATH: [installed.binDir, options.parentEnv.PATH].filter(Boolean).join(delimiter) } : options.parentEnv,
        prefixes: adapter.envPrefixes,
        passEnv: agent.passEnv,
        identityEnv: options.identity?.env,
        adapterEnv: invocation.env,
        configEnv: agent.env,
      });
      const release = await slots.acquire();
      const startedAt = new Date();
      try {
        request.onStart?.();
        const result = await runProcess({
          argv: invocation.argv,
          env,
          cwd: options.workingDirectory,
          stdin: request.prompt,
          timeoutMs: agent.timeoutSec * 1_000,
          killGraceMs: options.killGraceMs,
          outputDir: options.logDir,
          label: `${String(++sequence).padStart(2, '0')}-${request.role}-${agent.name}`,
          signal: options.signal,
          runAs: options.identity?.runAs,
        });
        const { status, parsed } = judge(result, adapter, agent);
        return {
          agent: agent.name,
          cli: agent.cli ?? 'command',
          model: (parsed.ok ? parsed.model : undefined) ?? agent.model,
          role: request.role,
          status,
          answer: parsed.ok ? redact(parsed.answer) : '',
          ...(parsed.ok ? {} : { error: redact(parsed.error) }),
          exitCode: result.exitCode,
          durationMs: Math.round(result.durationMs),
          usage: (parsed.ok ? parsed.usage : parsed.usage) ?? {},
          promptSha256: createHash('sha256').update(request.prompt).digest('hex'),
          outputTail: parsed.ok ? '' : redact(tail(result)),
          startedAt: startedAt.toISOString(),
          finishedAt: new Date().toISOString(),
          logFiles: { stdout: result.stdout.file, stderr: result.stderr.file },
        };
      } finally {
        release();
      }
    },
  };
}
