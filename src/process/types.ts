// Contracts for spawning one agent process: what goes in, what comes back.

export interface ProcessSpec {
  /** argv[0] is looked up on env.PATH; never run through a shell. */
  argv: string[];
  /** The complete environment of the child (nothing is inherited). */
  env: Record<string, string>;
  cwd: string;
  /** Written to the child's stdin, then stdin is closed. */
  stdin: string;
  timeoutMs: number;
  /** Between SIGTERM and SIGKILL to the whole process group. */
  killGraceMs: number;
  /** Full stdout/stderr streams are written to `${outputDir}/${label}.stdout|stderr.log`. */
  outputDir: string;
  label: string;
  /** Bytes of each stream kept in memory; beyond it only head and tail stay (the file has everything). */
  memoryLimitBytes?: number;
  /** Aborting kills the process group at once (workflow cancelled). */
  signal?: AbortSignal;
  /** Run the child as another (unprivileged) user; absent: as ourselves. */
  runAs?: RunAs;
  /**
   * The most the child may print, stdout and stderr together (default 1 GiB): past it the whole group is killed,
   * so a runaway agent cannot fill the runner's disk with its log before its timeout.
   */
  maxOutputBytes?: number;
  /** How often the output's size is checked against maxOutputBytes (default 250 ms). */
  outputCheckMs?: number;
  /** Checked every `everyMs` while the child runs: true kills the whole group, as a timeout does (a budget ran out). */
  budget?: { everyMs: number; exceeded(): boolean };
}

/**
 * How the child becomes another user. `uid`: we are root and spawn switches to uid/gid itself (libuv also
 * drops the supplementary groups). `sudo`: we have passwordless sudo; the child is `sudo -n -u <user>`, its
 * environment passed by name only (`--preserve-env=NAMES`), and the group is killed as that user.
 */
export type RunAs = { via: 'uid'; uid: number; gid: number } | { via: 'sudo'; user: string };

export interface CapturedStream {
  /** Decoded text; when truncated: head + a visible cut marker + tail. */
  text: string;
  truncated: boolean;
  totalBytes: number;
  file: string;
}

export interface ProcessResult {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  aborted: boolean;
  /** Set when the child printed more than maxOutputBytes and its group was killed for it. */
  outputTooLarge?: boolean;
  /** Set when `budget.exceeded()` said so and the group was killed for it. */
  overBudget?: boolean;
  /** Set when the program could not be started (ENOENT, EACCES...). */
  spawnError?: { code: string; message: string };
  /** Set when writing stdin failed (EPIPE: the program exited without reading its prompt). */
  stdinError?: string;
  stdout: CapturedStream;
  stderr: CapturedStream;
  durationMs: number;
}
