import { describe, expect, it } from 'vitest';
import { summarise } from '../../src/experiment/aggregate.js';
import { aggregateCsv } from '../../src/experiment/sweep-results.js';

describe('summaries across replications', () => {
  it('give runs that all expect one value that value as their mean, not it plus rounding', () => {
    const s = summarise(Array.from({ length: 10 }, () => 0.9));
    expect(s.mean).toBe(0.9);
    expect(s.stddev).toBe(0);
  });

  it('keep the interval of a share inside [0, 1]', () => {
    const values = [1, 1, 1, 1, 0.998, 1, 1, 1, 1, 1];
    expect(summarise(values).ciHigh).toBeGreaterThan(1);
    const share = summarise(values, [0, 1]);
    expect(share.ciHigh).toBe(1);
    expect(share.ciLow).toBeLessThan(share.mean);
  });

  it('write the interval of a reliability inside [0, 1] in aggregate.csv', () => {
    const runs = Array.from({ length: 10 }, (_, replication) => ({
      point: 0,
      replication,
      seed: replication,
      metrics: [{ flow: 'data', metric: 'reliability', value: replication === 0 ? 0.998 : 1, expected: 0.999 }],
    }));
    const [, row] = aggregateCsv({ parameters: [], points: [[]] }, runs).trim().split('\n');
    const [, , , , , , ciLow, ciHigh] = row!.split(',');
    expect(Number(ciHigh)).toBe(1);
    expect(Number(ciLow)).toBeGreaterThan(0.99);
  });
});
