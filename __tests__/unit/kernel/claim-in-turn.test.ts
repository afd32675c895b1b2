// claimIssueInTurn: a run that finds another run of its pipeline at work waits its turn (looks again, bounded);
// any other refusal, or a pipeline that does not wait, stands down at the first look.
import { describe, expect, it } from 'vitest';
import { type Claimant, claimIssueInTurn } from '../../../src/kernel/claim-gate.js';
import type { ArtifactPublisher, CommentSink } from '../../../src/kernel/definition.js';
import type { ClaimResult } from '../../../src/sinks/github.js';

const BUSY: ClaimResult = {
  claimed: false,
  reason: 'workflow run 7 is already running ask on this issue (u); this run stands down',
  busy: true,
};

/** Answers `claimable` from `answers` in order (the last repeats); `stake` always wins. */
function claimant(answers: ClaimResult[]): Claimant & { looks: number } {
  const c = {
    looks: 0,
    claimable: async () => answers[Math.min(c.looks++, answers.length - 1)]!,
    stake: async (): Promise<ClaimResult> => ({ claimed: true }),
  };
  return c;
}

function run(signal = new AbortController().signal) {
  return { sink: {} as CommentSink, artifacts: {} as ArtifactPublisher, signal };
}

describe('claimIssueInTurn', () => {
  it('waits while another run is at work, then claims', async () => {
    const c = claimant([BUSY, BUSY, { claimed: true }]);
    const logged: string[] = [];
    const claim = await claimIssueInTurn(c, { staleAfterMs: 1000 }, run(), false, {
      pollMs: 1,
      attempts: 10,
      log: (m) => logged.push(m),
    });
    expect('gate' in claim).toBe(true);
    expect(c.looks).toBe(3);
    expect(logged).toEqual([
      'workflow run 7 is already running ask on this issue (u): waiting for its turn (look 1 of 10).',
      'workflow run 7 is already running ask on this issue (u): waiting for its turn (look 2 of 10).',
    ]);
  });

  it('stands down after its looks run out, at once without a turn, and at once for other reasons', async () => {
    const always = claimant([BUSY]);
    expect(
      await claimIssueInTurn(always, { staleAfterMs: 1000 }, run(), false, { pollMs: 1, attempts: 3, log: () => {} }),
    ).toEqual({
      standDown: BUSY.reason,
      busy: true,
    });
    expect(always.looks).toBe(3);
    const once = claimant([BUSY]);
    expect('standDown' in (await claimIssueInTurn(once, { staleAfterMs: 1000 }, run(), false))).toBe(true);
    expect(once.looks).toBe(1);
    const other = claimant([{ claimed: false, reason: 'something else' }]);
    expect(
      await claimIssueInTurn(other, { staleAfterMs: 1000 }, run(), false, { pollMs: 1, attempts: 9, log: () => {} }),
    ).toEqual({
      standDown: 'something else',
    });
    expect(other.looks).toBe(1);
  });

  it('a cancelled run stops waiting', async () => {
    const abort = new AbortController();
    const c = claimant([BUSY]);
    const claim = claimIssueInTurn(c, { staleAfterMs: 1000 }, run(abort.signal), false, {
      pollMs: 3_600_000,
      attempts: 5,
      log: () => abort.abort(),
    });
    expect('standDown' in (await claim)).toBe(true);
    expect(c.looks).toBe(2);
  });
});
