import { createRequire as __aiOrchestraCreateRequire } from 'node:module'; const require = __aiOrchestraCreateRequire(import.meta.url);
import {
  chooseAgents
} from "./chunk-YBUMR2VQ.js";
import {
  rateAgents
} from "./chunk-AJVDQX2A.js";
import {
  parseStoredRecord
} from "./chunk-U6KCGNNF.js";
import "./chunk-ZAUMI6SE.js";

// src/records/leaderboard-choice.ts
async function reviewAgentsByLeaderboard(review, ctx) {
  if (!review.top || !review.pool) return review;
  let rankings = [];
  try {
    const lines = await ctx.readRecordLines();
    rankings = lines.map((l) => l.trim() ? parseStoredRecord(l)?.review : void 0);
  } catch (error) {
    ctx.warn(
      `Could not read the run records on ${ctx.recordsBranch} for the leaderboard (${error instanceof Error ? error.message : String(error)}); every agent counts as unrated.`
    );
  }
  const { ratings } = rateAgents(rankings.filter((r) => r !== void 0));
  const chosen = chooseAgents({ pool: review.pool, ratings, top: review.top, runId: ctx.runId });
  return { ...review, agents: chosen.map((c) => c.agent), chosen };
}
export {
  reviewAgentsByLeaderboard
};
