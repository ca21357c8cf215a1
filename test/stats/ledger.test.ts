/**
 * The delivery ledger's key spaces: the rows of the ids one sender gives one receiver,
 * dense or sparse alike.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DeliveryLedger } from '../../src/stats/ledger.js';

describe('a ledger key space', () => {
  it('keeps sparse ids, as one counter shared by many receivers gives each, without an array as long as the largest', () => {
    const keys = new DeliveryLedger(() => 0).keys('work', 'broker', 'consumer');
    const before = process.memoryUsage().arrayBuffers;
    // Ids a million apart: an array reaching the largest would take 4 GB.
    for (let k = 0; k < 1000; k++) keys.bind(k * 1_000_000, k);
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(64 * 2 ** 20);
    for (let k = 0; k < 1000; k++) expect(keys.find(k * 1_000_000)).toBe(k);
    expect(keys.find(1)).toBe(-1);
  });

  it('finds every row bound, whatever the order and spacing of the ids', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat({ max: 5000 }), fc.nat({ max: 1e6 })), { maxLength: 400 }), (bindings) => {
        const keys = new DeliveryLedger(() => 0).keys('request', 'client', 'server');
        const expected = new Map<number, number>();
        for (const [id, row] of bindings) {
          keys.bind(id, row);
          expected.set(id, row);
        }
        for (let id = 0; id <= 5001; id++) expect(keys.find(id)).toBe(expected.get(id) ?? -1);
      }),
      { seed: 11 },
    );
  });
});
