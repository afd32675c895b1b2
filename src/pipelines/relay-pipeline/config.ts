// The relay pipeline's configuration: its shape and the built-in stages (`pipelines.relay-pipeline`).

/** One stage of the relay, after validation. */
export interface RelayStageConfig {
  name: string;
  agent: string;
  instructions: string;
  /** Only write stages may edit files in the working directory. */
  write: boolean;
  /** Verdict words that let the stage pass. */
  pass: string[];
  /** A command (argv, never run through a shell) that must also exit 0 for the stage to pass. */
  run?: string[];
  /** Seconds before the `run` command's process group is killed. */
  runTimeoutSec: number;
  /** The stage that gets this stage's findings when it fails. */
  onFail?: string;
}

export interface RelayPipelineConfig {
  label: string;
  command?: string;
  /** How many times a failed stage may send the work back. */
  maxRounds: number;
  createPr: boolean;
  stages: RelayStageConfig[];
  /** Protected paths (globs) a maintainer lets the relay commit; see DEFAULT_PROTECTED_PATHS. */
  allowProtectedPaths?: string[];
  /** Fix rounds when CI fails on a pull request the relay opened (workflow_run / check_suite completed). Opt-in. */
  ciFix?: boolean;
  /** How many fix rounds a pull request gets before the relay stops and says so (default DEFAULT_MAX_CI_ROUNDS). */
  maxCiRounds?: number;
}

export const DEFAULT_RUN_TIMEOUT_SEC = 900;
export const DEFAULT_MAX_CI_ROUNDS = 2;

/** Instructions of the built-in stages, used when a stage of that name has none. */
export const DEFAULT_STAGE_INSTRUCTIONS: Record<string, string> = {
  implement:
    'Implement what the issue asks in this repository: edit the files, keep the change focused, and add or update tests where the repository has them. Do not commit.',
  test: 'Verify the implementation: read the changes, check them against the issue, and look for bugs, missing cases and missing tests. Do not modify any file.',
  review:
    'Review the code changes as a careful maintainer would before merging: correctness, security, readability, tests. Do not modify any file.',
};

export function defaultRelay(): RelayPipelineConfig {
  const stage = (name: string, agent: string, extra: Partial<RelayStageConfig>): RelayStageConfig => ({
    name,
    agent,
    instructions: DEFAULT_STAGE_INSTRUCTIONS[name]!,
    write: false,
    pass: ['PASS'],
    runTimeoutSec: DEFAULT_RUN_TIMEOUT_SEC,
    ...extra,
  });
  return {
    label: 'relay-pipeline',
    maxRounds: 2,
    createPr: true,
    allowProtectedPaths: [],
    ciFix: false,
    maxCiRounds: DEFAULT_MAX_CI_ROUNDS,
    stages: [
      stage('implement', 'claude', { write: true, pass: ['DONE'] }),
      stage('test', 'gemini', { pass: ['PASS'] }),
      stage('review', 'codex', { pass: ['APPROVED'], onFail: 'implement' }),
    ],
  };
}

declare module '../../config/schema.js' {
  interface PipelineConfigs {
    'relay-pipeline': RelayPipelineConfig;
  }
}
