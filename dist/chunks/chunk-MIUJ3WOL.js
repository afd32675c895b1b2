import { createRequire as __aiOrchestraCreateRequire } from 'node:module'; const require = __aiOrchestraCreateRequire(import.meta.url);
import {
  formatInteger
} from "./chunk-UI6OCMSN.js";

// src/budget/prices.ts
var PRICES_AS_OF = "2025-11-01";
var BUILT_IN_PRICES = {
  "claude-opus-4-5": { input: 5, output: 25, cachedInput: 0.5 },
  "claude-opus-4-1": { input: 15, output: 75, cachedInput: 1.5 },
  "claude-opus-4": { input: 15, output: 75, cachedInput: 1.5 },
  "claude-sonnet-4": { input: 3, output: 15, cachedInput: 0.3 },
  "claude-3-7-sonnet": { input: 3, output: 15, cachedInput: 0.3 },
  "claude-haiku-4-5": { input: 1, output: 5, cachedInput: 0.1 },
  "claude-3-5-haiku": { input: 0.8, output: 4, cachedInput: 0.08 },
  "gpt-5-mini": { input: 0.25, output: 2, cachedInput: 0.025 },
  "gpt-5-nano": { input: 0.05, output: 0.4, cachedInput: 5e-3 },
  "gpt-5": { input: 1.25, output: 10, cachedInput: 0.125 },
  "gpt-4.1-mini": { input: 0.4, output: 1.6, cachedInput: 0.1 },
  "gpt-4.1": { input: 2, output: 8, cachedInput: 0.5 },
  "gpt-4o-mini": { input: 0.15, output: 0.6, cachedInput: 0.075 },
  "gpt-4o": { input: 2.5, output: 10, cachedInput: 1.25 },
  o3: { input: 2, output: 8, cachedInput: 0.5 },
  "o4-mini": { input: 1.1, output: 4.4, cachedInput: 0.275 },
  "gemini-2.5-pro": { input: 1.25, output: 10, cachedInput: 0.125 },
  "gemini-2.5-flash-lite": { input: 0.1, output: 0.4, cachedInput: 0.01 },
  "gemini-2.5-flash": { input: 0.3, output: 2.5, cachedInput: 0.03 }
};
function priceOf(model, overrides = {}) {
  if (model === void 0) return void 0;
  const name = model.trim().toLowerCase();
  const bare = name.includes("/") ? name.slice(name.lastIndexOf("/") + 1) : name;
  for (const table of [overrides, BUILT_IN_PRICES]) {
    const keys = Object.keys(table).filter(
      (key) => [name, bare].some(
        (n) => n === key.toLowerCase() || n.startsWith(`${key.toLowerCase()}-`) || n.startsWith(`${key.toLowerCase()}@`)
      )
    );
    const best = keys.sort((a, b) => b.length - a.length)[0];
    if (best !== void 0) return table[best];
  }
  return void 0;
}
function tokenCost(usage, price) {
  if (usage.inputTokens === void 0 && usage.outputTokens === void 0) return void 0;
  const cached = Math.min(usage.cachedInputTokens ?? 0, usage.inputTokens ?? 0);
  const fresh = (usage.inputTokens ?? 0) - cached;
  const dollars2 = fresh * price.input + cached * (price.cachedInput ?? price.input) + (usage.outputTokens ?? 0) * price.output;
  return dollars2 / 1e6;
}
function withCost(usage, model, overrides) {
  if (usage.costUsd !== void 0) return { ...usage, costSource: usage.costSource ?? "reported" };
  const price = priceOf(model, overrides);
  const cost = price && tokenCost(usage, price);
  return cost === void 0 ? usage : { ...usage, costUsd: cost, costSource: "price-table" };
}
function dollars(value) {
  return `$${value.toFixed(value < 1 ? 4 : 2)}`;
}

