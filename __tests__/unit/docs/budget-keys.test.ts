// Every budget, fallback and judge key is documented: in the README, in the schema, and used in the example config.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/config/parse.js';

const root = new URL('../../../', import.meta.url);
const read = (path: string): string => readFileSync(new URL(path, root), 'utf8');

const KEYS = [
  'max-cost-usd',
  'max-tokens',
  'max-turns',
  'over-budget',
  'prices',
  'fallback',
  'reviewers',
  'cached-input',
];

describe('budget, fallback and judge keys', () => {
  it('are in the README, the schema and the example config, which loads', () => {
    const readme = read('README.md');
    const schema = read('schema/ai-orchestra.schema.json');
    const example = read('examples/ai-orchestra.yml');
    for (const key of KEYS.filter((k) => k !== 'cached-input')) expect(readme).toContain(`\`${key}\``);
    for (const key of KEYS) expect(schema).toContain(`"${key}"`);
    for (const key of KEYS.filter((k) => k !== 'cached-input')) expect(example).toContain(`${key}:`);
    const config = parseConfig(example, 'examples/ai-orchestra.yml');
    expect(config.settings.budget).toMatchObject({
      maxCostUsd: 2,
      maxTokens: 2_000_000,
      maxTurns: 60,
      overEstimate: 'run-fitting',
    });
    expect(config.agents.claude).toMatchObject({
      limits: { maxCostUsd: 0.5, maxTokens: 400_000, maxTurns: 20 },
      fallback: ['codex'],
    });
    expect(config.pipelines['ai-review'].reviewers).toEqual(['claude', 'gemini']);
  });

  it("docs/budgets.md gives the price table's date as the code has it", async () => {
    const { PRICES_AS_OF } = await import('../../../src/budget/prices.js');
    expect(read('docs/budgets.md')).toContain(PRICES_AS_OF);
  });
});
