// The relay's checklist reads at a glance like the other status comments: how long it has run, the job link on
// the headline, the totals and a mention of whoever started it once it has ended.
import { describe, expect, it } from 'vitest';
import { type RelayStatusView, renderRelayStatus } from '../../../src/pipelines/relay-pipeline/status.js';
import { renderMention } from '../../../src/report/status-comment.js';

const startedAt = new Date('2025-01-02T03:00:00Z');
const view = (overrides: Partial<RelayStatusView>): RelayStatusView => ({
  entries: [{ stage: 'implement', agent: 'claude', round: 1, state: 'running' }],
  overall: 'running',
  startedAt,
  maxRounds: 2,
  runUrl: 'https://github.com/o/r/actions/runs/7',
  ...overrides,
});

describe('renderRelayStatus at a glance', () => {
  it('while running: how long, the current stage, the job link on the headline; no mention yet', () => {
    const body = renderRelayStatus(view({ now: new Date(startedAt.getTime() + 125_000), startedBy: 'maintainer' }));
    expect(body).toContain(
      '⏳ **Running for 2m** · implement · round 1 (up to 3) · [job log](https://github.com/o/r/actions/runs/7)',
    );
    expect(body).not.toContain('@maintainer');
    expect(body).not.toContain('[workflow run]');
  });

  it('once ended: the totals under the headline and the mention at the end', () => {
    const body = renderRelayStatus(
      view({
        overall: 'success',
        finishedAt: new Date(startedAt.getTime() + 90_000),
        entries: [{ stage: 'implement', agent: 'claude', round: 1, state: 'passed' }],
        startedBy: 'maintainer',
        totals: '1 agent run · 1 min 30 s · 120 tokens · $0.01',
      }),
    );
    expect(body).toContain(
      '✅ **Every stage passed** in 1 min 30 s · round 1 · [job log](https://github.com/o/r/actions/runs/7)\n\n**Total:** 1 agent run · 1 min 30 s · 120 tokens · $0.01',
    );
    expect(renderMention({ overall: 'success', pipeline: 'relay-pipeline', startedBy: 'maintainer' })).toBe(
      '@maintainer, the relay-pipeline run you started finished.',
    );
  });
});
