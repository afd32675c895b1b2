// Our price table (USD per million tokens, by model) and the cost of a usage when a CLI reports tokens but no cost.
import type { Usage } from '../agents/types.js';

/** USD per million tokens. `cachedInput` prices the cache reads; without it they cost as input. */
export interface ModelPrice {
  input: number;
  output: number;
  cachedInput?: number;
}

/** When the built-in prices were taken from the vendors' public price lists (standard tier, short prompts). */
export const PRICES_AS_OF = '2025-11-01';

/**
 * List prices by model name prefix; the longest matching prefix wins, so a dated model id
 * (claude-sonnet-4-5-20250929) finds its family. `settings.prices` overrides and extends this table.
 */
export const BUILT_IN_PRICES: Readonly<Record<string, ModelPrice>> = {
  'claude-opus-4-5': { input: 5, output: 25, cachedInput: 0.5 },
  'claude-opus-4-1': { input: 15, output: 75, cachedInput: 1.5 },
  'claude-opus-4': { input: 15, output: 75, cachedInput: 1.5 },
  'claude-sonnet-4': { input: 3, output: 15, cachedInput: 0.3 },
  'claude-3-7-sonnet': { input: 3, output: 15, cachedInput: 0.3 },
  'claude-haiku-4-5': { input: 1, output: 5, cachedInput: 0.1 },
  'claude-3-5-haiku': { input: 0.8, output: 4, cachedInput: 0.08 },
  'gpt-5-mini': { input: 0.25, output: 2, cachedInput: 0.025 },
  'gpt-5-nano': { input: 0.05, output: 0.4, cachedInput: 0.005 },
  'gpt-5': { input: 1.25, output: 10, cachedInput: 0.125 },
  'gpt-4.1-mini': { input: 0.4, output: 1.6, cachedInput: 0.1 },
  'gpt-4.1': { input: 2, output: 8, cachedInput: 0.5 },
  'gpt-4o-mini': { input: 0.15, output: 0.6, cachedInput: 0.075 },
  'gpt-4o': { input: 2.5, output: 10, cachedInput: 1.25 },
  o3: { input: 2, output: 8, cachedInput: 0.5 },
  'o4-mini': { input: 1.1, output: 4.4, cachedInput: 0.275 },
  'gemini-2.5-pro': { input: 1.25, output: 10, cachedInput: 0.125 },
  'gemini-2.5-flash-lite': { input: 0.1, output: 0.4, cachedInput: 0.01 },
  'gemini-2.5-flash': { input: 0.3, output: 2.5, cachedInput: 0.03 },
};

/** The price of `model`: an override, else the built-in table, by longest prefix; a `provider/` prefix is ignored. */
export function priceOf(
  model: string | undefined,
  overrides: Readonly<Record<string, ModelPrice>> = {},
): ModelPrice | undefined {
  if (model === undefined) return undefined;
  const name = model.trim().toLowerCase();
  const bare = name.includes('/') ? name.slice(name.lastIndexOf('/') + 1) : name;
  for (const table of [overrides, BUILT_IN_PRICES]) {
    const keys = Object.keys(table).filter((key) =>
      [name, bare].some(
        (n) =>
          n === key.toLowerCase() || n.startsWith(`${key.toLowerCase()}-`) || n.startsWith(`${key.toLowerCase()}@`),
      ),
    );
    const best = keys.sort((a, b) => b.length - a.length)[0];
    if (best !== undefined) return table[best];
  }
  return undefined;
}

/** The cost of the tokens in `usage` at `price`; undefined when no token count is known. */
export function tokenCost(usage: Usage, price: ModelPrice): number | undefined {
  if (usage.inputTokens === undefined && usage.outputTokens === undefined) return undefined;
  const cached = Math.min(usage.cachedInputTokens ?? 0, usage.inputTokens ?? 0);
  const fresh = (usage.inputTokens ?? 0) - cached;
  const dollars =
    fresh * price.input + cached * (price.cachedInput ?? price.input) + (usage.outputTokens ?? 0) * price.output;
  return dollars / 1e6;
}

/** `usage` with its cost: the CLI's own when it reported one, else from the price table; unknown stays unknown. */
export function withCost(
  usage: Usage,
  model: string | undefined,
  overrides?: Readonly<Record<string, ModelPrice>>,
): Usage {
  if (usage.costUsd !== undefined) return { ...usage, costSource: usage.costSource ?? 'reported' };
  const price = priceOf(model, overrides);
  const cost = price && tokenCost(usage, price);
  return cost === undefined ? usage : { ...usage, costUsd: cost, costSource: 'price-table' };
}

/** "$0.0123" below a dollar (budgets are often cents), "$12.35" above. */
export function dollars(value: number): string {
  return `$${value.toFixed(value < 1 ? 4 : 2)}`;
}
