// Which agents a pipeline uses, and how long a silent status comment of another run still holds the issue.
import { personaAgentNames } from './personas.js';
import { reviewJudges, type Config } from './schema.js';

/** The names of the agents `pipeline` runs, each once, in config order (answerers, stages or personas, then reviewer). */
export function pipelineAgentNames(config: Config, pipeline: string): string[] {
  const review = config.pipelines['ai-review'];
  const names =
    pipeline === 'relay-pipeline'
      ? config.pipelines['relay-pipeline'].stages.map((s) => s.agent)
      : pipeline === 'persona-data'
        ? personaAgentNames(config.pipelines['persona-data'])
        : [...review.agents, ...reviewJudges(review)];
  return withFallbacks(config, names);
}

/** The agents named and their fallbacks, each once: a fallback may answer in an agent's place, so its CLI is needed too. */
export function withFallbacks(config: Config, names: readonly string[]): string[] {
  return [...new Set(names.flatMap((name) => [name, ...(config.agents[name]?.fallback ?? [])]))];
}

/**
 * How long another run's status comment for `pipeline` may go without an update before we call that run dead: a
 * live run updates it whenever one of that pipeline's agents finishes, so a gap longer than the longest of their
 * timeouts means it crashed. Only that pipeline's agents count: a crashed ai-review must not block the issue for
 * the relay's 15-minute test command.
 */
export function staleAfterMs(config: Config, pipeline: string): number {
  const timeout = (agent: string): number => config.agents[agent]?.timeoutSec ?? 0;
  // A relay stage updates it when its agent starts and again after its `run` command.
  const longest =
    pipeline === 'relay-pipeline'
      ? Math.max(...config.pipelines['relay-pipeline'].stages.map((s) => timeout(s.agent) + (s.run ? s.runTimeoutSec : 0)))
      : Math.max(...pipelineAgentNames(config, pipeline).map(timeout));
  return (longest + config.settings.killGraceSec + 60) * 1_000;
}
