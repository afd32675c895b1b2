// The shared pipeline kit: the comment poster's error ledger, and how a cancellation or a thrown error ends an outcome.
import { describe, expect, it } from 'vitest';
import {
  anonymize,
  CANCELLED_ERROR,
  commentPoster,
  markCancelled,
  markThrown,
  startOutcome,
} from '../../../src/kernel/kit.js';
import { FakeSink } from '../../kit/fake-sink.js';

describe('commentPoster', () => {
  it('keeps every posted text, collects failed posts by comment, and a later good write of that comment clears it', async () => {
    const comments = new Map<string, string>();
    const sink = new FakeSink({ 'agent:b': 'HTTP 502' });
    const poster = commentPoster(sink, comments);
    expect(await poster.post('agent:a', 'A')).toBe('https://github.test/o/r/issues/42#agent:a');
    expect(await poster.post('agent:b', 'B')).toBeUndefined();
    expect(await poster.send('combined', 'C')).toBeDefined();
    expect([...comments.keys()]).toEqual(['agent:a', 'agent:b']);
    expect(poster.errors()).toEqual(['comment agent:b: HTTP 502']);
    expect(poster.failure('Some answers')).toBe(
      'Some answers could not be posted (their text is in the job summary and result-file): comment agent:b: HTTP 502',
    );
    const later = commentPoster(new FakeSink(), comments);
    expect(later.failure()).toBeUndefined();
  });

  it('forgets the error of a comment whose next write succeeds', async () => {
    let fail = true;
    const poster = commentPoster(
      {
        acknowledge: async () => {},
        addLabel: async () => {},
        upsertComment: async () => {
          if (fail) throw new Error('HTTP 500');
          return { url: 'u' };
        },
      },
      new Map(),
    );
    await poster.send('answers-1', 'x');
    expect(poster.errors()).toHaveLength(1);
    fail = false;
    await poster.send('answers-1', 'y');
    expect(poster.failure()).toBeUndefined();
  });

  it("passes the marker's own text through, and keeps a failure of another kind of write in the same ledger", async () => {
    const calls: unknown[][] = [];
    const poster = commentPoster(
      {
        acknowledge: async () => {},
        addLabel: async () => {},
        upsertComment: async (...args) => (calls.push(args), { url: 'u' }),
      },
      new Map(),
    );
    await poster.post('ask:1:a', 'A', { session: 's-1' });
    await poster.send('result', 'R');
    expect(calls).toEqual([
      ['ask:1:a', 'A', { session: 's-1' }],
      ['result', 'R'],
    ]);
    poster.fail('reply:7', 'reply to review comment 7: HTTP 404');
    expect(poster.failure()).toBe(
      'Some comments could not be posted (their text is in the job summary and result-file): reply to review comment 7: HTTP 404',
    );
  });
});

describe('outcome helpers', () => {
  it('start as a failure with nothing run; end cancelled or with the thrown error', () => {
    const outcome = startOutcome({ extra: 1 });
    expect(outcome).toEqual({ status: 'failure', runs: [], comments: new Map(), extra: 1 });
    expect(markCancelled(outcome)).toMatchObject({ status: 'cancelled', error: CANCELLED_ERROR });
    const aborted = new AbortController();
    expect(markThrown(startOutcome(), new Error('boom'), aborted.signal)).toMatchObject({
      status: 'failure',
      error: 'boom',
    });
    aborted.abort();
    expect(markThrown(startOutcome(), 'gone', aborted.signal)).toMatchObject({ status: 'cancelled', error: 'gone' });
  });

  it('anonymizes in the order the random source gives, with letters mapping back', () => {
    const { candidates, letters } = anonymize(
      ['x', 'y'],
      (item, letter) => `${letter}:${item}`,
      () => 0,
    );
    expect(candidates).toEqual(['A:y', 'B:x']);
    expect(letters.get('A')).toBe('y');
  });
});
