// Tests the Bradley–Terry leaderboard on synthetic rankings whose true order is known.
import { describe, expect, it } from 'vitest';
import { seeded } from '../../../__fixtures__/dashboard/generate.js';
import { fitRatings, PairwiseTable, type RankingObservation, rateAgents } from '../../../src/dashboard/rating.js';

/** A Plackett–Luce ranking of `agents` under true strengths: the best is drawn first in proportion to strength. */
function sampleRanking(strength: Record<string, number>, agents: string[], random: () => number): string[] {
  const left = [...agents];
  const out: string[] = [];
  while (left.length > 0) {
    const total = left.reduce((s, a) => s + strength[a]!, 0);
    let pick = random() * total;
    const i = left.findIndex((a) => (pick -= strength[a]!) <= 0);
    out.push(...left.splice(i < 0 ? left.length - 1 : i, 1));
  }
  return out;
}

describe('the rating model', () => {
  it('recovers a known order from noisy rankings of three of five agents at a time, with intervals that shrink with data', () => {
    const strength = { claude: 8, codex: 4, gemini: 2, qwen: 1, copilot: 0.5 };
    const names = Object.keys(strength);
    const random = seeded(7);
    const observations = (count: number): RankingObservation[] =>
      Array.from({ length: count }, () => {
        const three = [...names].sort(() => random() - 0.5).slice(0, 3);
        return { ranking: sampleRanking(strength, three, random), confidence: 'high' as const };
      });
    const many = rateAgents(observations(600)).ratings;
    expect(many.map((r) => r.agent)).toEqual(['claude', 'codex', 'gemini', 'qwen', 'copilot']);
    // Each step doubles the strength: log10(2) × 400 ≈ 120 Elo between neighbours.
    const gap = many[0]!.rating - many[1]!.rating;
    expect(gap).toBeGreaterThan(60);
    expect(gap).toBeLessThan(180);
    for (const r of many) expect(r.low).toBeLessThan(r.rating), expect(r.high).toBeGreaterThan(r.rating);
    const few = rateAgents(observations(30)).ratings;
    const width = (rs: typeof many, agent: string) =>
      rs.find((r) => r.agent === agent)!.high - rs.find((r) => r.agent === agent)!.low;
    expect(width(few, 'claude')).toBeGreaterThan(2 * width(many, 'claude'));
    expect(many.reduce((s, r) => s + r.rating, 0) / many.length).toBeCloseTo(1500, 6);
  });

  it('rates agents that always tie (both unranked) the same, and the ranked one above them', () => {
    const { ratings, table } = rateAgents(
      Array.from({ length: 20 }, () => ({ ranking: ['claude'], unranked: ['gemini', 'codex'] })),
    );
    const by = Object.fromEntries(ratings.map((r) => [r.agent, r]));
    expect(by.gemini!.rating).toBeCloseTo(by.codex!.rating, 9);
    expect(by.claude!.rating).toBeGreaterThan(by.gemini!.rating + 100);
    expect(table.winsOf('gemini', 'codex')).toBeCloseTo(table.winsOf('codex', 'gemini'), 9);
    expect(table.gamesOf('gemini', 'codex')).toBe(20);
  });

  it('lets a high-confidence ranking outweigh a low-confidence one that says the opposite', () => {
    const observations: RankingObservation[] = [
      ...Array.from({ length: 10 }, () => ({ ranking: ['claude', 'gemini'], confidence: 'high' as const })),
      ...Array.from({ length: 10 }, () => ({ ranking: ['gemini', 'claude'], confidence: 'low' as const })),
    ];
    const [first, second] = rateAgents(observations).ratings;
    expect(first!.agent).toBe('claude');
    expect(first!.rating - second!.rating).toBeGreaterThan(50);
    // With equal confidence the two cancel out.
    const even = rateAgents(observations.map((o) => ({ ...o, confidence: 'high' as const }))).ratings;
    expect(even[0]!.rating).toBeCloseTo(even[1]!.rating, 9);
  });

  it('a low-confidence ranking moves the ratings less, and widens the interval less, than a confident one', () => {
    const spread = (confidence: 'high' | 'low') => {
      const [a, b] = rateAgents(
        Array.from({ length: 5 }, () => ({ ranking: ['claude', 'gemini'], confidence })),
      ).ratings;
      return { gap: a!.rating - b!.rating, width: a!.high - a!.low };
    };
    expect(spread('high').gap).toBeGreaterThan(spread('low').gap);
    expect(spread('high').width).toBeLessThan(spread('low').width);
  });

  it('keeps an undefeated agent’s rating finite, and rates nobody from no rankings', () => {
    const [top] = rateAgents(Array.from({ length: 50 }, () => ({ ranking: ['claude', 'gemini', 'codex'] }))).ratings;
    expect(Number.isFinite(top!.rating) && Number.isFinite(top!.high)).toBe(true);
    expect(fitRatings(new PairwiseTable())).toEqual([]);
  });
});
