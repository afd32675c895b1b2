import { describe, expect, it } from 'vitest';
import { systemClock } from '../../../src/kernel/clock.js';
import type { CommentSink, OverallState } from '../../../src/kernel/definition.js';
import { LiveStatusComment } from '../../../src/kernel/live-status.js';
import { agentRowsLayout } from '../../../src/kernel/status-views.js';
import { RELAY_CHECKLIST, relayBoard } from '../../../src/pipelines/relay-pipeline/board.js';
import { parseStatusState } from '../../../src/report/status-comment.js';
import { FakeSink } from '../../kit/fake-sink.js';

const T0 = Date.parse('2025-01-02T03:04:05.000Z');

/** The relay's checklist on the live status comment, one stage pending, as the relay pipeline addresses it. */
function relayChecklist(sink: CommentSink, maxRounds: number) {
  const live = new LiveStatusComment(
    sink,
    RELAY_CHECKLIST,
    { maxRounds },
    {
      pipeline: 'relay-pipeline',
      startedAt: new Date(T0),
      rows: [{ stage: 'implement', agent: 'claude', round: 1, state: 'pending' }],
    },
    { clock: systemClock, onWriteError: () => undefined },
  );
  const board = relayBoard(live);
  return {
    update: board.update,
    finish: (overall: Exclude<OverallState, 'running'>, at: Date) => live.finish(overall, undefined, at),
  };
}

describe('the relay checklist (a view of the live status comment)', () => {
  it('writes the final state when finish() comes a microtask after update() (the final write is never lost)', async () => {
    for (let gap = 0; gap < 6; gap++) {
      const sink = new FakeSink();
      const board = relayChecklist(sink, 2);
      board.update('implement', 1, { state: 'running' });
      for (let i = 0; i < gap; i++) await Promise.resolve();
      await board.finish('success', new Date(T0 + 1_000));
      expect(parseStatusState(sink.last('status') ?? '')?.state, `after ${gap} microtasks`).toBe('success');
    }
  });
});

/** A clock whose time moves only when the test says; sleepers wake when their time has come or their signal aborts. */
class ManualClock {
  private time = T0;
  private sleepers: { until: number; resolve: () => void }[] = [];
  now = (): Date => new Date(this.time);
  sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
    new Promise<void>((resolve) => {
      if (signal?.aborted) return resolve();
      this.sleepers.push({ until: this.time + ms, resolve });
      signal?.addEventListener('abort', () => resolve(), { once: true });
    });
  advance(ms: number): void {
    this.time += ms;
    for (const s of this.sleepers.filter((s) => s.until <= this.time)) s.resolve();
    this.sleepers = this.sleepers.filter((s) => s.until > this.time);
  }
  get waiting(): number {
    return this.sleepers.length;
  }
}

const settle = async (): Promise<void> => {
  for (let i = 0; i < 20; i++) await Promise.resolve();
};

describe('LiveStatusComment', () => {
  const layout = agentRowsLayout<undefined>(() => [
    { agent: 'claude', role: 'answer', state: 'pending' },
    { agent: 'gemini', role: 'answer', state: 'pending' },
  ]);

  it('paces writes by the injected clock, and the last write does not wait', async () => {
    const sink = new FakeSink();
    const clock = new ManualClock();
    const live = new LiveStatusComment(
      sink,
      layout,
      undefined,
      { pipeline: 'p', startedAt: clock.now() },
      { clock, minIntervalMs: 3_000, onWriteError: () => undefined },
    );
    live.update('claude/answer', { state: 'running' });
    await settle();
    expect(sink.upserts('status')).toHaveLength(1);
    live.update('gemini/answer', { state: 'running' });
    await settle();
    // The second write waits for the interval: nothing more is written until the clock moves.
    expect(sink.upserts('status')).toHaveLength(1);
    expect(clock.waiting).toBe(1);
    clock.advance(3_000);
    await settle();
    expect(sink.upserts('status')).toHaveLength(2);
    live.update('claude/answer', { state: 'success', note: 'answer' });
    await settle();
    expect(sink.upserts('status')).toHaveLength(2);
    await live.finish('success');
    expect(sink.upserts('status')).toHaveLength(3);
    expect(parseStatusState(sink.last('status') ?? '')?.state).toBe('success');
    expect(sink.last('status')).toContain('| ✅ | claude | answer |');
  });

  it('on cancel overwrites past a write still in flight (the relay checklist too)', async () => {
    let release: () => void = () => undefined;
    const overwritten: string[] = [];
    const sink = new FakeSink();
    const slow = Object.assign(sink, {
      upsertComment: async (key: string, body: string) => {
        sink.calls.push({ kind: 'upsert', key, body });
        await new Promise<void>((r) => (release = r));
        return {};
      },
      overwriteCommentNow: async (_key: string, body: string) => {
        overwritten.push(body);
        return true;
      },
    });
    const board = relayChecklist(slow, 1);
    board.update('implement', 1, { state: 'running' });
    await settle();
    await board.finish('cancelled', new Date(T0 + 1_000));
    expect(parseStatusState(overwritten[0] ?? '')?.state).toBe('cancelled');
    expect(overwritten[0]).toContain('cancelled');
    release();
  });
});
