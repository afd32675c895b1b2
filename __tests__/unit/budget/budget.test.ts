// Budgets without processes: the price table, limits, the shared ledger, the usage meter reading a log, the estimate.
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { claudeAdapter } from '../../../src/agents/claude.js';
import { codexAdapter } from '../../../src/agents/codex.js';
import { opencodeAdapter } from '../../../src/agents/opencode.js';
import { qwenAdapter } from '../../../src/agents/qwen.js';
import type { AgentSpec } from '../../../src/agents/types.js';
import { ESTIMATED_OUTPUT_TOKENS, estimateRun, planWithinBudget } from '../../../src/budget/estimate.js';
import { BudgetLedger, overLimit, type RunBudgetConfig, sumUsage } from '../../../src/budget/ledger.js';
import { UsageMeter } from '../../../src/budget/meter.js';
import { PRICES_AS_OF, priceOf, withCost } from '../../../src/budget/prices.js';
import { parseConfig } from '../../../src/config/parse.js';

const agent = (overrides: Partial<AgentSpec> = {}): AgentSpec => ({
  name: 'claude',
  cli: 'claude',
  args: [],
  env: {},
  passEnv: [],
  timeoutSec: 60,
  ...overrides,
});

describe('price table', () => {
  it('is dated, finds a dated model id by its family, and lets the config override it', () => {
    expect(PRICES_AS_OF).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(priceOf('claude-sonnet-4-5-20250929')).toEqual({ input: 3, output: 15, cachedInput: 0.3 });
    expect(priceOf('openai/gpt-5-mini')).toEqual({ input: 0.25, output: 2, cachedInput: 0.025 });
    expect(priceOf('claude-sonnet-4-5', { 'claude-sonnet-4-5': { input: 1, output: 2 } })).toEqual({
      input: 1,
      output: 2,
    });
  });

  it('prices tokens a CLI reported without a cost; an unknown model keeps its tokens and no cost', () => {
    const usage = { inputTokens: 1_000_000, cachedInputTokens: 500_000, outputTokens: 100_000 };
    expect(withCost(usage, 'gpt-5')).toMatchObject({
      costUsd: 0.5 * 1.25 + 0.5 * 0.125 + 0.1 * 10,
      costSource: 'price-table',
    });
    expect(withCost(usage, 'my-local-llama')).toEqual(usage);
    expect(withCost({ ...usage, costUsd: 0.42 }, 'gpt-5')).toMatchObject({ costUsd: 0.42, costSource: 'reported' });
  });
});

describe('limits and the shared ledger', () => {
  it('names the limit a usage is over', () => {
    expect(overLimit({ maxTokens: 100 }, { inputTokens: 80, outputTokens: 30 })).toBe(
      '110 tokens used, max-tokens is 100',
    );
    expect(overLimit({ maxCostUsd: 0.5 }, { costUsd: 0.75 })).toBe('$0.7500 spent, max-cost-usd is $0.5000');
    expect(overLimit({ maxTurns: 3 }, { turns: 4 })).toBe('4 turns, max-turns is 3');
    expect(overLimit({ maxCostUsd: 0.5 }, { inputTokens: 10 })).toBeUndefined();
  });

  it('adds what every agent spent; a cost is unknown when a run that used tokens has none', () => {
    expect(
      sumUsage([
        { inputTokens: 10, costUsd: 0.1 },
        { outputTokens: 5, costUsd: 0.2 },
      ]),
    ).toMatchObject({ inputTokens: 10, outputTokens: 5, costUnknown: false });
    expect(sumUsage([{ inputTokens: 10, costUsd: 0.1 }, { outputTokens: 5 }])).toMatchObject({
      costUsd: 0.1,
      costUnknown: true,
    });
  });

  it('counts running agents and finished runs together against the run budget', () => {
    const ledger = new BudgetLedger({ maxTokens: 100 });
    let live = { inputTokens: 60 };
    const meter = { current: () => live };
    ledger.watch(meter);
    ledger.settle(undefined, { outputTokens: 30 });
    expect(ledger.exceeded()).toBeUndefined();
    live = { inputTokens: 80 };
    expect(ledger.exceeded()).toBe('the run went over its budget (110 tokens used, max-tokens is 100)');
    ledger.settle(meter, { inputTokens: 70 });
    expect(ledger.usedUp()).toBe('the run budget is used up (100 tokens used, max-tokens is 100)');
  });
});

