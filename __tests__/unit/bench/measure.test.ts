// The benchmark's floor: the critical path of agent time, with the reviewer's side-by-side passes counted once.
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module of the benchmark, without types
import { coveredMs } from '../../../scripts/bench/measure.mjs';

describe('coveredMs', () => {
  it('counts time several agents run at once only once', () => {
    expect(coveredMs([])).toBe(0);
    expect(
      coveredMs([
        { startedAt: 100, exitAt: 300 },
        { startedAt: 110, exitAt: 320 },
      ]),
    ).toBe(220);
    expect(
      coveredMs([
        { startedAt: 500, exitAt: 600 },
        { startedAt: 100, exitAt: 200 },
        { startedAt: 150, exitAt: 180 },
      ]),
    ).toBe(200);
  });
});
