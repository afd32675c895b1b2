// Runs one agent program without a shell in its own process group, and always comes back with a result, never an exception.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import type { Readable, Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { BoundedCapture } from './capture.js';
import { AgentCage, RUN_MARKER, RUN_MARKER_NAME, sweepLeftovers } from './containment.js';
import { FileCapture } from './file-capture.js';
import { launchFor, sudoProgram } from './run-as.js';
import type { CapturedStream, ProcessResult, ProcessSpec, RunAs } from './types.js';

/**
 * How long the pipes may stay open once the child exited, before and after its group is killed:
 * enough to drain what is buffered, not enough to wait on a grandchild that inherited stdout.
 */
const SETTLE_MS = 200;
/** After SIGKILL the exit is reported at once unless the process is stuck in the kernel; then stop waiting. */
const GIVE_UP_AFTER_KILL_MS = 2000;
/** setTimeout turns larger delays into 1 ms (TimeoutOverflowWarning), which would kill at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

type Child = ChildProcess & { stdin: Writable };
const ABORT_GRACE_MS = 1_000;
/** `sudo -u <agent> kill` is quick; a wedged sudo must not stall the action's own shutdown for long. */
const KILL_AS_USER_TIMEOUT_MS = 3_000;

type Outcome = Pick<
  ProcessResult,
  'exitCode' | 'signal' | 'timedOut' | 'aborted' | 'spawnError' | 'stdinError' | 'outputTooLarge' | 'overBudget'
>;

/** Process group ids (= pids of the children we spawned) whose run has not finished, with the user they run as. */
const runningGroups = new Map<number, RunAs | undefined>();

/** Every identity a child ran as (undefined: ourselves), for the sweep of leftovers at exit. */
const identitiesUsed = new Map<string, RunAs | undefined>();

/** For the action's own SIGINT/SIGTERM handler: children are detached, so they would not get the signal. */
export function killAllRunning(signal: NodeJS.Signals = 'SIGKILL'): void {
  for (const [pgid, runAs] of runningGroups) killGroup(pgid, signal, runAs);
  if (signal === 'SIGKILL') sweepAllLeftovers();
}

/**
 * Kills what any child left behind outside its process group (`setsid` daemons): every process of the agent user,
 * and every process of ours carrying this run's marker. Only when no child runs: they carry the marker too.
 */
export function sweepAllLeftovers(): void {
  if (runningGroups.size > 0) return;
  for (const runAs of identitiesUsed.values()) sweepLeftovers(runAs);
}

/** One output stream of the child: what its stdio slot gets, and how we get the captured text back. */
interface OutputCapture {
  /** The child's own log file descriptor, or 'pipe' when we read the stream ourselves. */
  stdio: number | 'pipe';
  attach(source: Readable): void;
  /** After the spawn: our copy of the descriptor is not needed any more. */
  release(): void;
  finish(): Promise<CapturedStream>;
  /** Bytes printed so far. */
  size(): number;
}

/** Default cap on what one agent may print (stdout and stderr together). */
export const DEFAULT_MAX_OUTPUT_BYTES = 1024 ** 3;
const DEFAULT_OUTPUT_CHECK_MS = 250;

/**
 * The log files are the child's stdout and stderr, so its output never passes through the action (a flood costs us
 * no memory, no CPU). Only when a log file cannot be opened is the output piped through a bounded in-memory capture.
 */
function outputsFor(spec: ProcessSpec): [OutputCapture, OutputCapture] {
  const files = [
    FileCapture.open(spec.outputDir, spec.label, 'stdout', spec.memoryLimitBytes),
    FileCapture.open(spec.outputDir, spec.label, 'stderr', spec.memoryLimitBytes),
  ];
  const [out, err] = files;
  if (out && err) return [fromFile(out), fromFile(err)];
  files.forEach((f) => f?.release());
  return [
    fromPipe(new BoundedCapture(spec.outputDir, spec.label, 'stdout', spec.memoryLimitBytes)),
    fromPipe(new BoundedCapture(spec.outputDir, spec.label, 'stderr', spec.memoryLimitBytes)),
  ];
}

function fromFile(capture: FileCapture): OutputCapture {
  const size = (): number => {
    try {
      return statSync(capture.file).size;
    } catch {
      return 0;
    }
  };
  return {
    stdio: capture.descriptor,
    attach: () => undefined,
    release: () => capture.release(),
    finish: () => capture.finish(),
    size,
  };
}

function fromPipe(capture: BoundedCapture): OutputCapture {
  return {
    stdio: 'pipe',
    attach: (source) => capture.attach(source),
    release: () => undefined,
    finish: () => capture.finish(),
    size: () => capture.bytesSeen,
  };
}

