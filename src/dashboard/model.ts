// Turns stored run records into the numbers the dashboard shows: pure functions, one pass over the records each.
import type { StoredAgentRun, StoredRecord } from '../records/record.js';
import { type AgentRating, fitRatings, PairwiseTable } from './rating.js';

export interface Spread {
  count: number;
  median: number;
  /** 25th and 75th percentile. */
  q1: number;
  q3: number;
  min: number;
  max: number;
}

export function spreadOf(values: number[]): Spread | undefined {
  if (values.length === 0) return undefined;
  const s = [...values].sort((a, b) => a - b);
  const at = (q: number): number => {
    const pos = (s.length - 1) * q;
    const lo = Math.floor(pos);
    return s[lo]! + (s[Math.min(lo + 1, s.length - 1)]! - s[lo]!) * (pos - lo);
  };
  return { count: s.length, median: at(0.5), q1: at(0.25), q3: at(0.75), min: s[0]!, max: s[s.length - 1]! };
}

/** `2026-12` */
export const monthOf = (iso: string): string => iso.slice(0, 7);

/** The Monday of the week of `iso`, `2026-11-30`. */
export function weekOf(iso: string): string {
  const d = new Date(iso);
  const day = (d.getUTCDay() + 6) % 7;
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - day)).toISOString().slice(0, 10);
}

