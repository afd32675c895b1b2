// Tokens and cost per agent and in total, for the status comment, the job summary and the result file.
import type { AgentRun, Usage } from '../agents/types.js';
import { sumUsage } from '../budget/ledger.js';
import { dollars, PRICES_AS_OF } from '../budget/prices.js';
import { formatInteger } from './numbers.js';

/** A run and the failed runs of its slot it replaced (a fallback's answer costs its predecessors' attempts too). */
function withReplaced(runs: readonly AgentRun[]): AgentRun[] {
  return runs.flatMap((r) => [...(r.replaced ?? []), r]);
}

/** The usage of several runs together (a judge's two orders, a slot with its fallbacks). */
export function sumRunUsage(runs: readonly AgentRun[]): Usage & { costUnknown: boolean } {
  return sumUsage(withReplaced(runs).map((r) => r.usage));
}

/** "1,234 tokens · $0.0123", "1,234 tokens · cost unknown", or '' when nothing was counted. */
export function usageText(usage: Usage & { costUnknown?: boolean }): string {
  const tokens = (usage.inputTokens ?? 0) + (usage.outputTokens ?? 0);
  if (tokens === 0 && usage.costUsd === undefined) return '';
  const cost =
    usage.costUsd === undefined
      ? 'cost unknown'
      : `${dollars(usage.costUsd)}${usage.costUnknown ? ' + cost unknown' : ''}`;
  return `${formatInteger(tokens)} tokens · ${cost}`;
}

/** The line under a status or summary table: the whole run's tokens and cost. */
export function usageTotalLine(runs: readonly AgentRun[]): string | undefined {
  const text = usageText(sumRunUsage(runs));
  return text ? `**Total:** ${text}` : undefined;
}

export interface UsageRecord {
  total: Usage & { costUnknown: boolean };
  byAgent: Record<string, Usage & { costUnknown: boolean }>;
  /** The date of the built-in price table that priced tokens a CLI reported without a cost. */
  pricesAsOf: string;
}

/** For result.json: every agent's tokens and cost (over all its runs and roles) and the total. */
export function usageRecord(runs: readonly AgentRun[]): UsageRecord {
  const all = withReplaced(runs);
  const agents = [...new Set(all.map((r) => r.agent))];
  return {
    total: sumUsage(all.map((r) => r.usage)),
    byAgent: Object.fromEntries(agents.map((a) => [a, sumUsage(all.filter((r) => r.agent === a).map((r) => r.usage))])),
    pricesAsOf: PRICES_AS_OF,
  };
}
