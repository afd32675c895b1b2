import { createRequire as __aiOrchestraCreateRequire } from 'node:module'; const require = __aiOrchestraCreateRequire(import.meta.url);

// src/dashboard/rating.ts
var CONFIDENCE_WEIGHT = { high: 1, medium: 0.6, low: 0.25 };
function observationWeight(o) {
  return CONFIDENCE_WEIGHT[o.confidence ?? "medium"];
}
var PairwiseTable = class {
  wins = /* @__PURE__ */ new Map();
  /** Unweighted number of comparisons of each pair, for the head-to-head matrix. */
  games = /* @__PURE__ */ new Map();
  bump(table, a, b, by) {
    let row = table.get(a);
    if (!row) table.set(a, row = /* @__PURE__ */ new Map());
    row.set(b, (row.get(b) ?? 0) + by);
  }
  record(winner, loser, weight, tie = false) {
    if (winner === loser) return;
    if (tie) {
      this.bump(this.wins, winner, loser, weight / 2);
      this.bump(this.wins, loser, winner, weight / 2);
    } else this.bump(this.wins, winner, loser, weight);
    this.bump(this.games, winner, loser, 1);
    this.bump(this.games, loser, winner, 1);
  }
  add(o) {
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
  winsOf(a, b) {
    return this.wins.get(a)?.get(b) ?? 0;
  }
  gamesOf(a, b) {
    return this.games.get(a)?.get(b) ?? 0;
  }
  agents() {
    return [.../* @__PURE__ */ new Set([...this.games.keys(), ...[...this.games.values()].flatMap((m) => [...m.keys()])])].sort();
  }
};
var ELO = 400 / Math.LN10;
var PRIOR_PRECISION = 1 / 4;
var MAX_NEWTON_STEPS = 100;
function invert(m) {
  const n = m.length;
  const a = m.map((row, i) => [...row, ...Array.from({ length: n }, (_, j) => i === j ? 1 : 0)]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(a[r][c]) > Math.abs(a[p][c])) p = r;
    [a[c], a[p]] = [a[p], a[c]];
    const pivot = a[c][c];
    for (let j = 0; j < 2 * n; j++) a[c][j] /= pivot;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = a[r][c];
      if (f !== 0) for (let j = 0; j < 2 * n; j++) a[r][j] -= f * a[c][j];
    }
  }
  return a.map((row) => row.slice(n));
}
var logistic = (x) => 1 / (1 + Math.exp(-x));
function fitRatings(table, agents = table.agents()) {
  const n = agents.length;
  if (n === 0) return [];
  const wins = agents.map((a) => agents.map((b) => table.winsOf(a, b)));
  const theta = new Array(n).fill(0);
  let information = [];
  for (let step = 0; step < MAX_NEWTON_STEPS; step++) {
    const gradient = theta.map((t) => -PRIOR_PRECISION * t);
    information = agents.map((_, i) => agents.map((__, j) => i === j ? PRIOR_PRECISION : 0));
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        const games = wins[i][j] + wins[j][i];
        if (i === j || games === 0) continue;
        const p = logistic(theta[i] - theta[j]);
        gradient[i] += wins[i][j] - games * p;
        const v = games * p * (1 - p);
        information[i][i] += v;
        information[i][j] -= v;
      }
    }
    const cov2 = invert(information);
    const delta = cov2.map((row) => row.reduce((s, c, j) => s + c * gradient[j], 0));
    for (let i = 0; i < n; i++) theta[i] += delta[i];
    if (Math.max(...delta.map(Math.abs)) < 1e-10) break;
  }
  const cov = invert(information);
  const mean = theta.reduce((s, t) => s + t, 0) / n;
  return agents.map((agent, i) => {
    const e = agents.map((_, k) => (k === i ? 1 : 0) - 1 / n);
    const variance = e.reduce((s, ek, k) => s + ek * cov[k].reduce((t, c, l) => t + c * e[l], 0), 0);
    const rating = 1500 + ELO * (theta[i] - mean);
    const half = 1.96 * ELO * Math.sqrt(Math.max(variance, 0));
    const games = agents.reduce((s, b) => s + table.gamesOf(agent, b), 0);
    return { agent, rating, low: rating - half, high: rating + half, games };
  }).sort((a, b) => b.rating - a.rating || a.agent.localeCompare(b.agent));
}
function rateAgents(observations) {
  const table = new PairwiseTable();
  for (const o of observations) table.add(o);
  return { ratings: fitRatings(table), table };
}

export {
  PairwiseTable,
  fitRatings,
  rateAgents
};
