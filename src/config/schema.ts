// The shape of .github/ai-orchestra.yml after validation, and the built-in defaults.
import type { AgentSpec } from '../agents/types.js';
import type { RunBudgetConfig } from '../budget/ledger.js';
import { defaultPersonaPipeline, type PersonaPipelineConfig } from './personas.js';

export interface ReviewPipelineConfig {
  label: string;
  agents: string[];
  /** The first judge (`reviewer:`, or the first of `reviewers:`). */
  reviewer: string;
  /** `agents: top-N`: the N best-rated agents of the leaderboard answer (until a run chooses: the first N defined). */
  top?: number;
  /** `agents: top-N`: every defined agent, the leaderboard's candidates. */
  pool?: string[];
  /** Set by the leaderboard's choice for one run: why each agent answers, for the status comment. */
  chosen?: { agent: string; reason: string }[];
  /** Every judge, in order; absent or `[reviewer]` when the config names one. */
  reviewers?: string[];
}

/** The judges of an ai-review run: `reviewers`, or the one `reviewer`. */
export function reviewJudges(pipeline: ReviewPipelineConfig): string[] {
  return pipeline.reviewers && pipeline.reviewers.length > 0 ? pipeline.reviewers : [pipeline.reviewer];
}

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
  /** How many times a failed stage may send the work back. */
  maxRounds: number;
  createPr: boolean;
  stages: RelayStageConfig[];
  /** Protected paths (globs) a maintainer lets the relay commit; see DEFAULT_PROTECTED_PATHS. */
  allowProtectedPaths?: string[];
}

export const DEFAULT_RUN_TIMEOUT_SEC = 900;

/** Instructions of the built-in stages, used when a stage of that name has none. */
export const DEFAULT_STAGE_INSTRUCTIONS: Record<string, string> = {
  implement:
    'Implement what the issue asks in this repository: edit the files, keep the change focused, and add or update tests where the repository has them. Do not commit.',
  test:
    'Verify the implementation: read the changes, check them against the issue, and look for bugs, missing cases and missing tests. Do not modify any file.',
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
    stages: [
      stage('implement', 'claude', { write: true, pass: ['DONE'] }),
      stage('test', 'gemini', { pass: ['PASS'] }),
      stage('review', 'codex', { pass: ['APPROVED'], onFail: 'implement' }),
    ],
  };
}

export interface Settings {
  maxParallel: number;
  processedLabel: string;
  /** Seconds between SIGTERM and SIGKILL when an agent times out. */
  killGraceSec: number;
  /** MiB an agent may print (stdout and stderr together) before its process group is killed. */
  maxOutputMiB: number;
  /**
   * How ai-review posts the answers: one comment per agent, or sections of as few comments as fit. GitHub spaces
   * comment creation (3 s apart), so many agents finishing together wait 3 s per comment; updates are not spaced so.
   */
  commentMode: CommentMode;
  /** The run's budget (`max-cost-usd`, `max-tokens`, `max-turns`, `over-budget`, `prices`). */
  budget?: RunBudgetConfig;
}

export type CommentMode = 'per-agent' | 'combined';
export const COMMENT_MODES: readonly CommentMode[] = ['per-agent', 'combined'];

export interface Config {
  /** Where the config came from, for messages ("built-in defaults" when no file). */
  source: string;
  agents: Record<string, AgentSpec>;
  pipelines: {
    'ai-review': ReviewPipelineConfig;
    'relay-pipeline': RelayPipelineConfig;
    'persona-data': PersonaPipelineConfig;
  };
  settings: Settings;
}

export type PipelineName = keyof Config['pipelines'];
export const PIPELINE_NAMES: readonly PipelineName[] = ['ai-review', 'relay-pipeline', 'persona-data'];

export const DEFAULT_TIMEOUT_SEC = 600;

/** Slash commands that start a pipeline from an issue comment (`pipelines.<name>.command` overrides). */
export const DEFAULT_COMMANDS: Record<PipelineName, string> = {
  'ai-review': '/ai-review',
  'relay-pipeline': '/relay',
  'persona-data': '/persona-data',
};

function builtInAgent(name: string): AgentSpec {
  return { name, cli: name, args: [], env: {}, passEnv: [], timeoutSec: DEFAULT_TIMEOUT_SEC };
}

export function defaultConfig(): Config {
  return {
    source: 'built-in defaults',
    agents: {
      claude: builtInAgent('claude'),
      gemini: builtInAgent('gemini'),
      codex: builtInAgent('codex'),
    },
    pipelines: {
      'ai-review': { label: 'ai-review', agents: ['claude', 'gemini', 'codex'], reviewer: 'claude' },
      'relay-pipeline': defaultRelay(),
      'persona-data': defaultPersonaPipeline(),
    },
    settings: { maxParallel: 4, processedLabel: 'ai-processed', killGraceSec: 5, commentMode: 'per-agent', maxOutputMiB: 1024, budget: { overEstimate: 'run-fitting', prices: {} } },
  };
}
