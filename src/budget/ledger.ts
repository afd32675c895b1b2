// The run's budget: limits shared by its agents, what finished runs spent, and what running agents spend so far.
import type { BudgetLimits, Usage } from '../agents/types.js';
import { dollars, type ModelPrice } from './prices.js';

/** `settings` budget keys after validation. */
export interface RunBudgetConfig extends BudgetLimits {
  /** When the pre-run estimate is over the run budget: run the agents that fit, or none. */
  overEstimate: OverEstimate;
  /** Overrides and additions to the built-in price table, by model name prefix. */
  prices: Record<string, ModelPrice>;
}

export type OverEstimate = 'run-fitting' | 'run-none';
export const OVER_ESTIMATE_CHOICES: readonly OverEstimate[] = ['run-fitting', 'run-none'];

export function hasLimits(limits: BudgetLimits | undefined): boolean {
  return (
    limits !== undefined &&
    (limits.maxCostUsd !== undefined || limits.maxTokens !== undefined || limits.maxTurns !== undefined)
  );
}

export function totalTokens(usage: Usage): number {
  return (usage.inputTokens ?? 0) + (usage.outputTokens ?? 0);
}

/** Sums usages; the cost is a sum only when every usage that counted tokens has a cost (else it is unknown). */
export function sumUsage(usages: readonly Usage[]): Usage & { costUnknown: boolean } {
  const total: Usage & { costUnknown: boolean } = { costUnknown: false };
  const add = (
    key: 'inputTokens' | 'outputTokens' | 'cachedInputTokens' | 'turns' | 'costUsd',
    value: number | undefined,
  ): void => {
    if (value !== undefined) total[key] = (total[key] ?? 0) + value;
  };
  for (const u of usages) {
    add('inputTokens', u.inputTokens);
    add('outputTokens', u.outputTokens);
    add('cachedInputTokens', u.cachedInputTokens);
    add('turns', u.turns);
    add('costUsd', u.costUsd);
    if (u.costUsd === undefined && totalTokens(u) > 0) total.costUnknown = true;
  }
  return total;
}

/**
 * Which limit `usage` is over, in words, or undefined. `atLimit`: reaching a limit counts too (a run budget that is
 * used up starts no more agents).
 */
export function overLimit(
  limits: BudgetLimits | undefined,
  usage: Usage,
  { atLimit = false } = {},
): string | undefined {
  if (!limits) return undefined;
  const over = (value: number, limit: number): boolean => (atLimit ? value >= limit : value > limit);
  const tokens = totalTokens(usage);
  if (limits.maxTokens !== undefined && over(tokens, limits.maxTokens))
    return `${tokens} tokens used, max-tokens is ${limits.maxTokens}`;
  if (limits.maxCostUsd !== undefined && usage.costUsd !== undefined && over(usage.costUsd, limits.maxCostUsd)) {
    return `${dollars(usage.costUsd)} spent, max-cost-usd is ${dollars(limits.maxCostUsd)}`;
  }
  if (limits.maxTurns !== undefined && usage.turns !== undefined && over(usage.turns, limits.maxTurns))
    return `${usage.turns} turns, max-turns is ${limits.maxTurns}`;
  return undefined;
}

/** What a running agent has used so far, as its meter counts it. */
export interface LiveUsage {
  current(): Usage;
}

/** One per run: the run's limits, shared by every agent the runner starts. */
export class BudgetLedger {
  private readonly settled: Usage[] = [];
  private readonly live = new Set<LiveUsage>();

  constructor(readonly limits: BudgetLimits = {}) {}

  /** Everything spent so far: finished runs, and running agents as far as they reported. */
  total(): Usage {
    return sumUsage([...this.settled, ...[...this.live].map((l) => l.current())]);
  }

  /** Why the run may start no more agents (its budget is used up), or undefined. */
  usedUp(): string | undefined {
    const why = overLimit(this.limits, this.total(), { atLimit: true });
    return why && `the run budget is used up (${why})`;
  }

  /** Why the running agents must stop (the run is over its budget), or undefined. */
  exceeded(): string | undefined {
    const why = overLimit(this.limits, this.total());
    return why && `the run went over its budget (${why})`;
  }

  watch(live: LiveUsage): void {
    this.live.add(live);
  }

  /** A run ended: its final usage replaces what its meter counted. */
  settle(live: LiveUsage | undefined, usage: Usage): void {
    if (live) this.live.delete(live);
    this.settled.push(usage);
  }
}
