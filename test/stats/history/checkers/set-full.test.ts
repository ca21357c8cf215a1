/**
 * The set-full analysis on hand-made histories: stable elements and their read-sampled
 * latency, lost ones, never-read ones, unexpected values and final reads that miss an
 * acknowledged element.
 */
import { describe, expect, it } from 'vitest';
import { pairOperations } from '../../../../src/stats/history/entry.js';
import { analyseSet, quantile } from '../../../../src/stats/history/checkers/set-full.js';
import type { HistoryEntry } from '../../../../src/workload/clients/history.js';

const FNS = { add: 'broadcast', read: 'read' };

/** An operation of process p from t0 to t1 (invoke, then its completion). */
function op(process: number, f: string, input: unknown, t0: number, t1: number, output: unknown = null, type: 'ok' | 'fail' | 'info' = 'ok'): HistoryEntry[] {
  return [
    { process, type: 'invoke', f, value: input, time: t0 },
    { process, type, f, value: type === 'ok' ? output : input, time: t1 },
  ];
}

/** Entries in time order (a stable sort keeps each invoke before its completion). */
function history(...ops: HistoryEntry[][]): HistoryEntry[] {
  return ops.flat().sort((a, b) => a.time! - b.time!);
}

describe('set-full analysis', () => {
  it('finds an element stable after the last read that missed it, with that latency', () => {
    const h = history(
      op(0, 'broadcast', 1, 1, 1.1),
      op(1, 'read', null, 1.5, 1.6, []),
      op(2, 'read', null, 2, 2.1, [1]),
      op(1, 'read', null, 3, 3.1, [1]),
    );
    const analysis = analyseSet(pairOperations(h), FNS, Infinity);
    expect(analysis.stable).toEqual([1]);
    expect(analysis.lost).toEqual([]);
    // Known at the ack (1.1), stable from the read that missed it (invoked at 1.5).
    expect(analysis.stableLatencies).toEqual([1.5 - 1.1]);
  });

  it('finds an acknowledged element lost when a read after the last that saw it misses it', () => {
    const h = history(op(0, 'broadcast', 7, 0, 0.1), op(1, 'read', null, 1, 1.1, [7]), op(2, 'read', null, 2, 2.1, []));
    const analysis = analyseSet(pairOperations(h), FNS, 2);
    expect(analysis.lost).toEqual([7]);
    expect(analysis.incompleteFinalReads).toEqual([[2, [7]]]);
  });

  it('calls an element never read when no read followed it, and one of unknown outcome seen later stable', () => {
    const h = history(op(0, 'broadcast', 1, 0, 0.1), op(0, 'broadcast', 2, 1, 1.5, null, 'info'), op(1, 'read', null, 2, 2.1, [2]), op(1, 'broadcast', 3, 3, 3.1));
    const analysis = analyseSet(pairOperations(h), FNS, Infinity);
    expect(analysis.stable).toEqual([2]);
    expect(analysis.lost).toEqual([1]);
    expect(analysis.neverRead).toEqual([3]);
    expect(analysis.acknowledged).toBe(2);
  });

  it('reports values read that nobody tried to add', () => {
    const h = history(op(0, 'broadcast', 1, 0, 0.1), op(1, 'read', null, 1, 1.1, [1, 99]));
    expect(analyseSet(pairOperations(h), FNS, Infinity).unexpected).toEqual([99]);
  });

  it('takes quantiles as Jepsen does: element floor(n q), the last for q = 1', () => {
    const sorted = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect([0, 0.5, 0.95, 0.99, 1].map((q) => quantile(sorted, q))).toEqual([1, 6, 10, 10, 10]);
    expect(quantile([], 0.5)).toBeNaN();
  });
});
