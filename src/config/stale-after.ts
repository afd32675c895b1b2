// How long a silent status comment of another run still holds the issue: the run lock's staleness window.
import { personaAgentNames } from './personas.js';
import type { Config } from './schema.js';

/**
 * How long another run's status comment for `pipeline` may go without an update before we call that run dead: a
 * live run updates it whenever one of that pipeline's agents finishes, so a gap longer than the longest of their
 * timeouts means it crashed. Only that pipeline's agents count: a crashed ai-review must not block the issue for
 * the relay's 15-minute test command.
 */
export function staleAfterMs(config: Config, pipeline: string): number {
  const timeout = (agent: string): number => config.agents[agent]?.timeoutSec ?? 0;
  const review = config.pipelines['ai-review'];
  const personas = config.pipelines['persona-data'];
  // A relay stage updates it when its agent starts and again after its `run` command.
  const longest =
    pipeline === 'relay-pipeline'
      ? Math.max(...config.pipelines['relay-pipeline'].stages.map((s) => timeout(s.agent) + (s.run ? s.runTimeoutSec : 0)))
      : Math.max(...(pipeline === 'persona-data' ? personaAgentNames(personas) : [...review.agents, review.reviewer]).map(timeout));
  return (longest + config.settings.killGraceSec + 60) * 1_000;
}
