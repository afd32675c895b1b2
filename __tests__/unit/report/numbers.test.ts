import { describe, expect, it } from 'vitest';
import { formatInteger } from '../../../src/report/numbers.js';

describe('formatInteger', () => {
  it('writes numbers as Intl.NumberFormat("en-US") does', () => {
    const intl = new Intl.NumberFormat('en-US');
    for (const n of [0, 7, 999, 1_000, 12_345, 65_536, 1_234_567, 999_999_999, 12.5, 1234.5678, -1, -12_345, 0.0004])
      expect(formatInteger(n)).toBe(intl.format(n));
  });
});
