// Runs a maintainer-configured command (a relay stage's `run`): argv without a shell, minimal environment, own process group, timeout.
import { buildAgentEnv } from './env.js';
import { runProcess } from './run-process.js';
import type { ProcessResult, RunAs } from './types.js';

export interface CommandRequest {
  argv: string[];
  cwd: string;
  timeoutMs: number;
  killGraceMs: number;
  /** The action's environment: only the minimal base variables are taken from it, never tokens or inputs. */
  parentEnv: NodeJS.ProcessEnv;
  outputDir: string;
  label: string;
  signal?: AbortSignal;
  /** The command usually runs code the agents wrote (tests), so it runs as the agents do when they are isolated. */
  runAs?: RunAs;
  /** The agent user's HOME, TMPDIR, XDG_* when runAs is set. */
  identityEnv?: Record<string, string>;
}

export interface CommandResult {
  argv: string[];
  exitCode: number | null;
  /** True only for exit code 0. */
  ok: boolean;
  durationMs: number;
  /** Why it did not run to completion (not found, timed out, cancelled); undefined when it exited by itself. */
  error?: string;
  /** The last lines of its output, stdout then stderr. */
  outputTail: string;
}

const TAIL_LINES = 40;
const TAIL_CHARS = 4_000;

export function outputTail(result: Pick<ProcessResult, 'stdout' | 'stderr'>): string {
  const text = [result.stdout.text.trimEnd(), result.stderr.text.trimEnd()].filter(Boolean).join('\n');
  const lines = text.split('\n').slice(-TAIL_LINES).join('\n');
  return lines.length > TAIL_CHARS ? `…${lines.slice(-TAIL_CHARS)}` : lines;
}

function failure(result: ProcessResult, request: CommandRequest): string | undefined {
  const program = request.argv[0] ?? '';
  if (result.aborted) return 'cancelled with the workflow';
  if (result.spawnError?.code === 'ENOENT')
    return `\`${program}\` was not found on PATH (or the working directory is missing): ${result.spawnError.message}`;
  if (result.spawnError) return `could not start \`${program}\`: ${result.spawnError.message}`;
  if (result.timedOut)
    return `timed out after ${Math.round(request.timeoutMs / 1_000)} s; the whole process group was killed`;
  if (result.exitCode === null) return `killed by ${result.signal ?? 'a signal'}`;
  return undefined;
}

export async function runCommand(request: CommandRequest): Promise<CommandResult> {
  // The same allow-list as an agent with no provider: PATH, HOME, locale, proxies; no GITHUB_TOKEN, no INPUT_*.
  const env = buildAgentEnv({
    parentEnv: request.parentEnv,
    prefixes: [],
    passEnv: [],
    adapterEnv: request.identityEnv ?? {},
    configEnv: {},
  });
  const result = await runProcess({
    argv: request.argv,
    env,
    cwd: request.cwd,
    stdin: '',
    timeoutMs: request.timeoutMs,
    killGraceMs: request.killGraceMs,
    outputDir: request.outputDir,
    label: request.label,
    signal: request.signal,
    ...(request.runAs ? { runAs: request.runAs } : {}),
  });
  const error = failure(result, request);
  return {
    argv: request.argv,
    exitCode: result.exitCode,
    ok: error === undefined && result.exitCode === 0,
    durationMs: Math.round(result.durationMs),
    ...(error ? { error } : {}),
    outputTail: outputTail(result),
  };
}
