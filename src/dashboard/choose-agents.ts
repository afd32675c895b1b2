// `agents: top-N`: which agents answer a run, from the leaderboard, with a small deterministic share given to others.
import { createHash } from 'node:crypto';
import type { AgentRating } from './rating.js';

/** One run in ten gives its last place to an agent outside the top N, so the others keep being rated. */
export const EXPLORATION_SHARE = 0.1;

export interface ChosenAgent {
  agent: string;
  reason: string;
}

/** A number in [0, 1) from the run id and a salt: the same run (and its re-runs) always makes the same choice. */
function unitHash(runId: string, salt: string): number {
  return createHash('sha256').update(`${salt}:${runId}`).digest().readUInt32BE(0) / 2 ** 32;
}

const rated = (r: AgentRating, place: number): string =>
  `#${place} on the leaderboard (rating ${Math.round(r.rating)}, 95% ${Math.round(r.low)}–${Math.round(r.high)})`;

/**
 * The N best-rated agents of `pool`, best first; agents without a rating fill the places the ratings cannot. In an
 * exploration run (EXPLORATION_SHARE of run ids) the N-th place goes to an agent outside the top N instead.
 */
export function chooseAgents(args: {
  pool: string[];
  ratings: AgentRating[];
  top: number;
  runId: string;
  share?: number;
}): ChosenAgent[] {
  const { pool, top, runId } = args;
  const ratings = args.ratings.filter((r) => pool.includes(r.agent));
  const unrated = pool.filter((a) => !ratings.some((r) => r.agent === a));
  const chosen: ChosenAgent[] = ratings.slice(0, top).map((r, i) => ({ agent: r.agent, reason: rated(r, i + 1) }));
  for (const agent of unrated)
    if (chosen.length < top) chosen.push({ agent, reason: 'not rated yet: no review has ranked it' });
  const others = pool.filter((a) => !chosen.some((c) => c.agent === a));
  if (others.length === 0 || chosen.length === 0 || unitHash(runId, 'explore') >= (args.share ?? EXPLORATION_SHARE))
    return chosen;
  const guest = others[Math.floor(unitHash(runId, 'guest') * others.length)]!;
  const rating = ratings.find((r) => r.agent === guest);
  const place = ratings.indexOf(rating!) + 1;
  chosen[chosen.length - 1] = {
    agent: guest,
    reason: `exploration: one run in ${Math.round(1 / (args.share ?? EXPLORATION_SHARE))} gives a place to an agent outside the top ${top} (${rating ? `#${place}, rating ${Math.round(rating.rating)}` : 'not rated yet'}), so its rating stays current`,
  };
  return chosen;
}

/** The status comment's line naming why each agent answers. */
export function renderChoice(chosen: ChosenAgent[], top: number): string {
  return [`Agents chosen by the leaderboard (top-${top}):`, ...chosen.map((c) => `- **${c.agent}**: ${c.reason}`)].join(
    '\n',
  );
}