describe('UsageMeter: usage read from the stdout log while the agent runs', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const log = (): string => {
    dir = mkdtempSync(join(tmpdir(), 'meter-'));
    const file = join(dir, 'agent.stdout.log');
    writeFileSync(file, '');
    return file;
  };
  const message = (id: string, output: number) =>
    `${JSON.stringify({ type: 'assistant', message: { id, model: 'claude-sonnet-4-5', usage: { input_tokens: 100, cache_read_input_tokens: 0, output_tokens: output } } })}\n`;

  it('counts claude stream-json messages once each (a message is repeated per content block), priced by the table', () => {
    const file = log();
    const meter = new UsageMeter(
      file,
      agent({ limits: { maxTokens: 1_000 } }),
      claudeAdapter.streamUsage,
      new BudgetLedger(),
      {},
    );
    appendFileSync(
      file,
      `${JSON.stringify({ type: 'system', subtype: 'init', model: 'claude-sonnet-4-5' })}\n${message('m1', 200)}${message('m1', 200)}`,
    );
    expect(meter.check()).toBeUndefined();
    expect(meter.current()).toMatchObject({ inputTokens: 100, outputTokens: 200, turns: 1, costSource: 'price-table' });
    // A line arrives in two pieces: nothing is counted until it is whole.
    const next = message('m2', 700);
    appendFileSync(file, next.slice(0, 20));
    expect(meter.check()).toBeUndefined();
    appendFileSync(file, next.slice(20));
    expect(meter.check()).toBe('claude went over its budget (1100 tokens used, max-tokens is 1000)');
  });

  it('stops on the shared run budget when this agent is within its own', () => {
    const file = log();
    const ledger = new BudgetLedger({ maxCostUsd: 0.01 });
    ledger.settle(undefined, { costUsd: 0.009 });
    const meter = new UsageMeter(file, agent({ model: 'claude-sonnet-4-5' }), claudeAdapter.streamUsage, ledger, {});
    ledger.watch(meter);
    appendFileSync(file, message('m1', 100));
    expect(meter.check()).toMatch(/^the run went over its budget \(\$0\.0\d+ spent, max-cost-usd is \$0\.0100\)$/);
  });

  it('reads codex and opencode usage events; cost unknown for an unpriced model is never made up', () => {
    const file = log();
    const codex = new UsageMeter(
      file,
      agent({ name: 'codex', cli: 'codex', model: 'some-new-model' }),
      codexAdapter.streamUsage,
      new BudgetLedger(),
      {},
    );
    appendFileSync(
      file,
      `${JSON.stringify({ type: 'turn.completed', usage: { input_tokens: 50, cached_input_tokens: 0, output_tokens: 5 } })}\n`,
    );
    codex.check();
    expect(codex.current()).toEqual({ inputTokens: 50, cachedInputTokens: 0, outputTokens: 5 });
    const other = log();
    const opencode = new UsageMeter(
      other,
      agent({ name: 'oc', cli: 'opencode', limits: { maxTurns: 1 } }),
      opencodeAdapter.streamUsage,
      new BudgetLedger(),
      {},
    );
    const step = `${JSON.stringify({ type: 'step_finish', part: { tokens: { input: 10, output: 2, reasoning: 0, cache: { read: 0, write: 0 } }, cost: 0.001 } })}\n`;
    appendFileSync(other, step + step);
    expect(opencode.check()).toBe('oc went over its budget (2 turns, max-turns is 1)');
    expect(opencode.current()).toMatchObject({ costUsd: 0.002, costSource: 'reported' });
  });
});

describe('adapters under a budget', () => {
  it('claude streams usage (stream-json) and takes --max-turns; without a budget it prints one json document', () => {
    const limited = agent({ limits: { maxTurns: 4 } });
    expect(claudeAdapter.buildInvocation(limited, 'read-only', { streamUsage: true }).argv).toEqual(
      expect.arrayContaining(['--output-format', 'stream-json', '--verbose', '--max-turns', '4']),
    );
    expect(claudeAdapter.buildInvocation(agent(), 'read-only').argv).toEqual(
      expect.arrayContaining(['--output-format', 'json']),
    );
  });

  it('qwen takes max-turns as --max-session-turns', () => {
    expect(qwenAdapter.buildInvocation(agent({ cli: 'qwen', limits: { maxTurns: 6 } }), 'read-only').argv).toEqual(
      expect.arrayContaining(['--max-session-turns', '6']),
    );
  });
});

