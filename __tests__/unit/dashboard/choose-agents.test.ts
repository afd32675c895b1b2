// Tests `agents: top-N`: the config form, the pure choice (best-rated first, a deterministic exploration share), and
// the status comment's line saying why.
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/config/parse.js';
import { chooseAgents, EXPLORATION_SHARE, renderChoice } from '../../../src/dashboard/choose-agents.js';
import type { AgentRating } from '../../../src/dashboard/rating.js';
import { renderStatusComment } from '../../../src/report/status-comment.js';

const rating = (agent: string, r: number): AgentRating => ({ agent, rating: r, low: r - 40, high: r + 40, games: 50 });
const RATINGS = [
  rating('claude', 1650),
  rating('codex', 1600),
  rating('gemini', 1550),
  rating('copilot', 1450),
  rating('qwen', 1350),
];
const POOL = ['claude', 'gemini', 'codex', 'copilot', 'qwen'];
const runIds = Array.from({ length: 2000 }, (_, i) => String(9_000_000 + i));

describe('choosing agents by the leaderboard', () => {
  it('takes the N best-rated agents of the pool, best first, and says why', () => {
    const normal = runIds.find((id) =>
      chooseAgents({ pool: POOL, ratings: RATINGS, top: 3, runId: id }).every(
        (c) => !c.reason.startsWith('exploration'),
      ),
    )!;
    const chosen = chooseAgents({ pool: POOL, ratings: RATINGS, top: 3, runId: normal });
    expect(chosen.map((c) => c.agent)).toEqual(['claude', 'codex', 'gemini']);
    expect(chosen[0]!.reason).toBe('#1 on the leaderboard (rating 1650, 95% 1610–1690)');
  });

  it('gives about one run in ten, the same for the same run id, to an agent outside the top N in the last place', () => {
    const explored = runIds.filter((id) =>
      chooseAgents({ pool: POOL, ratings: RATINGS, top: 3, runId: id })[2]!.reason.startsWith('exploration'),
    );
    const share = explored.length / runIds.length;
    expect(share).toBeGreaterThan(EXPLORATION_SHARE * 0.6);
    expect(share).toBeLessThan(EXPLORATION_SHARE * 1.4);
    const guests = new Set(
      explored.map((id) => chooseAgents({ pool: POOL, ratings: RATINGS, top: 3, runId: id })[2]!.agent),
    );
    expect([...guests].sort()).toEqual(['copilot', 'qwen']);
    const one = explored[0]!;
    expect(chooseAgents({ pool: POOL, ratings: RATINGS, top: 3, runId: one })).toEqual(
      chooseAgents({ pool: POOL, ratings: RATINGS, top: 3, runId: one }),
    );
    expect(
      chooseAgents({ pool: POOL, ratings: RATINGS, top: 3, runId: one })
        .slice(0, 2)
        .map((c) => c.agent),
    ).toEqual(['claude', 'codex']);
  });

  it('fills places the ratings cannot with unrated agents, and ignores ratings of agents no longer defined', () => {
    const chosen = chooseAgents({
      pool: ['claude', 'newcomer', 'gemini'],
      ratings: [rating('retired', 1900), rating('gemini', 1500)],
      top: 2,
      runId: 'x',
      share: 0,
    });
    expect(chosen).toEqual([
      { agent: 'gemini', reason: '#1 on the leaderboard (rating 1500, 95% 1460–1540)' },
      { agent: 'claude', reason: 'not rated yet: no review has ranked it' },
    ]);
  });

  it('the status comment shows the reasons under its table', () => {
    const chosen = chooseAgents({ pool: POOL, ratings: RATINGS, top: 2, runId: 'x', share: 0 });
    const body = renderStatusComment({
      pipeline: 'ai-review',
      entries: [],
      overall: 'running',
      startedAt: new Date(0),
      note: renderChoice(chosen, 2),
    });
    expect(body).toContain('Agents chosen by the leaderboard (top-2):\n- **claude**: #1 on the leaderboard');
  });
});

describe('agents: top-N in the config', () => {
  const config = (agents: string) =>
    `agents:\n  claude: {cli: claude}\n  gemini: {cli: gemini}\n  codex: {cli: codex}\npipelines:\n  ai-review:\n    agents: ${agents}\n`;

  it('keeps N and every defined agent as the pool; the first N answer until the leaderboard chooses', () => {
    const review = parseConfig(config('top-2'), 'f.yml').pipelines['ai-review'];
    expect(review).toMatchObject({ top: 2, pool: ['claude', 'gemini', 'codex'], agents: ['claude', 'gemini'] });
  });

  it('refuses more places than agents, and any other word', () => {
    expect(() => parseConfig(config('top-4'), 'f.yml')).toThrow(/top-4 needs at least 4 agents/);
    expect(() => parseConfig(config('best'), 'f.yml')).toThrow(/neither a list of agents nor top-N/);
  });
});
