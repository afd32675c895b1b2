// The registry: the one list of pipelines. Adding a pipeline is its folder plus one line here.
import type { Config } from '../config/schema.js';
import type { AnyPipelineDefinition } from '../kernel/definition.js';
import { aiReview } from './ai-review/index.js';
import { ask } from './ask/index.js';
import { personaData } from './persona-data/index.js';
import { prReview } from './pr-review/index.js';
import { relayPipeline } from './relay-pipeline/index.js';

export const PIPELINES: readonly AnyPipelineDefinition[] = [aiReview, relayPipeline, personaData, prReview, ask];

export const PIPELINE_NAMES: readonly string[] = PIPELINES.map((p) => p.name);

/** Slash commands that start a pipeline from a comment when the config sets none (`pipelines.<name>.command`). */
export const DEFAULT_COMMANDS: Readonly<Record<string, string>> = Object.fromEntries(
  PIPELINES.map((p) => [p.name, p.defaultCommand]),
);

/** The registered pipeline called `name`; throws for a name no pipeline has. */
export function pipelineNamed(name: string): AnyPipelineDefinition {
  const found = PIPELINES.find((p) => p.name === name);
  if (!found) throw new Error(`No pipeline is called "${name}"; registered: ${PIPELINE_NAMES.join(', ')}.`);
  return found;
}

/** The slash command that starts `definition` under `config`. */
export function commandOf(config: Config, definition: AnyPipelineDefinition): string {
  return config.pipelines[definition.name]?.command ?? definition.defaultCommand;
}
