// The shape of .github/ai-orchestra.yml after validation, and the built-in defaults.
import type { AgentSpec } from '../agents/types.js';

export interface ReviewPipelineConfig {
  label: string;
  agents: string[];
  reviewer: string;
}

export interface Settings {
  maxParallel: number;
  processedLabel: string;
  /** Seconds between SIGTERM and SIGKILL when an agent times out. */
  killGraceSec: number;
  /**
   * How ai-review posts the answers: one comment per agent, or sections of as few comments as fit. GitHub spaces
   * comment creation (3 s apart), so many agents finishing together wait 3 s per comment; updates are not spaced so.
   */
  commentMode: CommentMode;
}

export type CommentMode = 'per-agent' | 'combined';
export const COMMENT_MODES: readonly CommentMode[] = ['per-agent', 'combined'];

export interface Config {
  /** Where the config came from, for messages ("built-in defaults" when no file). */
  source: string;
  agents: Record<string, AgentSpec>;
  pipelines: {
    'ai-review': ReviewPipelineConfig;
    /** Label names of pipelines built in later issues; routed, then reported as not available yet. */
    'relay-pipeline': { label: string };
    'persona-data': { label: string };
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
      'relay-pipeline': { label: 'relay-pipeline' },
      'persona-data': { label: 'persona-data' },
    },
    settings: { maxParallel: 4, processedLabel: 'ai-processed', killGraceSec: 5, commentMode: 'per-agent' },
  };
}
