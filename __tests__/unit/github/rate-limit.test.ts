import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_RATE_LIMIT_WAIT_SEC, rateLimitDecision } from '../../../src/github/client.js';

const request = { method: 'POST', url: '/repos/o/r/issues/1/comments' };
const limits = { maxRetries: 3, maxWaitSec: DEFAULT_MAX_RATE_LIMIT_WAIT_SEC };

describe('rateLimitDecision', () => {
  it('retries a short wait and says when and which retry', () => {
    expect(rateLimitDecision('rate limit', request, 2, 0, limits)).toEqual({
      retry: true,
      message: 'GitHub rate limit on POST /repos/o/r/issues/1/comments: retrying in 2 s (retry 1 of 3).',
    });
  });

  it('gives up after the allowed retries', () => {
    const decision = rateLimitDecision('secondary rate limit', request, 1, 3, limits);
    expect(decision.retry).toBe(false);
    expect(decision.message).toMatch(/giving up after 3 retries/);
  });

  it('never waits longer than the cap: a reset an hour away fails at once instead of holding the runner', () => {
    const decision = rateLimitDecision('rate limit', request, 3_600, 0, limits);
    expect(decision.retry).toBe(false);
    expect(decision.message).toBe(
      'GitHub rate limit on POST /repos/o/r/issues/1/comments: GitHub asks to wait 3600 s, longer than the 120 s this action waits; giving up.',
    );
  });

  it('a wait exactly at the cap is still waited', () => {
    expect(rateLimitDecision('rate limit', request, 120, 0, limits).retry).toBe(true);
  });
});
