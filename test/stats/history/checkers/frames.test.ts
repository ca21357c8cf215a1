/**
 * Frames per broadcast of each method, from the formula, on topologies worked out by hand.
 */
import { describe, expect, it } from 'vitest';
import { framesPerBroadcast } from '../../../../src/stats/history/checkers/frames.js';

describe('frames per broadcast', () => {
  it('floods Σ deg − (N − 1), sends direct N − 1, and twice that acknowledged', () => {
    // A line of 5: degrees 1 2 2 2 1, Σ 8: the origin's neighbours, then one onward each: 4.
    const line = { n0: ['n1'], n1: ['n0', 'n2'], n2: ['n1', 'n3'], n3: ['n2', 'n4'], n4: ['n3'] };
    expect(framesPerBroadcast('flooding', line, 5)).toBe(4);
    expect(framesPerBroadcast('flooding-acked', line, 5)).toBe(8);
    // A triangle: each of 3 nodes has 2 neighbours; the origin sends 2, each other node 1.
    const triangle = { a: ['b', 'c'], b: ['a', 'c'], c: ['a', 'b'] };
    expect(framesPerBroadcast('flooding', triangle, 3)).toBe(4);
    expect(framesPerBroadcast('direct', triangle, 3)).toBe(2);
    expect(framesPerBroadcast('direct-acked', triangle, 3)).toBe(4);
    expect(framesPerBroadcast('flooding', {}, 1)).toBe(0);
  });
});
