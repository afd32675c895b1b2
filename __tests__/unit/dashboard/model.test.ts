// Tests the dashboard's numbers against a generated history whose facts are counted independently here.
import { describe, expect, it } from 'vitest';
import { generateHistory } from '../../../__fixtures__/dashboard/generate.js';
import {
  bucketsBetween,
  buildModel,
  FAILURES_LISTED,
  runCost,
  spreadOf,
  weekOf,
} from '../../../src/dashboard/model.js';
import { renderDashboard } from '../../../src/dashboard/page.js';
import { mergedPullUrls } from '../../../src/records/local.js';

const { records, pulls } = generateHistory(300, 5);
const merged = mergedPullUrls(pulls);
const model = buildModel({ records, merged, now: new Date('2026-12-04T00:00:00Z') });

describe('the dashboard model', () => {
  it('counts every run once by pipeline and by outcome, over gap-free months', () => {
    const total = (counts: Map<string, number[]>) => [...counts.values()].flat().reduce((s, n) => s + n, 0);
    expect(total(model.byPipeline.counts)).toBe(300);
    expect(total(model.byOutcome.counts)).toBe(300);
    expect(model.unit).toBe('month');
    expect(model.byPipeline.buckets).toEqual(
      bucketsBetween(model.byPipeline.buckets[0]!, model.byPipeline.buckets.at(-1)!, 'month'),
    );
  });

  it('lists the newest failures, newest first, and counts them all', () => {
    const failed = records.filter((r) => r.status !== 'success');
    expect(model.failureCount).toBe(failed.length);
    expect(model.failures).toHaveLength(Math.min(FAILURES_LISTED, failed.length));
    expect(model.failures[0]!.startedAt >= model.failures.at(-1)!.startedAt).toBe(true);
  });

  it('adds up cost, tokens, the relay’s merged pull requests and the dataset rows', () => {
    expect(model.totalCostUsd).toBeCloseTo(
      records.reduce((s, r) => s + runCost(r), 0),
      6,
    );
    const monthly = [...model.costByMonth.counts.values()].flat().reduce((s, n) => s + n, 0);
    expect(monthly).toBeCloseTo(model.totalCostUsd, 6);
    const relays = records.filter((r) => r.relay);
    expect(model.relay.runs).toBe(relays.length);
    expect(model.relay.merged).toBe(relays.filter((r) => r.relay!.prUrl && merged.has(r.relay!.prUrl)).length);
    expect(model.relay.merged).toBeGreaterThan(0);
    const rows = records.reduce((s, r) => s + (r.datasets?.rows['openai-chat'] ?? 0), 0);
    expect(model.datasets.rowsByFormat.get('openai-chat')).toBe(rows);
    expect(model.datasets.cumulative.get('openai-chat')!.at(-1)).toBe(rows);
  });

  it('rates the generator’s strongest agent first and keeps a rating history per month', () => {
    expect(model.leaderboard.ratings[0]!.agent).toBe('claude');
    expect(model.leaderboard.history.get('claude')!.at(-1)).toBeCloseTo(model.leaderboard.ratings[0]!.rating, 6);
  });

  it('medians and quartiles', () => {
    expect(spreadOf([4, 1, 3, 2])).toEqual({ count: 4, median: 2.5, q1: 1.75, q3: 3.25, min: 1, max: 4 });
    expect(spreadOf([])).toBeUndefined();
    expect(weekOf('2026-12-03T10:00:00Z')).toBe('2026-11-30');
  });

  it('renders an empty store as a page that says so', () => {
    const html = renderDashboard({ records: [], now: new Date('2026-12-04T00:00:00Z') });
    expect(html).toContain('No runs recorded yet.');
    expect(html).toContain('No review has ranked two answers yet.');
  });
});
