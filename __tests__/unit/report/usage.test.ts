// Tokens and cost per agent and in total: status comment rows and totals, job summary, result.json.
import { describe, expect, it } from 'vitest';
import { renderRelayStatus } from '../../../src/pipelines/relay-pipeline/status.js';
import { renderStatusComment } from '../../../src/report/status-comment.js';
import { renderSummary } from '../../../src/report/summary.js';
import { usageRecord, usageText } from '../../../src/report/usage.js';
import { makeAgentRun, makeStatusEntry, makeStatusView } from '../builders.js';

describe('usage in reports', () => {
  it('says "cost unknown" when tokens were counted without a price, never a made-up number', () => {
    expect(usageText({ inputTokens: 1_000, outputTokens: 234 })).toBe('1,234 tokens · cost unknown');
    expect(usageText({ inputTokens: 1_000, outputTokens: 234, costUsd: 0.0123 })).toBe('1,234 tokens · $0.0123');
    expect(usageText({})).toBe('');
  });

  it("status comment: each row with its tokens and cost, and the run's total under the table", () => {
    const body = renderStatusComment(
      makeStatusView({
        entries: [
          makeStatusEntry({
            agent: 'claude',
            state: 'success',
            note: 'answer',
            usage: { inputTokens: 900, outputTokens: 100, costUsd: 0.5 },
          }),
          makeStatusEntry({
            agent: 'local',
            state: 'success',
            note: 'answer',
            usage: { inputTokens: 50, outputTokens: 50 },
          }),
          makeStatusEntry({
            agent: 'gemini',
            state: 'budget',
            note: 'stopped: budget',
            usage: { inputTokens: 2_000, outputTokens: 0, costUsd: 0.25 },
          }),
        ],
      }),
    );
    expect(body).toMatch(/\| claude \|[^\n]*answer · 1,000 tokens · \$0\.5000 \|/);
    expect(body).toMatch(/\| 💰 \| gemini \|[^\n]*stopped: budget · 2,000 tokens · \$0\.2500 \|/);
    expect(body).toContain('**Tokens and cost:** 3,100 tokens · $0.7500 + cost unknown');
  });

  it('relay checklist: a stage line with its usage, and the total', () => {
    const body = renderRelayStatus({
      entries: [
        {
          stage: 'implement',
          agent: 'claude',
          round: 1,
          state: 'passed',
          usage: { inputTokens: 10, outputTokens: 5, costUsd: 0.01 },
        },
      ],
      overall: 'success',
      startedAt: new Date(0),
      finishedAt: new Date(1_000),
      maxRounds: 2,
    });
    expect(body).toContain('15 tokens · $0.0100');
    expect(body).toContain('**Tokens and cost:** 15 tokens · $0.0100');
  });

  it("job summary and result.json count a fallback's answer and the attempts it replaced", () => {
    const failed = makeAgentRun({
      agent: 'claude',
      status: 'failure',
      usage: { inputTokens: 100, outputTokens: 0, costUsd: 0.001 },
    });
    const answer = makeAgentRun({
      agent: 'codex',
      inPlaceOf: { agent: 'claude', reason: 'claude: authentication failed' },
      replaced: [failed],
      usage: { inputTokens: 200, outputTokens: 50 },
    });
    const summary = renderSummary({
      pipeline: 'ai-review',
      target: 'o/r#1',
      status: 'success',
      runs: [answer],
      comments: new Map(),
    });
    expect(summary).toMatch(/\| ❌ claude \| answer \|[^\n]*\| \$0\.0010 \|/);
    expect(summary).toMatch(/\| ✅ codex \| answer \(in place of claude\) \|[^\n]*\| cost unknown \|/);
    expect(summary).toContain('**Total:** 350 tokens · $0.0010 + cost unknown');
    const record = usageRecord([answer]);
    expect(record.total).toMatchObject({ inputTokens: 300, outputTokens: 50, costUsd: 0.001, costUnknown: true });
    expect(Object.keys(record.byAgent).sort()).toEqual(['claude', 'codex']);
    expect(record.pricesAsOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});
