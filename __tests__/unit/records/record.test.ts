// Tests the stored record's form: the reviewer's confidence is read, the relay is kept short, junk lines are refused.
import { describe, expect, it } from 'vitest';
import { generateHistory } from '../../../__fixtures__/dashboard/generate.js';
import { parseReview } from '../../../src/parsers/ranking.js';
import { parseStoredRecord } from '../../../src/records/record.js';

describe('the reviewer’s confidence', () => {
  const review = (last: string) =>
    ['### Synthesis', 'S.', '### Disagreements', 'None', '### Ranking', '1. B — best', '2. A — fine', last].join('\n');
  it('is read from the ranking section’s last line, however it is decorated', () => {
    expect(parseReview(review('Confidence: low'), ['A', 'B']).confidence).toBe('low');
    expect(parseReview(review('**Confidence:** High'), ['A', 'B']).confidence).toBe('high');
    expect(parseReview(review('- confidence — medium'), ['A', 'B']).confidence).toBe('medium');
  });
  it('is absent when the reviewer gave none, and the ranking is unchanged by it', () => {
    const parsed = parseReview(review(''), ['A', 'B']);
    expect(parsed.confidence).toBeUndefined();
    expect(parseReview(review('Confidence: high'), ['A', 'B']).ranking).toEqual(parsed.ranking);
  });
});

describe('stored records', () => {
  const { results, records } = generateHistory(60, 3);
  it('keep the relay’s stages without their reasons or commands, and the datasets as counts', () => {
    const relay = records.find((r) => r.relay)!;
    expect(Object.keys(relay.relay!.stages[0]!).sort()).toEqual(
      expect.arrayContaining(['agent', 'passed', 'round', 'stage']),
    );
    expect(JSON.stringify(relay)).not.toContain('"reason":"the reviewer asked');
    const persona = records.find((r) => r.datasets)!;
    expect(Object.keys(persona.datasets!).sort()).toEqual(['dropped', 'kept', 'pair', 'personas', 'rows']);
    expect(results.length).toBe(records.length);
  });
  it('survive a JSON round trip, and lines that are not records are refused', () => {
    for (const r of records) expect(parseStoredRecord(JSON.stringify(r))).toEqual(r);
    for (const junk of [
      '',
      'not json',
      '{}',
      '{"store":2,"id":"x"}',
      JSON.stringify({ ...records[0], startedAt: 'yesterday' }),
      JSON.stringify({ store: 1, run: 'x', format: 'dpo', row: {} }),
    ]) {
      expect(parseStoredRecord(junk)).toBeUndefined();
    }
  });
});
