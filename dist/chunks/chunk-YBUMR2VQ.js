import { createRequire as __aiOrchestraCreateRequire } from 'node:module'; const require = __aiOrchestraCreateRequire(import.meta.url);

// src/dashboard/choose-agents.ts
import { createHash } from "node:crypto";
var EXPLORATION_SHARE = 0.1;
function unitHash(runId, salt) {
  return createHash("sha256").update(`${salt}:${runId}`).digest().readUInt32BE(0) / 2 ** 32;
}
var rated = (r, place) => `#${place} on the leaderboard (rating ${Math.round(r.rating)}, 95% ${Math.round(r.low)}\u2013${Math.round(r.high)})`;
function chooseAgents(args) {
  const { pool, top, runId } = args;
  const ratings = args.ratings.filter((r) => pool.includes(r.agent));
  const unrated = pool.filter((a) => !ratings.some((r) => r.agent === a));
  const chosen = ratings.slice(0, top).map((r, i) => ({ agent: r.agent, reason: rated(r, i + 1) }));
  for (const agent of unrated)
    if (chosen.length < top) chosen.push({ agent, reason: "not rated yet: no review has ranked it" });
  const others = pool.filter((a) => !chosen.some((c) => c.agent === a));
  if (others.length === 0 || chosen.length === 0 || unitHash(runId, "explore") >= (args.share ?? EXPLORATION_SHARE))
    return chosen;
  const guest = others[Math.floor(unitHash(runId, "guest") * others.length)];
  const rating = ratings.find((r) => r.agent === guest);
  const place = ratings.indexOf(rating) + 1;
  chosen[chosen.length - 1] = {
    agent: guest,
    reason: `exploration: one run in ${Math.round(1 / (args.share ?? EXPLORATION_SHARE))} gives a place to an agent outside the top ${top} (${rating ? `#${place}, rating ${Math.round(rating.rating)}` : "not rated yet"}), so its rating stays current`
  };
  return chosen;
}
function renderChoice(chosen, top) {
  return [`Agents chosen by the leaderboard (top-${top}):`, ...chosen.map((c) => `- **${c.agent}**: ${c.reason}`)].join(
    "\n"
  );
}

export {
  chooseAgents,
  renderChoice
};
