import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BestOf } from '../../../src/bench/peers/sides.js';
import { compareRound, csvRows, summarise, summaryTable, type Observation } from '../../../src/bench/peers/summary.js';

const BEST: BestOf[] = [{ model: 'hold', name: 'best', of: ['a', 'b'] }];

/** One round of the hold model: msgsim's rate, then sides a and b. */
function holdRound(round: number, msgsim: number, a: number, b: number): Observation[] {
  return [
    { round, model: 'hold', side: 'msgsim', rate: msgsim },
    { round, model: 'hold', side: 'a', rate: a },
    { round, model: 'hold', side: 'b', rate: b },
  ];
}

describe('compareRound', () => {
  it('adds the best-of side after the sides it chooses from, at the fastest one’s rate', () => {
    const rows = compareRound([...holdRound(1, 6, 2, 3), { round: 1, model: 'hold', side: 'c', rate: 1 }], BEST);
    expect(rows.map((row) => row.side)).toEqual(['msgsim', 'a', 'b', 'best', 'c']);
    expect(rows[3]!.rate).toBe(3);
  });

  it('divides msgsim’s rate of the same model and round by each side’s', () => {
    const rows = compareRound(
      [...holdRound(1, 6, 2, 3), { round: 1, model: 'p2p-saturated', side: 'msgsim', rate: 10 }, { round: 1, model: 'p2p-saturated', side: 'a', rate: 4 }],
      BEST,
    );
    expect(rows.map((row) => row.ratio)).toEqual([undefined, 3, 2, 2, undefined, 2.5]);
  });

  it('refuses a round without msgsim’s figure or without a side a best-of names', () => {
    expect(() => compareRound(holdRound(1, 6, 2, 3).slice(1), BEST)).toThrow(/no msgsim figure for hold/);
    expect(() => compareRound(holdRound(1, 6, 2, 3).slice(0, 2), BEST)).toThrow(/best chooses from a, b; the round has 1/);
  });
});

describe('summarise', () => {
  it('gives each side its median rate and the median, least and greatest of its per-round ratios', () => {
    // Round 2 runs everything slower; its ratios stay those of the others.
    const rounds = [holdRound(1, 6, 2, 3), holdRound(2, 3, 1, 3), holdRound(3, 8, 2, 4)].map((round) => compareRound(round, BEST));
    const rows = summarise(rounds);
    expect(rows.map((row) => row.side)).toEqual(['msgsim', 'a', 'b', 'best']);
    expect(rows[0]).toEqual({ model: 'hold', side: 'msgsim', rate: 6, rates: [6, 3, 8], ratio: undefined });
    // a: ratios 3, 3, 4.
    expect(rows[1]).toMatchObject({ rate: 2, ratio: { median: 3, min: 3, max: 4 } });
    // b: ratios 2, 1, 2; best (b every round): the same.
    expect(rows[2]).toMatchObject({ rate: 3, ratio: { median: 2, min: 1, max: 2 } });
    expect(rows[3]).toMatchObject({ rate: 3, ratio: { median: 2, min: 1, max: 2 } });
  });

  it('summarises ratios round by round: median within min and max, the best never slower than its sides', () => {
    const rate = fc.double({ min: 1e3, max: 1e7, noNaN: true });
    fc.assert(
      fc.property(fc.array(fc.tuple(rate, rate, rate), { minLength: 1, maxLength: 9 }), (figures) => {
        const rows = summarise(figures.map(([m, a, b], i) => compareRound(holdRound(i + 1, m, a, b), BEST)));
        const ratiosOfA = figures.map(([m, a]) => m / a).sort((x, y) => x - y);
        const a = rows.find((row) => row.side === 'a')!.ratio!;
        expect(a.min).toBe(ratiosOfA[0]);
        expect(a.max).toBe(ratiosOfA[ratiosOfA.length - 1]);
        expect(a.median).toBeGreaterThanOrEqual(a.min);
        expect(a.median).toBeLessThanOrEqual(a.max);
        const best = rows.find((row) => row.side === 'best')!;
        expect(best.rates).toEqual(figures.map(([, x, y]) => Math.max(x, y)));
      }),
    );
  });
});

describe('tables and CSV', () => {
  const rounds = [holdRound(1, 6e6, 2e6, 3e6), holdRound(2, 6e6, 3e6, 2e6)].map((round) => compareRound(round, BEST));

  it('prints each side’s median rate in the model’s unit and its ratio’s median and range', () => {
    const table = summaryTable(summarise(rounds), (_, side) => `work of ${side}`);
    expect(table[0]).toEqual(['model', 'side', 'one run', 'median rate', 'msgsim ÷ side', 'min–max']);
    expect(table[1]).toEqual(['hold', 'msgsim', 'work of msgsim', '6.00 M events/s', '-', '-']);
    expect(table[2]).toEqual(['hold', 'a', 'work of a', '2.50 M events/s', '2.50×', '2.00–3.00×']);
  });

  it('writes one row a side and round, msgsim’s own ratio left empty', () => {
    const rows = csvRows(rounds);
    expect(rows[0]).toEqual(['round', 'model', 'side', 'rate', 'unit', 'msgsim_ratio']);
    expect(rows).toHaveLength(1 + 2 * 4);
    expect(rows[1]).toEqual(['1', 'hold', 'msgsim', '6000000', 'events/s', '']);
    expect(rows[4]).toEqual(['1', 'hold', 'best', '3000000', 'events/s', '2']);
  });
});
