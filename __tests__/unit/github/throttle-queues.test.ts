// The throttling plugin's queues without Bottleneck: limits, spacing and retries as the plugin configures them, and
// the plugin itself running on them (an Octokit with a stand-in fetch: no process, no socket).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createOctokit } from '../../../src/github/client.js';
import { concurrencyGroup, RetryQueue, spacingGroup } from '../../../src/github/throttle-queues.js';

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve: () => void = () => {};
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

afterEach(() => {
  vi.useRealTimers();
});

describe('concurrencyGroup', () => {
  it('runs at most `limit` jobs at a time, starting the others in arrival order as slots free', async () => {
    const queue = concurrencyGroup(2).key('id');
    const gates = [deferred(), deferred(), deferred(), deferred()];
    const started: number[] = [];
    const done = gates.map((gate, i) =>
      queue.schedule({}, async () => {
        started.push(i);
        await gate.promise;
        return i;
      }),
    );
    await settle();
    expect(started).toEqual([0, 1]);
    gates[1]!.resolve();
    await settle();
    expect(started).toEqual([0, 1, 2]);
    gates[0]!.resolve();
    gates[2]!.resolve();
    gates[3]!.resolve();
    expect(await Promise.all(done)).toEqual([0, 1, 2, 3]);
  });

  it('frees the slot of a job that fails, and lets a retry (weight 0) past the limit', async () => {
    const queue = concurrencyGroup(1).key();
    await expect(queue.schedule({}, () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    const gate = deferred();
    const holding = queue.schedule({}, () => gate.promise);
    expect(await queue.schedule({ weight: 0 }, () => 'retry ran')).toBe('retry ran');
    let third = false;
    const waiting = queue.schedule({}, () => {
      third = true;
    });
    await settle();
    expect(third).toBe(false);
    gate.resolve();
    await holding;
    await waiting;
    expect(third).toBe(true);
  });
});

describe('spacingGroup', () => {
  it('starts jobs at least the interval apart, the first at once', async () => {
    vi.useFakeTimers();
    const queue = spacingGroup(1_000, () => Date.now()).key();
    const startedAt: number[] = [];
    const t0 = Date.now();
    const jobs = [0, 1, 2].map(() => queue.schedule({}, () => startedAt.push(Date.now() - t0)));
    await vi.advanceTimersByTimeAsync(0);
    expect(startedAt).toEqual([0]);
    await vi.advanceTimersByTimeAsync(2_000);
    await Promise.all(jobs);
    expect(startedAt).toEqual([0, 1_000, 2_000]);
    // After a quiet spell the next job starts at once again.
    await vi.advanceTimersByTimeAsync(5_000);
    const late = Date.now() - t0;
    await queue.schedule({}, () => startedAt.push(Date.now() - t0));
    expect(startedAt.at(-1)).toBe(late);
  });
});

describe('RetryQueue', () => {
  it('retries after the delay the failed handler returns, counting the retries', async () => {
    vi.useFakeTimers();
    const queue = new RetryQueue();
    const seen: number[] = [];
    queue.on('failed', (_error, info) => {
      seen.push(info.retryCount);
      return info.retryCount < 2 ? 500 : undefined;
    });
    let calls = 0;
    const job = vi.fn(async (a: unknown, b: unknown) => {
      calls++;
      if (calls < 3) throw new Error(`failure ${calls}`);
      return [a, b];
    });
    const result = queue.schedule(job as never, 'x', 'y');
    await vi.advanceTimersByTimeAsync(499);
    expect(calls).toBe(1);
    await vi.advanceTimersByTimeAsync(501);
    expect(await result).toEqual(['x', 'y']);
    expect(calls).toBe(3);
    expect(seen).toEqual([0, 1]);
    expect(job).toHaveBeenLastCalledWith('x', 'y');
  });

  it('rejects with the job’s own error when the handler declines or throws', async () => {
    const declines = new RetryQueue();
    declines.on('failed', () => undefined);
    await expect(declines.schedule(() => Promise.reject(new Error('no retry')))).rejects.toThrow('no retry');
    const throws = new RetryQueue();
    throws.on('failed', () => {
      throw new Error('handler broke');
    });
    await expect(throws.schedule(() => Promise.reject(new Error('original')))).rejects.toThrow('original');
  });
});

describe('the throttling plugin on these queues', () => {
  const json = (status: number, body: unknown, headers: Record<string, string> = {}): Response =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

  it('waits out a secondary rate limit and retries, saying so in the log', async () => {
    const warnings: string[] = [];
    const octokit = createOctokit('t0ken', {
      requestTimeoutMs: 5_000,
      maxRateLimitRetries: 2,
      minWriteIntervalMs: 0,
      // No retry-after in the answer: the fallback wait applies, zero here.
      secondaryRateLimitWaitSec: 0,
      log: { warning: (m) => warnings.push(m), info: () => {}, debug: () => {} },
    });
    const answers = [json(403, { message: 'You have exceeded a secondary rate limit.' }), json(201, { id: 7 })];
    const fetch = vi.fn(async () => answers.shift()!);
    const response = await octokit.request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', {
      owner: 'o',
      repo: 'r',
      issue_number: 1,
      body: 'hi',
      request: { fetch },
    });
    expect(response.data).toEqual({ id: 7 });
    expect(fetch).toHaveBeenCalledTimes(2);
    expect(warnings).toEqual([
      'GitHub secondary rate limit on POST /repos/{owner}/{repo}/issues/{issue_number}/comments: retrying in 0 s (retry 1 of 2).',
    ]);
  });

  it('spaces writes by the configured interval, and lets reads through alongside', async () => {
    const octokit = createOctokit('t0ken', {
      requestTimeoutMs: 5_000,
      maxRateLimitRetries: 0,
      minWriteIntervalMs: 100,
    });
    const sentAt: [string, number][] = [];
    const t0 = performance.now();
    const fetch = vi.fn(async (_url: unknown, init?: RequestInit) => {
      sentAt.push([init?.method ?? 'GET', performance.now() - t0]);
      return json(200, {});
    });
    const patch = () =>
      octokit.request('PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}', {
        owner: 'o',
        repo: 'r',
        comment_id: 1,
        body: 'x',
        request: { fetch },
      });
    await Promise.all([
      patch(),
      patch(),
      octokit.request('GET /repos/{owner}/{repo}', { owner: 'o', repo: 'r', request: { fetch } }),
    ]);
    const patches = sentAt.filter(([method]) => method === 'PATCH').map(([, at]) => at);
    expect(patches).toHaveLength(2);
    // A lower bound only (a busy machine can only make the gap longer), less the first request's own set-up.
    expect(patches[1]! - patches[0]!).toBeGreaterThanOrEqual(80);
    expect(sentAt.findIndex(([method]) => method === 'GET')).toBeLessThan(2);
  });
});
