import { describe, expect, it } from 'vitest';
import { readTuning } from '../../../src/inputs.js';

describe('readTuning: the AI_ORCHESTRA_* variables, typed and validated in one place', () => {
  it('defaults when unset or empty', () => {
    expect(readTuning({})).toEqual({
      requestTimeoutMs: 30_000,
      minWriteIntervalMs: undefined,
      secondaryRateLimitWaitSec: undefined,
      turnPollMs: 20_000,
    });
    expect(readTuning({ AI_ORCHESTRA_MIN_WRITE_INTERVAL_MS: '' }).minWriteIntervalMs).toBeUndefined();
  });

  it('reads numbers, zero where it means "off"', () => {
    expect(
      readTuning({
        AI_ORCHESTRA_REQUEST_TIMEOUT_MS: '2000',
        AI_ORCHESTRA_MIN_WRITE_INTERVAL_MS: '0',
        AI_ORCHESTRA_SECONDARY_RATE_LIMIT_WAIT_S: '1',
        AI_ORCHESTRA_TURN_POLL_MS: '250',
      }),
    ).toEqual({
      requestTimeoutMs: 2000,
      minWriteIntervalMs: 0,
      secondaryRateLimitWaitSec: 1,
      turnPollMs: 250,
    });
  });

  it('refuses what is not a number, naming the variable', () => {
    expect(() => readTuning({ AI_ORCHESTRA_REQUEST_TIMEOUT_MS: 'soon' })).toThrow(
      /AI_ORCHESTRA_REQUEST_TIMEOUT_MS is "soon"/,
    );
    expect(() => readTuning({ AI_ORCHESTRA_REQUEST_TIMEOUT_MS: '0' })).toThrow(/positive/);
    expect(() => readTuning({ AI_ORCHESTRA_TURN_POLL_MS: '0' })).toThrow(/AI_ORCHESTRA_TURN_POLL_MS.*positive/);
    expect(() => readTuning({ AI_ORCHESTRA_MIN_WRITE_INTERVAL_MS: '-1' })).toThrow(/non-negative/);
  });
});
