// The leaderboard's model: a Bradley–Terry rating per agent, fit to the pairwise outcomes of every review's ranking.
import type { ReviewConfidence } from '../parsers/ranking.js';

/** One review's ranking as the model sees it. */
export interface RankingObservation {
  /** Agents best first. */
  ranking: string[];
  /** Agents that answered but were not ranked: below every ranked one, tied among themselves. */
  unranked?: string[];
  confidence?: ReviewConfidence;
}

/** How much a ranking counts by the reviewer's stated confidence; a ranking without one counts as medium. */
export const CONFIDENCE_WEIGHT: Record<ReviewConfidence, number> = { high: 1, medium: 0.6, low: 0.25 };

export function observationWeight(o: RankingObservation): number {
  return CONFIDENCE_WEIGHT[o.confidence ?? 'medium'];
}

/** Weighted pairwise results: wins[a][b] is how much a beat b (a tie gives each half). */
export class PairwiseTable {
  readonly wins = new Map<string, Map<string, number>>();
  /** Unweighted number of comparisons of each pair, for the head-to-head matrix. */
  readonly games = new Map<string, Map<string, number>>();

  private bump(table: Map<string, Map<string, number>>, a: string, b: string, by: number): void {
    let row = table.get(a);
    if (!row) table.set(a, (row = new Map()));
    row.set(b, (row.get(b) ?? 0) + by);
  }

  record(winner: string, loser: string, weight: number, tie = false): void {
    if (winner === loser) return;
    if (tie) {
      this.bump(this.wins, winner, loser, weight / 2);
      this.bump(this.wins, loser, winner, weight / 2);
    } else this.bump(this.wins, winner, loser, weight);
    this.bump(this.games, winner, loser, 1);
    this.bump(this.games, loser, winner, 1);
  }

  add(o: RankingObservation): void {
    const w = observationWeight(o);
    const unranked = o.unranked ?? [];
    o.ranking.forEach((a, i) => {
      for (const b of o.ranking.slice(i + 1)) this.record(a, b, w);
      for (const b of unranked) this.record(a, b, w);
    });
    unranked.forEach((a, i) => {
      for (const b of unranked.slice(i + 1)) this.record(a, b, w, true);
    });
  }

  winsOf(a: string, b: string): number {
    return this.wins.get(a)?.get(b) ?? 0;
  }

  gamesOf(a: string, b: string): number {
    return this.games.get(a)?.get(b) ?? 0;
  }

  agents(): string[] {
    return [...new Set([...this.games.keys(), ...[...this.games.values()].flatMap((m) => [...m.keys()])])].sort();
  }
}

export interface AgentRating {
  agent: string;
  /** On the Elo scale: 400 points = 10:1 odds; the agents' mean is 1500. */
  rating: number;
  /** 95% interval of the rating (normal approximation from the Fisher information). */
  low: number;
  high: number;
  /** Comparisons the agent took part in (unweighted). */
  games: number;
}

const ELO = 400 / Math.LN10;
/** A weak normal prior on each strength (sd 2 in log-odds, ~350 Elo): keeps an undefeated agent's rating finite. */
const PRIOR_PRECISION = 1 / 4;
const MAX_NEWTON_STEPS = 100;

/** Inverse of a symmetric positive definite matrix (Gauss–Jordan; the matrices here are agents × agents). */
function invert(m: number[][]): number[][] {
  const n = m.length;
  const a = m.map((row, i) => [...row, ...Array.from({ length: n }, (_, j) => (i === j ? 1 : 0))]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(a[r]![c]!) > Math.abs(a[p]![c]!)) p = r;
    [a[c], a[p]] = [a[p]!, a[c]!];
    const pivot = a[c]![c]!;
    for (let j = 0; j < 2 * n; j++) a[c]![j]! /= pivot;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = a[r]![c]!;
      if (f !== 0) for (let j = 0; j < 2 * n; j++) a[r]![j]! -= f * a[c]![j]!;
    }
  }
  return a.map((row) => row.slice(n));
}

const logistic = (x: number): number => 1 / (1 + Math.exp(-x));

/**
 * Maximum a posteriori Bradley–Terry strengths by Newton's method (the log-posterior is concave), with each agent's
 * interval from the inverse of the negative Hessian (the Fisher information plus the prior's precision).
 */
export function fitRatings(table: PairwiseTable, agents = table.agents()): AgentRating[] {
  const n = agents.length;
  if (n === 0) return [];
  const wins = agents.map((a) => agents.map((b) => table.winsOf(a, b)));
  const theta = new Array<number>(n).fill(0);
  let information: number[][] = [];
  for (let step = 0; step < MAX_NEWTON_STEPS; step++) {
    const gradient = theta.map((t) => -PRIOR_PRECISION * t);
    information = agents.map((_, i) => agents.map((__, j) => (i === j ? PRIOR_PRECISION : 0)));
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        const games = wins[i]![j]! + wins[j]![i]!;
        if (i === j || games === 0) continue;
        const p = logistic(theta[i]! - theta[j]!);
        gradient[i]! += wins[i]![j]! - games * p;
        const v = games * p * (1 - p);
        information[i]![i]! += v;
        information[i]![j]! -= v;
      }
    }
    const cov = invert(information);
    const delta = cov.map((row) => row.reduce((s, c, j) => s + c * gradient[j]!, 0));
    for (let i = 0; i < n; i++) theta[i]! += delta[i]!;
    if (Math.max(...delta.map(Math.abs)) < 1e-10) break;
  }
  const cov = invert(information);
  const mean = theta.reduce((s, t) => s + t, 0) / n;
  return agents
    .map((agent, i) => {
      // Variance of θi − mean(θ): the rating is relative to the field.
      const e = agents.map((_, k) => (k === i ? 1 : 0) - 1 / n);
      const variance = e.reduce((s, ek, k) => s + ek * cov[k]!.reduce((t, c, l) => t + c * e[l]!, 0), 0);
      const rating = 1500 + ELO * (theta[i]! - mean);
      const half = 1.96 * ELO * Math.sqrt(Math.max(variance, 0));
      const games = agents.reduce((s, b) => s + table.gamesOf(agent, b), 0);
      return { agent, rating, low: rating - half, high: rating + half, games };
    })
    .sort((a, b) => b.rating - a.rating || a.agent.localeCompare(b.agent));
}

/** Ratings from a list of rankings. */
export function rateAgents(observations: Iterable<RankingObservation>): {
  ratings: AgentRating[];
  table: PairwiseTable;
} {
  const table = new PairwiseTable();
  for (const o of observations) table.add(o);
  return { ratings: fitRatings(table), table };
}
