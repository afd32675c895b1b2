// A long quiet stretch (one agent thinking for minutes) still updates "running for ..." in the status comment,
// once a minute, through the board's own pacing; nothing is written after the run ends.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from '../../../src/kernel/clock.js';
import { LiveStatusComment } from '../../../src/kernel/live-status.js';
import { agentRowsLayout } from '../../../src/kernel/status-views.js';
import type { CommentRef, IssueReporter } from '../../../src/sinks/sink.js';

class Writes implements IssueReporter {
  readonly bodies: string[] = [];
  async acknowledge(): Promise<void> {}
  async upsertComment(_key: string, body: string): Promise<CommentRef> {
    this.bodies.push(body);
    return { url: 'https://c/1' };
  }
  async addLabel(): Promise<void> {}
}

afterEach(() => vi.useRealTimers());

describe('the agent table refresh', () => {
  it('rewrites the status each minute while running, with the time from the clock at each write', async () => {
    vi.useFakeTimers({ now: new Date('2025-01-02T03:00:00Z') });
    const reporter = new Writes();
    const live = new LiveStatusComment(
      reporter,
      agentRowsLayout<undefined>(() => [{ agent: 'claude', role: 'answer', state: 'running' }]),
      undefined,
      { pipeline: 'ai-review', startedAt: new Date('2025-01-02T03:00:00Z') },
      { clock: systemClock, minIntervalMs: 0, onWriteError: () => undefined },
    );
    const board = {
      flush: () => live.flush(),
      finish: (overall: 'success', at: Date) => live.finish(overall, undefined, at),
    };
    await vi.advanceTimersByTimeAsync(60_000);
    await board.flush();
    expect(reporter.bodies).toHaveLength(1);
    expect(reporter.bodies[0]).toContain('⏳ **Running for 1m**');
    await vi.advanceTimersByTimeAsync(120_000);
    await board.flush();
    expect(reporter.bodies.at(-1)).toContain('⏳ **Running for 3m**');
    await board.finish('success', new Date('2025-01-02T03:03:30Z'));
    const written = reporter.bodies.length;
    await vi.advanceTimersByTimeAsync(300_000);
    expect(reporter.bodies).toHaveLength(written);
    expect(reporter.bodies.at(-1)).toContain('**Finished** in 3 min 30 s');
  });
});
