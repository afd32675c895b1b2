// Borda aggregation of rankings made in two orders: agreement keeps the order, disagreement becomes a low-confidence tie.
import { describe, expect, it } from 'vitest';
import { aggregateRankings, pairVerdict, type Ranking } from '../../../src/judging/aggregate.js';
import { assignAnswers } from '../../../src/judging/judge-answers.js';

const ranking = (shown: string[], ranked: string[], judge = 'j'): Ranking => ({ judge, shown, ranked });

describe('aggregateRankings', () => {
  it('keeps a ranking both orders agree on, with high confidence', () => {
    const { rows, disputed } = aggregateRankings(
      ['A', 'B', 'C'],
      [ranking(['A', 'B', 'C'], ['B', 'A', 'C']), ranking(['C', 'B', 'A'], ['B', 'A', 'C'])],
    );
    expect(rows.map((r) => [r.letter, r.rank, r.tied, r.confidence])).toEqual([
      ['B', 1, false, 'high'],
      ['A', 2, false, 'high'],
      ['C', 3, false, 'high'],
    ]);
    expect(disputed).toEqual([]);
  });

  it('turns a position-biased judge (first seen wins) into one tie with low confidence', () => {
    const { rows, disputed } = aggregateRankings(
      ['A', 'B', 'C'],
      [ranking(['A', 'B', 'C'], ['A', 'B', 'C']), ranking(['C', 'B', 'A'], ['C', 'B', 'A'])],
    );
    expect(rows.map((r) => [r.rank, r.tied, r.confidence])).toEqual([
      [1, true, 'low'],
      [1, true, 'low'],
      [1, true, 'low'],
    ]);
    expect(disputed).toHaveLength(3);
  });

  it('ties only the disputed pair and keeps the rest ordered', () => {
    const { rows } = aggregateRankings(
      ['A', 'B', 'C'],
      [ranking(['A', 'B', 'C'], ['A', 'B', 'C']), ranking(['C', 'B', 'A'], ['B', 'A', 'C'])],
    );
    expect(rows.map((r) => [r.letter, r.rank, r.confidence])).toEqual([
      ['A', 1, 'low'],
      ['B', 1, 'low'],
      ['C', 3, 'high'],
    ]);
  });

  it('marks a letter seen by a single ranking as low confidence', () => {
    const { rows } = aggregateRankings(['A', 'B'], [ranking(['A', 'B'], ['B', 'A'])]);
    expect(rows.map((r) => [r.letter, r.rank, r.confidence])).toEqual([
      ['B', 1, 'low'],
      ['A', 2, 'low'],
    ]);
  });

  it('pairVerdict: agreed, disputed, or never compared', () => {
    const both = [ranking(['A', 'B'], ['A', 'B']), ranking(['B', 'A'], ['A', 'B'])];
    expect(pairVerdict('A', 'B', both)).toBe(-1);
    expect(pairVerdict('A', 'B', [ranking(['A', 'B'], ['A', 'B']), ranking(['B', 'A'], ['B', 'A'])])).toBeUndefined();
    expect(pairVerdict('A', 'C', both)).toBe(0);
  });
});

describe('assignAnswers', () => {
  const judges = [
    { agent: 'claude', vendor: 'claude' },
    { agent: 'gemini', vendor: 'gemini' },
  ];
  const answer = (letter: string, vendor: string) => ({ letter, text: letter, vendor });

  it("never gives a judge its own vendor's answer when another judge can rank it", () => {
    const { assignment, ownVendor } = assignAnswers(judges, [
      answer('A', 'claude'),
      answer('B', 'gemini'),
      answer('C', 'codex'),
    ]);
    expect(Object.fromEntries(assignment)).toEqual({ claude: ['B', 'C'], gemini: ['A', 'C'] });
    expect(ownVendor).toEqual([]);
  });

  it('a lone judge ranks everything, and the answers of its own vendor are named', () => {
    const { assignment, ownVendor } = assignAnswers([judges[0]!], [answer('A', 'claude'), answer('B', 'codex')]);
    expect(Object.fromEntries(assignment)).toEqual({ claude: ['A', 'B'] });
    expect(ownVendor).toEqual(['A']);
  });

  it('when keeping vendors apart leaves no judge a pair, every judge ranks everything', () => {
    const { assignment, ownVendor } = assignAnswers(judges, [answer('A', 'claude'), answer('B', 'gemini')]);
    expect(Object.fromEntries(assignment)).toEqual({ claude: ['A', 'B'], gemini: ['A', 'B'] });
    expect(ownVendor).toEqual(['A', 'B']);
  });
});