export async function runProcess(spec: ProcessSpec): Promise<ProcessResult> {
  const started = performance.now();
  // A failure here surfaces as the capture's file error; the run itself still goes ahead.
  await mkdir(spec.outputDir, { recursive: true }).catch(() => undefined);
  const [stdout, stderr] = outputsFor(spec);
  const outcome = await execute(spec, stdout, stderr).catch(
    (err: unknown): Outcome => ({ ...emptyOutcome(), spawnError: describeError(err, 'EUNKNOWN') }),
  );
  const [out, err] = await Promise.all([stdout.finish(), stderr.finish()]);
  return { ...outcome, stdout: out, stderr: err, durationMs: performance.now() - started };
}

async function execute(spec: ProcessSpec, stdout: OutputCapture, stderr: OutputCapture): Promise<Outcome> {
  const outcome = emptyOutcome();
  if (spec.signal?.aborted) return { ...outcome, aborted: true };
  const [program, ...args] = spec.argv;
  if (program === undefined || program === '') {
    return { ...outcome, spawnError: { code: 'EINVAL', message: 'empty argv: no program to run' } };
  }
  // The marker lets the sweep find a leftover that left the process group (and the cgroup, where we have none).
  const env = { ...spec.env, [RUN_MARKER_NAME]: RUN_MARKER };
  identitiesUsed.set(JSON.stringify(spec.runAs ?? null), spec.runAs);
  const launch = await launchFor([program, ...args], spec.runAs, env, spec.cwd);
  if (launch === undefined) {
    return { ...outcome, spawnError: { code: 'ENOENT', message: `${program} was not found on the agent's PATH` } };
  }
  let child: Child;
  try {
    // spawn looks program up on env.PATH (not the action's PATH) because env is given.
    child = spawn(launch.program, launch.args, {
      shell: false,
      detached: true,
      stdio: ['pipe', stdout.stdio, stderr.stdio],
      env,
      cwd: spec.cwd,
      ...(launch.uid === undefined ? {} : { uid: launch.uid, gid: launch.gid }),
    }) as Child;
  } catch (err) {
    // Invalid arguments (a NUL byte in argv or env) throw instead of emitting 'error'.
    return { ...outcome, spawnError: describeError(err, 'EINVAL') };
  } finally {
    stdout.release();
    stderr.release();
  }
  return new Supervisor(child, spec, outcome).run(stdout, stderr);
}

/** Watches one spawned child until it and its whole process group are gone. */
class Supervisor {
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly intervals: NodeJS.Timeout[] = [];
  private terminating = false;
  private done = false;
  private resolve: (outcome: Outcome) => void = () => undefined;
  private streamsEnded: Promise<unknown> = Promise.resolve();
  private cage?: AgentCage;

  constructor(
    private readonly child: Child,
    private readonly spec: ProcessSpec,
    private readonly outcome: Outcome,
  ) {}

  run(stdout: OutputCapture, stderr: OutputCapture): Promise<Outcome> {
    return new Promise((resolve) => {
      this.resolve = resolve;
      this.child.on('error', (err) => void this.onError(err));
      this.child.once('exit', (code, signal) => void this.onExit(code, signal));
      // Without a pid the spawn failed and 'error' follows on the next tick; 'exit' never comes.
      if (this.child.pid === undefined) return;
      runningGroups.set(this.child.pid, this.spec.runAs);
      this.cage = AgentCage.around(this.child.pid);
      // Only piped streams (a log file could not be opened) have an end to wait for.
      const piped = [this.child.stdout, this.child.stderr].filter((s): s is Readable => s !== null);
      this.streamsEnded = Promise.all(piped.map((s) => finished(s).catch(() => undefined)));
      if (this.child.stdout) stdout.attach(this.child.stdout);
      if (this.child.stderr) stderr.attach(this.child.stderr);
      this.writeStdin();
      this.later(this.spec.timeoutMs, () => this.terminate('timedOut'));
      this.watchOutputSize(stdout, stderr);
      this.watchBudget();
      this.spec.signal?.addEventListener('abort', this.onAbort, { once: true });
      // The signal may have fired between the check before spawning and now; the listener would miss it.
      if (this.spec.signal?.aborted) this.terminate('aborted');
    });
  }

  private readonly onAbort = (): void => this.terminate('aborted');

  private watchOutputSize(stdout: OutputCapture, stderr: OutputCapture): void {
    const max = this.spec.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES;
    const check = setInterval(() => {
      if (this.done) return clearInterval(check);
      if (stdout.size() + stderr.size() > max) {
        clearInterval(check);
        this.terminate('outputTooLarge');
      }
    }, this.spec.outputCheckMs ?? DEFAULT_OUTPUT_CHECK_MS);
    check.unref();
    this.intervals.push(check);
  }

  private watchBudget(): void {
    const budget = this.spec.budget;
    if (!budget) return;
    const check = setInterval(() => {
      if (this.done) return clearInterval(check);
      if (budget.exceeded()) {
        clearInterval(check);
        this.terminate('overBudget');
      }
    }, budget.everyMs);
    check.unref();
    this.intervals.push(check);
  }