/** Every bucket from the first to the last, so a quiet week shows as a gap rather than disappearing. */
export function bucketsBetween(first: string, last: string, unit: 'week' | 'month'): string[] {
  const out: string[] = [];
  if (unit === 'month') {
    let [y, m] = first.split('-').map(Number) as [number, number];
    for (let key = first; key <= last; ) {
      out.push(key);
      m += 1;
      if (m > 12) (m = 1), (y += 1);
      key = `${y}-${String(m).padStart(2, '0')}`;
    }
    return out;
  }
  for (let t = Date.parse(first); t <= Date.parse(last); t += 7 * 86_400_000)
    out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

/** Counts by bucket and by a category: counts.get(category)[bucket index]. */
export interface Series {
  buckets: string[];
  categories: string[];
  counts: Map<string, number[]>;
}

function seriesBy(
  records: StoredRecord[],
  unit: 'week' | 'month',
  categoryOf: (r: StoredRecord) => string,
  amountOf: (r: StoredRecord) => number = () => 1,
): Series {
  const key = unit === 'week' ? weekOf : monthOf;
  const keys = records.map((r) => key(r.startedAt));
  const buckets = keys.length
    ? bucketsBetween(
        keys.reduce((a, b) => (a < b ? a : b)),
        keys.reduce((a, b) => (a > b ? a : b)),
        unit,
      )
    : [];
  const index = new Map(buckets.map((b, i) => [b, i]));
  const counts = new Map<string, number[]>();
  records.forEach((r, i) => {
    const c = categoryOf(r);
    let row = counts.get(c);
    if (!row) counts.set(c, (row = new Array<number>(buckets.length).fill(0)));
    row[index.get(keys[i]!)!]! += amountOf(r);
  });
  return { buckets, categories: [...counts.keys()].sort(), counts };
}

export interface AgentStats {
  agent: string;
  runs: number;
  successes: number;
  durationMs: Spread | undefined;
  costUsd: Spread | undefined;
  totalCostUsd: number;
  inputTokens: number;
  outputTokens: number;
}

function agentStats(records: StoredRecord[]): AgentStats[] {
  const by = new Map<string, StoredAgentRun[]>();
  for (const r of records) {
    for (const a of r.agents) {
      const runs = by.get(a.agent);
      if (runs) runs.push(a);
      else by.set(a.agent, [a]);
    }
  }
  return [...by]
    .map(([agent, runs]) => {
      const costs = runs.map((a) => a.usage.costUsd).filter((c): c is number => typeof c === 'number');
      return {
        agent,
        runs: runs.length,
        successes: runs.filter((a) => a.status === 'success').length,
        durationMs: spreadOf(runs.filter((a) => a.status === 'success').map((a) => a.durationMs)),
        costUsd: spreadOf(costs),
        totalCostUsd: costs.reduce((s, c) => s + c, 0),
        inputTokens: runs.reduce((s, a) => s + (a.usage.inputTokens ?? 0), 0),
        outputTokens: runs.reduce((s, a) => s + (a.usage.outputTokens ?? 0), 0),
      };
    })
    .sort((a, b) => b.runs - a.runs || a.agent.localeCompare(b.agent));
}

export const runCost = (r: StoredRecord): number => r.agents.reduce((s, a) => s + (a.usage.costUsd ?? 0), 0);

export interface RelayStats {
  runs: number;
  successes: number;
  stages: { stage: string; runs: number; passed: number }[];
  /** Runs by the highest round any stage reached (1 = passed the first time through). */
  rounds: Map<number, number>;
  withPullRequest: number;
  merged: number;
}

function relayStats(records: StoredRecord[], merged: ReadonlySet<string>): RelayStats {
  const relays = records.filter((r) => r.relay);
  const stages = new Map<string, { stage: string; runs: number; passed: number }>();
  const rounds = new Map<number, number>();
  for (const r of relays) {
    for (const s of r.relay!.stages) {
      const e = stages.get(s.stage) ?? { stage: s.stage, runs: 0, passed: 0 };
      e.runs += 1;
      if (s.passed) e.passed += 1;
      stages.set(s.stage, e);
    }
    const most = Math.max(1, ...r.relay!.stages.map((s) => s.round));
    rounds.set(most, (rounds.get(most) ?? 0) + 1);
  }
  return {
    runs: relays.length,
    successes: relays.filter((r) => r.status === 'success').length,
    stages: [...stages.values()],
    rounds,
    withPullRequest: relays.filter((r) => r.relay!.prUrl).length,
    merged: relays.filter((r) => r.relay!.prUrl && merged.has(r.relay!.prUrl)).length,
  };
}

export interface Leaderboard {
  ratings: AgentRating[];
  table: PairwiseTable;
  reviews: number;
  /** Cumulative ratings at the end of each month: history.get(agent)[month index]. */
  months: string[];
  history: Map<string, (number | undefined)[]>;
}

function leaderboard(records: StoredRecord[]): Leaderboard {
  const reviews = records
    .filter((r) => r.review && r.review.ranking.length + r.review.unranked.length >= 2)
    .sort((a, b) => a.startedAt.localeCompare(b.startedAt));
  const table = new PairwiseTable();
  const months = reviews.length
    ? bucketsBetween(monthOf(reviews[0]!.startedAt), monthOf(reviews[reviews.length - 1]!.startedAt), 'month')
    : [];
  const history = new Map<string, (number | undefined)[]>();
  let next = 0;
  months.forEach((month, m) => {
    while (next < reviews.length && monthOf(reviews[next]!.startedAt) <= month) table.add(reviews[next++]!.review!);
    for (const r of fitRatings(table)) {
      if (!history.has(r.agent)) history.set(r.agent, new Array<number | undefined>(months.length).fill(undefined));
      history.get(r.agent)![m] = r.rating;
    }
  });
  return { ratings: fitRatings(table), table, reviews: reviews.length, months, history };
}

export interface DatasetStats {
  runs: number;
  rowsByFormat: Map<string, number>;
  /** Cumulative rows (all formats) at the end of each month. */
  months: string[];
  cumulative: Map<string, number[]>;
  kept: number;
  dropped: number;
  pairsMade: number;
  pairsMissing: number;
  recent: StoredRecord[];
}

function datasetStats(records: StoredRecord[]): DatasetStats {
  const runs = records.filter((r) => r.datasets).sort((a, b) => a.startedAt.localeCompare(b.startedAt));
  const monthly = seriesBy(runs, 'month', () => 'rows');
  const rowsByFormat = new Map<string, number>();
  const cumulative = new Map<string, number[]>();
  const index = new Map(monthly.buckets.map((b, i) => [b, i]));
  for (const r of runs) {
    for (const [format, n] of Object.entries(r.datasets!.rows)) {
      rowsByFormat.set(format, (rowsByFormat.get(format) ?? 0) + n);
      if (!cumulative.has(format)) cumulative.set(format, new Array<number>(monthly.buckets.length).fill(0));
      cumulative.get(format)![index.get(monthOf(r.startedAt))!]! += n;
    }
  }
  for (const row of cumulative.values()) for (let i = 1; i < row.length; i++) row[i]! += row[i - 1]!;
  return {
    runs: runs.length,
    rowsByFormat,
    months: monthly.buckets,
    cumulative,
    kept: runs.reduce((s, r) => s + r.datasets!.kept, 0),
    dropped: runs.reduce((s, r) => s + r.datasets!.dropped, 0),
    pairsMade: runs.filter((r) => r.datasets!.pair).length,
    pairsMissing: runs.filter((r) => !r.datasets!.pair).length,
    recent: runs.slice(-12).reverse(),
  };
}

export interface DashboardModel {
  generatedAt: string;
  records: number;
  first?: string;
  last?: string;
  unit: 'week' | 'month';
  byPipeline: Series;
  byOutcome: Series;
  failures: StoredRecord[];
  failureCount: number;
  agents: AgentStats[];
  costPerRun: Spread | undefined;
  costByMonth: Series;
  totalCostUsd: number;
  totalTokens: number;
  relay: RelayStats;
  leaderboard: Leaderboard;
  datasets: DatasetStats;
}

/** How many failures the page lists (the newest). */
export const FAILURES_LISTED = 25;

export function buildModel(input: {
  records: StoredRecord[];
  merged?: ReadonlySet<string>;
  now: Date;
}): DashboardModel {
  const records = [...input.records].sort((a, b) => a.startedAt.localeCompare(b.startedAt));
  const first = records[0]?.startedAt;
  const last = records[records.length - 1]?.startedAt;
  // Weeks while they fit a chart; months beyond half a year.
  const unit = first && last && Date.parse(last) - Date.parse(first) > 182 * 86_400_000 ? 'month' : 'week';
  const failures = records.filter((r) => r.status !== 'success');
  const agents = agentStats(records);
  return {
    generatedAt: input.now.toISOString(),
    records: records.length,
    first,
    last,
    unit,
    byPipeline: seriesBy(records, unit, (r) => r.pipeline),
    byOutcome: seriesBy(records, unit, (r) => r.status),
    failures: failures.slice(-FAILURES_LISTED).reverse(),
    failureCount: failures.length,
    agents,
    costPerRun: spreadOf(records.map(runCost).filter((c) => c > 0)),
    costByMonth: seriesBy(records, 'month', (r) => r.pipeline, runCost),
    totalCostUsd: agents.reduce((s, a) => s + a.totalCostUsd, 0),
    totalTokens: agents.reduce((s, a) => s + a.inputTokens + a.outputTokens, 0),
    relay: relayStats(records, input.merged ?? new Set()),
    leaderboard: leaderboard(records),
    datasets: datasetStats(records),
  };
}