describe('the pre-run estimate', () => {
  const agents = {
    claude: agent({ model: 'claude-sonnet-4-5' }),
    codex: agent({ name: 'codex', cli: 'codex', model: 'gpt-5' }),
    local: agent({ name: 'local', cli: undefined, command: ['llama'] }),
  };
  const budget = (over: Partial<RunBudgetConfig>): RunBudgetConfig => ({
    overEstimate: 'run-fitting',
    prices: {},
    ...over,
  });

  it('estimates a run from its prompt and a long answer, or from its own limits', () => {
    expect(estimateRun(agents.claude, 4_000)).toEqual({
      agent: 'claude',
      tokens: 1_000 + ESTIMATED_OUTPUT_TOKENS,
      costUsd: (1_000 * 3 + ESTIMATED_OUTPUT_TOKENS * 15) / 1e6,
    });
    expect(
      estimateRun(agent({ limits: { maxTokens: 2_000, maxCostUsd: 0.001 }, model: 'claude-sonnet-4-5' }), 4_000),
    ).toEqual({ agent: 'claude', tokens: 2_000, costUsd: 0.001 });
    expect(estimateRun(agents.local, 4_000)).toEqual({ agent: 'local', tokens: 5_000 });
  });

  it('runs every agent when the estimate fits, only those that fit when not, and none with run-none', () => {
    const plan = (b: RunBudgetConfig) =>
      planWithinBudget({
        agents,
        answerers: ['claude', 'codex', 'local'],
        prompt: 'x'.repeat(4_000),
        judges: ['claude'],
        judgeRuns: 2,
        budget: b,
      });
    expect(plan(budget({ maxTokens: 1_000_000 })).run).toEqual(['claude', 'codex', 'local']);
    const tight = plan(budget({ maxTokens: 30_000 }));
    expect(tight.run).toEqual(['claude']);
    expect(tight.left.map((l) => l.agent)).toEqual(['codex', 'local']);
    expect(tight.left[0]!.reason).toMatch(
      /^the estimate for the whole run \(\d+ tokens, \$\d+\.\d+ \(cost unknown for local\)\) is over the run budget \(max-tokens 30000\)$/,
    );
    const none = plan(budget({ maxTokens: 30_000, overEstimate: 'run-none' }));
    expect(none.run).toEqual([]);
    expect(none.note).toContain('no agent was started (settings.over-budget: run-none)');
    expect(plan(budget({ maxTokens: 1_000 })).run).toEqual([]);
  });
});

describe('config', () => {
  it('reads agent and run limits, fallbacks, judges, the estimate setting and price overrides', () => {
    const config = parseConfig(
      [
        'agents:',
        '  claude: { cli: claude, max-cost-usd: 0.5, max-tokens: 200000, max-turns: 8, fallback: [codex] }',
        '  codex: { cli: codex }',
        'pipelines:',
        '  ai-review: { agents: [claude, codex], reviewers: [codex, claude] }',
        'settings:',
        '  max-cost-usd: 2',
        '  max-tokens: 1000000',
        '  max-turns: 40',
        '  over-budget: run-none',
        '  prices: { my-model: { input: 1, output: 2, cached-input: 0.1 } }',
      ].join('\n'),
      'cfg.yml',
    );
    expect(config.agents.claude).toMatchObject({
      limits: { maxCostUsd: 0.5, maxTokens: 200_000, maxTurns: 8 },
      fallback: ['codex'],
    });
    expect(config.pipelines['ai-review']).toMatchObject({ reviewer: 'codex', reviewers: ['codex', 'claude'] });
    expect(config.settings.budget).toEqual({
      maxCostUsd: 2,
      maxTokens: 1_000_000,
      maxTurns: 40,
      overEstimate: 'run-none',
      prices: { 'my-model': { input: 1, output: 2, cachedInput: 0.1 } },
    });
  });

  it('names the key of a wrong budget, fallback or judge setting', () => {
    expect(() => parseConfig('agents:\n  claude: { cli: claude, max-tokens: 1.5 }\n', 'c.yml')).toThrow(
      'c.yml:2: agents.claude.max-tokens: must be a positive whole number',
    );
    expect(() => parseConfig('agents:\n  claude: { cli: claude, fallback: [nobody] }\n', 'c.yml')).toThrow(
      'agents.claude.fallback.0: unknown agent "nobody"',
    );
    expect(() => parseConfig('agents:\n  claude: { cli: claude, fallback: [claude] }\n', 'c.yml')).toThrow(
      'an agent cannot be its own fallback',
    );
    expect(() => parseConfig('pipelines:\n  ai-review: { reviewer: claude, reviewers: [gemini] }\n', 'c.yml')).toThrow(
      'set either "reviewer" (one judge) or "reviewers" (a list), not both',
    );
    expect(() => parseConfig('settings:\n  over-budget: maybe\n', 'c.yml')).toThrow(
      'settings.over-budget: must be one of run-fitting, run-none',
    );
    expect(() => parseConfig('settings:\n  prices: { m: { input: 1 } }\n', 'c.yml')).toThrow(
      'settings.prices.m: needs "input" and "output"',
    );
  });
});