  private writeStdin(): void {
    const stdin = this.child.stdin;
    // EPIPE when the program exits without reading its prompt: a result field, not a crash.
    stdin.on('error', (err) => {
      this.outcome.stdinError ??= `${errorCode(err) ?? 'ERROR'}: ${err.message}`;
    });
    stdin.end(this.spec.stdin, 'utf8');
  }

  private async onError(err: Error): Promise<void> {
    // After a successful spawn, 'error' only reports failed kill()/send() calls, which we do not use.
    if (this.child.pid !== undefined || this.done) return;
    const spawnError = describeError(err, 'ESPAWN');
    // A missing cwd is reported as "spawn <program> ENOENT", which blames the wrong thing.
    if (spawnError.code === 'ENOENT' && !(await isDirectory(this.spec.cwd))) {
      spawnError.message = `working directory does not exist: ${this.spec.cwd}`;
    }
    if (spawnError.code === 'EACCES' && this.spec.runAs?.via === 'uid') {
      spawnError.message += ` (the agent user needs search access to ${this.spec.cwd} and every folder above it, and to the program)`;
    }
    this.outcome.spawnError = spawnError;
    this.finish();
  }

  private async onExit(code: number | null, signal: NodeJS.Signals | null): Promise<void> {
    if (this.done) return;
    this.outcome.exitCode = code;
    this.outcome.signal = signal;
    await waitAtMost(this.streamsEnded, SETTLE_MS);
    // Grandchildren (`cmd &`) may still hold the pipes or just linger; none may outlive the run.
    this.killGroup('SIGKILL');
    await this.cage?.killAll();
    await waitAtMost(this.streamsEnded, SETTLE_MS);
    this.finish();
  }

  private terminate(reason: 'timedOut' | 'aborted' | 'outputTooLarge' | 'overBudget'): void {
    if (this.terminating || this.done) return;
    this.terminating = true;
    this.outcome[reason] = true;
    this.killGroup('SIGTERM');
    // A cancelled workflow gets SIGKILL from the runner 7.5 s after SIGINT: leave time to report it.
    const grace = reason === 'aborted' ? Math.min(this.spec.killGraceMs, ABORT_GRACE_MS) : this.spec.killGraceMs;
    this.later(grace, () => {
      this.killGroup('SIGKILL');
      void this.cage?.killAll();
      this.later(GIVE_UP_AFTER_KILL_MS, () => this.finish());
    });
  }

  private finish(): void {
    if (this.done) return;
    this.done = true;
    this.timers.forEach((timer) => clearTimeout(timer));
    this.intervals.forEach((interval) => clearInterval(interval));
    this.spec.signal?.removeEventListener('abort', this.onAbort);
    if (this.child.pid !== undefined) runningGroups.delete(this.child.pid);
    sweepAllLeftovers();
    this.child.stdin.destroy();
    this.child.stdout?.destroy();
    this.child.stderr?.destroy();
    this.resolve(this.outcome);
  }

  private killGroup(signal: NodeJS.Signals): void {
    if (this.child.pid !== undefined) killGroup(this.child.pid, signal, this.spec.runAs);
  }

  private later(ms: number, action: () => void): void {
    if (!Number.isFinite(ms)) return;
    this.timers.push(setTimeout(action, Math.min(Math.max(ms, 0), MAX_TIMER_MS)));
  }
}

function killGroup(pgid: number, signal: NodeJS.Signals, runAs?: RunAs): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // ESRCH: the group is already gone. EPERM: a member changed identity; nothing more we can do.
  }
  // Without root we may signal sudo itself but not the agent user's processes in its group: kill them as that user.
  // The group outlives sudo while any member lives, so this also reaches what sudo left behind.
  if (runAs?.via === 'sudo') {
    spawnSync(
      sudoProgram(),
      ['-n', '-u', runAs.user, '--', 'kill', '-s', signal.replace(/^SIG/, ''), '--', `-${pgid}`],
      {
        stdio: 'ignore',
        timeout: KILL_AS_USER_TIMEOUT_MS,
        env: { PATH: process.env.PATH ?? '/usr/bin:/bin' },
      },
    );
  }
}

function emptyOutcome(): Outcome {
  return { exitCode: null, signal: null, timedOut: false, aborted: false };
}

function waitAtMost(promise: Promise<unknown>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    void promise.then(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

function errorCode(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

function describeError(err: unknown, fallbackCode: string): { code: string; message: string } {
  return { code: errorCode(err) ?? fallbackCode, message: err instanceof Error ? err.message : String(err) };
}

async function isDirectory(path: string): Promise<boolean> {
  return stat(path).then(
    (info) => info.isDirectory(),
    () => false,
  );
}
