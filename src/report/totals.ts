// The run's totals (time, tokens, cost) from the usage each CLI reports; one renderer for terminal, log and comments.
import type { AgentRun } from '../agents/types.js';
import { formatDuration } from './markdown.js';
import { formatInteger } from './numbers.js';

export interface Totals {
  agents: number;
  durationMs: number;
  /** Input plus output tokens over the runs that report them; undefined when none does. */
  tokens?: number;
  /** Dollars over the runs that report a cost; undefined when none does. */
  costUsd?: number;
  /** How many runs reported no cost (their share is not in costUsd). */
  unpricedRuns: number;
}

export function sumRuns(runs: readonly AgentRun[], durationMs: number): Totals {
  let tokens: number | undefined;
  let costUsd: number | undefined;
  let unpricedRuns = 0;
  for (const { usage } of runs) {
    if (usage.inputTokens !== undefined || usage.outputTokens !== undefined)
      tokens = (tokens ?? 0) + (usage.inputTokens ?? 0) + (usage.outputTokens ?? 0);
    if (usage.costUsd !== undefined) costUsd = (costUsd ?? 0) + usage.costUsd;
    else unpricedRuns++;
  }
  return { agents: runs.length, durationMs, tokens, costUsd, unpricedRuns };
}

/** "3 agent runs · 42.0 s · 12,345 tokens · $0.0123 (2 runs report no cost)": tokens and cost as the CLIs report them. */
export function renderTotals(t: Totals): string {
  const parts = [`${t.agents} agent run${t.agents === 1 ? '' : 's'}`, formatDuration(t.durationMs)];
  parts.push(t.tokens !== undefined ? `${formatInteger(t.tokens)} tokens` : 'tokens not reported');
  if (t.costUsd !== undefined) {
    const cost = `$${t.costUsd.toFixed(t.costUsd < 0.01 ? 4 : 2)}`;
    const unpriced = t.unpricedRuns === 1 ? '1 run reports' : `${t.unpricedRuns} runs report`;
    parts.push(t.unpricedRuns > 0 ? `${cost} (${unpriced} no cost)` : cost);
  } else parts.push('cost not reported');
  return parts.join(' · ');
}
