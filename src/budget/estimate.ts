// The pre-run estimate: what each planned agent run may cost, from its prompt's size and its limits, and which fit the run budget.
import type { AgentSpec, BudgetLimits } from '../agents/types.js';
import type { OverEstimate, RunBudgetConfig } from './ledger.js';
import { dollars, type ModelPrice, priceOf, tokenCost } from './prices.js';

/** Output assumed for an agent without a max-tokens of its own (a long, detailed answer). */
export const ESTIMATED_OUTPUT_TOKENS = 4_000;
/** Characters per token, the usual rule of thumb for English text and code. */
const CHARS_PER_TOKEN = 4;

export interface RunEstimate {
  agent: string;
  tokens: number;
  /** Undefined when the model has no price and the agent no max-cost-usd: "cost unknown". */
  costUsd?: number;
}

export interface BudgetPlan {
  /** The answering agents to start, in the order given. */
  run: string[];
  /** Answering agents left out, with why; `index` is the place in the answerers given (an agent may answer twice). */
  left: { agent: string; index: number; reason: string }[];
  /** Every estimate made, judges included. */
  estimates: RunEstimate[];
  /** What the estimate says, for the log and the status comment; undefined when there is no run budget. */
  note?: string;
}

export function promptTokens(text: string): number {
  return Math.ceil(text.length / CHARS_PER_TOKEN);
}

/** One run's estimate: its limits when it has them (it is stopped there), else the prompt plus a long answer, priced. */
export function estimateRun(
  agent: AgentSpec,
  promptChars: number,
  prices: Record<string, ModelPrice> = {},
): RunEstimate {
  const input = Math.ceil(promptChars / CHARS_PER_TOKEN);
  const tokens = agent.limits?.maxTokens ?? input + ESTIMATED_OUTPUT_TOKENS;
  const output = Math.max(0, tokens - input);
  const price = priceOf(agent.model, prices);
  const priced = price && tokenCost({ inputTokens: Math.min(input, tokens), outputTokens: output }, price);
  const capped = agent.limits?.maxCostUsd;
  const costUsd = priced !== undefined && capped !== undefined ? Math.min(priced, capped) : (priced ?? capped);
  return costUsd === undefined ? { agent: agent.name, tokens } : { agent: agent.name, tokens, costUsd };
}

function fits(limits: BudgetLimits, estimates: RunEstimate[]): boolean {
  const tokens = estimates.reduce((sum, e) => sum + e.tokens, 0);
  const cost = estimates.reduce((sum, e) => sum + (e.costUsd ?? 0), 0);
  return (
    (limits.maxTokens === undefined || tokens <= limits.maxTokens) &&
    (limits.maxCostUsd === undefined || cost <= limits.maxCostUsd)
  );
}

function describe(estimates: RunEstimate[]): string {
  const tokens = estimates.reduce((sum, e) => sum + e.tokens, 0);
  const unknown = estimates.filter((e) => e.costUsd === undefined).map((e) => e.agent);
  const cost = estimates.reduce((sum, e) => sum + (e.costUsd ?? 0), 0);
  return `${tokens} tokens, ${dollars(cost)}${unknown.length > 0 ? ` (cost unknown for ${[...new Set(unknown)].join(', ')})` : ''}`;
}

function limitText(limits: BudgetLimits): string {
  return [
    limits.maxTokens !== undefined ? `max-tokens ${limits.maxTokens}` : '',
    limits.maxCostUsd !== undefined ? `max-cost-usd ${dollars(limits.maxCostUsd)}` : '',
  ]
    .filter(Boolean)
    .join(', ');
}

/**
 * Plans a run against its budget: the judges (each ranking `judgeRuns` times, seeing every answer) are reserved
 * first, then answering agents are added in order while the estimate stays within the run's max-tokens and
 * max-cost-usd. `run-none`: when not all fit, none run. Models without a price count only by tokens.
 */
export function planWithinBudget(input: {
  agents: Record<string, AgentSpec>;
  answerers: string[];
  prompt: string;
  judges: string[];
  judgeRuns: number;
  budget?: RunBudgetConfig;
}): BudgetPlan {
  const { agents, budget } = input;
  const prices = budget?.prices ?? {};
  const answers = input.answerers.map((name) => estimateRun(agents[name]!, input.prompt.length, prices));
  // The judges read the issue and every answer that was given.
  const judgesOf = (given: RunEstimate[]): RunEstimate[] => {
    const answerChars = given.reduce(
      (sum, e) => sum + Math.min(e.tokens, ESTIMATED_OUTPUT_TOKENS) * CHARS_PER_TOKEN,
      0,
    );
    return input.judges.flatMap((name) =>
      Array.from({ length: input.judgeRuns }, () =>
        estimateRun(agents[name]!, input.prompt.length + answerChars, prices),
      ),
    );
  };
  const judges = judgesOf(answers);
  const estimates = [...answers, ...judges];
  if (!budget || (budget.maxTokens === undefined && budget.maxCostUsd === undefined))
    return { run: [...input.answerers], left: [], estimates };
  if (fits(budget, estimates))
    return {
      run: [...input.answerers],
      left: [],
      estimates,
      note: `Estimate ${describe(estimates)}: within the run budget (${limitText(budget)}).`,
    };
  const chosen: RunEstimate[] = [];
  const kept = new Set<number>();
  if (overEstimateAllows(budget.overEstimate)) {
    answers.forEach((estimate, i) => {
      if (!fits(budget, [...chosen, estimate, ...judgesOf([...chosen, estimate])])) return;
      chosen.push(estimate);
      kept.add(i);
    });
  }
  const run = chosen.map((e) => e.agent);
  const reason = `the estimate for the whole run (${describe(estimates)}) is over the run budget (${limitText(budget)})`;
  const left = input.answerers.flatMap((agent, index) => (kept.has(index) ? [] : [{ agent, index, reason }]));
  const what =
    run.length > 0
      ? `running only ${run.join(', ')}, which fit`
      : `no agent was started${budget.overEstimate === 'run-none' ? ' (settings.over-budget: run-none)' : ', not even one answer and its review fit'}`;
  return {
    run,
    left,
    estimates,
    note: `The estimate for this run (${describe(estimates)}) is over its budget (${limitText(budget)}): ${what}.`,
  };
}

function overEstimateAllows(choice: OverEstimate): boolean {
  return choice === 'run-fitting';
}
