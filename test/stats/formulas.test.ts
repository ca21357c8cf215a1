import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backToBackThroughput, idleLinkDelay } from '../../src/stats/formulas.js';
import { wilsonInterval, Z_999 } from '../../src/stats/intervals.js';

/**
 * Reference: the Wilson interval is the set of p where the score statistic
 * |x/n − p| / sqrt(p(1−p)/n) ≤ z; find its ends by bisection on either side of x/n.
 */
function scoreTestBounds(x: number, n: number, z: number): [number, number] {
  const rejects = (p: number): boolean => Math.abs(x / n - p) > z * Math.sqrt((p * (1 - p)) / n);
  const bisect = (inside: number, outside: number): number => {
    for (let i = 0; i < 200; i++) {
      const mid = (inside + outside) / 2;
      if (rejects(mid)) outside = mid;
      else inside = mid;
    }
    return inside;
  };
  const centre = x / n;
  return [x === 0 ? 0 : bisect(centre, 0), x === n ? 1 : bisect(centre, 1)];
}

describe('formulas', () => {
  it('idle link delay is size/bandwidth + propagation', () => {
    expect(idleLinkDelay(1000, 10e6, 0.01)).toBe(0.0108);
    expect(idleLinkDelay(1500, 1e9, 0)).toBe(1.2e-5);
  });

  it('back-to-back throughput is n*s/(n*s/B + d) and approaches B from below', () => {
    expect(backToBackThroughput(10_000, 10_000, 1000, 10e6, 0.001)).toBeCloseTo(10e6 / (1 + (0.001 * 10e6) / (10_000 * 8000)), 6);
    let previous = 0;
    for (const n of [1, 10, 100, 1000, 10_000, 100_000]) {
      const t = backToBackThroughput(n, n, 1000, 10e6, 0.01);
      expect(t).toBeGreaterThan(previous);
      expect(t).toBeLessThan(10e6);
      previous = t;
    }
    expect(1 - previous / 10e6).toBeCloseTo((0.01 * 10e6) / (100_000 * 8000 + 0.01 * 10e6), 12);
  });

  it('Wilson interval matches an inversion of the score test', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }).chain((n) => fc.tuple(fc.integer({ min: 0, max: n }), fc.constant(n))), ([x, n]) => {
        const [low, high] = wilsonInterval(x, n, Z_999);
        const [refLow, refHigh] = scoreTestBounds(x, n, Z_999);
        expect(Math.abs(low - refLow)).toBeLessThan(1e-9);
        expect(Math.abs(high - refHigh)).toBeLessThan(1e-9);
      }),
    );
  });

  it('Wilson interval reaches exactly 0 and 1 at the edges', () => {
    expect(wilsonInterval(0, 50, Z_999)[0]).toBe(0);
    expect(wilsonInterval(50, 50, Z_999)[1]).toBe(1);
    expect(wilsonInterval(0, 0, Z_999)).toEqual([0, 1]);
  });
});
