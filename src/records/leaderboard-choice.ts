// The run's hook for `agents: top-N`: rates the agents from the records on the data branch and picks this run's answerers.
import { chooseAgents } from '../dashboard/choose-agents.js';
import { rateAgents } from '../dashboard/rating.js';
import type { ReviewPipelineConfig } from '../config/schema.js';
import type { Octokit } from '../github/client.js';
import { RECORDS_DIR, readFolder, type StoreLocation } from './github-store.js';
import { parseStoredRecord } from './record.js';

/** The ai-review settings for this run: `agents` replaced by the leaderboard's choice, `chosen` saying why. */
export async function reviewAgentsByLeaderboard(review: ReviewPipelineConfig, args: { octokit: Octokit; at: StoreLocation; runId: string; warn: (m: string) => void }): Promise<ReviewPipelineConfig> {
  if (!review.top || !review.pool) return review;
  let rankings: NonNullable<ReturnType<typeof parseStoredRecord>>['review'][] = [];
  try {
    const files = await readFolder(args.octokit, args.at, RECORDS_DIR);
    rankings = files.flatMap((f) => f.text.split('\n').map((l) => (l.trim() ? parseStoredRecord(l)?.review : undefined)));
  } catch (error) {
    args.warn(`Could not read the run records on ${args.at.branch} for the leaderboard (${error instanceof Error ? error.message : String(error)}); every agent counts as unrated.`);
  }
  const { ratings } = rateAgents(rankings.filter((r) => r !== undefined));
  const chosen = chooseAgents({ pool: review.pool, ratings, top: review.top, runId: args.runId });
  return { ...review, agents: chosen.map((c) => c.agent), chosen };
}
