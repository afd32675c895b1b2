// The shape of .github/ai-orchestra.yml after validation, and the built-in defaults.
import type { AgentSpec } from '../agents/types.js';
import type { RunBudgetConfig } from '../budget/ledger.js';
import type { PipelineConfigBase } from '../kernel/definition.js';
import { DEFAULT_CONTEXT_BYTES } from '../kernel/kit.js';
import { PIPELINES } from '../pipelines/index.js';

export { DEFAULT_COMMANDS, PIPELINE_NAMES } from '../pipelines/index.js';

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
  /** Run on an issue whose title and body are both empty (by default such an issue is skipped with a message). */
  allowEmptyIssue?: boolean;
  /**
   * Budget for a thread's comments in a prompt, in UTF-8 bytes (`context-bytes`): the default of every pipeline that
   * builds thread context; a pipeline's own `context-bytes` overrides it (threadContextBytes).
   */
  contextBytes: number;
}

export type CommentMode = 'per-agent' | 'combined';
export const COMMENT_MODES: readonly CommentMode[] = ['per-agent', 'combined'];

export interface Config {
  /** Where the config came from, for messages ("built-in defaults" when no file). */
  source: string;
  agents: Record<string, AgentSpec>;
  /** Each registered pipeline's own part, by name (see PipelineConfigs). */
  pipelines: PipelineConfigs;
  settings: Settings;
}

/**
 * The pipelines' config parts by name. Each pipeline's folder adds its own key to this interface (declaration
 * merging), so `config.pipelines['<name>']` is typed without this file naming any pipeline.
 */
export interface PipelineConfigs {
  [name: string]: PipelineConfigBase;
}

export type PipelineName = keyof PipelineConfigs & string;

export const DEFAULT_TIMEOUT_SEC = 600;

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
    pipelines: Object.fromEntries(PIPELINES.map((p) => [p.name, p.config.defaults()])) as PipelineConfigs,
    settings: {
      maxParallel: 4,
      processedLabel: 'ai-processed',
      killGraceSec: 5,
      commentMode: 'per-agent',
      maxOutputMiB: 1024,
      contextBytes: DEFAULT_CONTEXT_BYTES,
      budget: { overEstimate: 'run-fitting', prices: {} },
    },
  };
}