// src/budget/ledger.ts
var OVER_ESTIMATE_CHOICES = ["run-fitting", "run-none"];
function hasLimits(limits) {
  return limits !== void 0 && (limits.maxCostUsd !== void 0 || limits.maxTokens !== void 0 || limits.maxTurns !== void 0);
}
function totalTokens(usage) {
  return (usage.inputTokens ?? 0) + (usage.outputTokens ?? 0);
}
function sumUsage(usages) {
  const total = { costUnknown: false };
  const add = (key, value) => {
    if (value !== void 0) total[key] = (total[key] ?? 0) + value;
  };
  for (const u of usages) {
    add("inputTokens", u.inputTokens);
    add("outputTokens", u.outputTokens);
    add("cachedInputTokens", u.cachedInputTokens);
    add("turns", u.turns);
    add("costUsd", u.costUsd);
    if (u.costUsd === void 0 && totalTokens(u) > 0) total.costUnknown = true;
  }
  return total;
}
function overLimit(limits, usage, { atLimit = false } = {}) {
  if (!limits) return void 0;
  const over = (value, limit) => atLimit ? value >= limit : value > limit;
  const tokens = totalTokens(usage);
  if (limits.maxTokens !== void 0 && over(tokens, limits.maxTokens))
    return `${tokens} tokens used, max-tokens is ${limits.maxTokens}`;
  if (limits.maxCostUsd !== void 0 && usage.costUsd !== void 0 && over(usage.costUsd, limits.maxCostUsd)) {
    return `${dollars(usage.costUsd)} spent, max-cost-usd is ${dollars(limits.maxCostUsd)}`;
  }
  if (limits.maxTurns !== void 0 && usage.turns !== void 0 && over(usage.turns, limits.maxTurns))
    return `${usage.turns} turns, max-turns is ${limits.maxTurns}`;
  return void 0;
}
var BudgetLedger = class {
  constructor(limits = {}) {
    this.limits = limits;
  }
  limits;
  settled = [];
  live = /* @__PURE__ */ new Set();
  /** Everything spent so far: finished runs, and running agents as far as they reported. */
  total() {
    return sumUsage([...this.settled, ...[...this.live].map((l) => l.current())]);
  }
  /** Why the run may start no more agents (its budget is used up), or undefined. */
  usedUp() {
    const why = overLimit(this.limits, this.total(), { atLimit: true });
    return why && `the run budget is used up (${why})`;
  }
  /** Why the running agents must stop (the run is over its budget), or undefined. */
  exceeded() {
    const why = overLimit(this.limits, this.total());
    return why && `the run went over its budget (${why})`;
  }
  watch(live) {
    this.live.add(live);
  }
  /** A run ended: its final usage replaces what its meter counted. */
  settle(live, usage) {
    if (live) this.live.delete(live);
    this.settled.push(usage);
  }
};

// src/report/usage.ts
function withReplaced(runs) {
  return runs.flatMap((r) => [...r.replaced ?? [], r]);
}
function sumRunUsage(runs) {
  return sumUsage(withReplaced(runs).map((r) => r.usage));
}
function usageText(usage) {
  const tokens = (usage.inputTokens ?? 0) + (usage.outputTokens ?? 0);
  if (tokens === 0 && usage.costUsd === void 0) return "";
  const cost = usage.costUsd === void 0 ? "cost unknown" : `${dollars(usage.costUsd)}${usage.costUnknown ? " + cost unknown" : ""}`;
  return `${formatInteger(tokens)} tokens \xB7 ${cost}`;
}
function usageTotalLine(runs) {
  const text = usageText(sumRunUsage(runs));
  return text ? `**Total:** ${text}` : void 0;
}
function usageRecord(runs) {
  const all = withReplaced(runs);
  const agents = [...new Set(all.map((r) => r.agent))];
  return {
    total: sumUsage(all.map((r) => r.usage)),
    byAgent: Object.fromEntries(agents.map((a) => [a, sumUsage(all.filter((r) => r.agent === a).map((r) => r.usage))])),
    pricesAsOf: PRICES_AS_OF
  };
}

export {
  priceOf,
  tokenCost,
  withCost,
  dollars,
  OVER_ESTIMATE_CHOICES,
  hasLimits,
  overLimit,
  BudgetLedger,
  sumRunUsage,
  usageText,
  usageTotalLine,
  usageRecord
};
