import { describe, expect, it } from 'vitest';
import { median, readable } from '../../src/bench/format.js';

describe('median', () => {
  it('takes the middle value of an odd count, whatever the order', () => {
    expect(median([5, 1, 3])).toBe(3);
  });

  it('takes the mean of the middle two of an even count', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('is NaN for no values', () => {
    expect(median([])).toBeNaN();
  });
});

describe('readable', () => {
  it('shows rates in k and M and ratios with two decimals', () => {
    expect(readable(6_750_000, '')).toBe('6.75 M');
    expect(readable(91_100, '')).toBe('91.1 k');
    expect(readable(1.284, 'x')).toBe('1.28×');
  });
});
