// Which agents a pipeline uses, and how long a silent status comment of another run still holds the issue.
import { staleAfterMsOf } from '../kernel/prepare.js';
import { pipelineNamed } from '../pipelines/index.js';
import type { Config } from './schema.js';

/** The names of the agents `pipeline` runs, each once, in config order (answerers, stages or personas, then reviewer). */
export function pipelineAgentNames(config: Config, pipeline: string): string[] {
  return withFallbacks(config, pipelineNamed(pipeline).agents(config.pipelines[pipeline]) as string[]);
}

/** The agents named and their fallbacks, each once: a fallback may answer in an agent's place, so its CLI is needed too. */
export function withFallbacks(config: Config, names: readonly string[]): string[] {
  return [...new Set(names.flatMap((name) => [name, ...(config.agents[name]?.fallback ?? [])]))];
}

/**
 * How long another run's status comment for `pipeline` may go without an update before we call that run dead. Only
 * that pipeline's agents count: a crashed ai-review must not block the issue for the relay's 15-minute test command.
 */
export function staleAfterMs(config: Config, pipeline: string): number {
  return staleAfterMsOf(pipelineNamed(pipeline), config);
}
