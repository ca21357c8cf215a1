/**
 * The g-counter checker: a final read must be the acknowledged adds' sum plus some subset
 * of the unknown ones (exactly the subset sums, not the whole interval); failed adds and
 * reads before the final phase do not count; from a scenario, a gossiping counter passes
 * and one that never gossips fails.
 */
import { describe, expect, it } from 'vitest';
import { acceptableSums, checkGCounter } from '../../../../src/stats/history/checkers/g-counter.js';
import { workloadRows } from '../../../../src/stats/history/checkers/index.js';
import { pairOperations } from '../../../../src/stats/history/entry.js';
import { gossipCounter, localCounter } from '../../../fixtures/programs/g-counter.js';
import { runProgram } from '../../../support/program.js';
import { failed, input, op, rowOf, timeline } from './support.js';

describe('g-counter checker', () => {
  it('accepts the acknowledged sum plus any subset of the unknown adds, and nothing else', () => {
    const adds = pairOperations(
      timeline(op(0, 'add', 2, 0, 0.1), op(1, 'add', 3, 0, 5, null, { type: 'info' }), op(2, 'add', 10, 0, 5, null, { type: 'info' }), op(3, 'add', 7, 0, 0.1, null, { type: 'fail' })),
    );
    expect(acceptableSums(adds)).toEqual([
      [2, 2],
      [5, 5],
      [12, 12],
      [15, 15],
    ]);
  });

  it('passes final reads of an acceptable sum, and fails one that is not, with the acceptable sums as evidence', () => {
    const base = [op(0, 'add', 2, 0, 0.1), op(1, 'add', 3, 0.2, 5, null, { type: 'info' }), op(2, 'read', null, 1, 1.1, 0)];
    const good = timeline(...base, op(0, 'read', null, 20, 20, 2), op(2, 'read', null, 20, 20, 5));
    const rows = checkGCounter(input(good, 'g-counter', 20));
    expect(failed(rows)).toEqual([]);
    expect(rowOf(rows, 'final_reads').measured).toBe(2);
    expect(rowOf(rows, 'possible_sum_max').measured).toBe(5);
    const bad = timeline(...base, op(0, 'read', null, 20, 20, 4), op(2, 'read', null, 20, 20, 2));
    const badRows = checkGCounter(input(bad, 'g-counter', 20));
    expect(failed(badRows)).toEqual(['wrong_final_reads=1']);
    expect(rowOf(badRows, 'wrong_final_reads').evidence).toBe('process 0 read 4, acceptable 2, 5');
  });

  it('from a scenario: passes a gossiping counter, fails one that never gossips', async () => {
    const data = { nodes: 3, topology: { kind: 'full-mesh', link: { bandwidth: '1Gbps', delay: '20ms' } }, workload: { kind: 'g-counter' }, clients: { concurrency: 3, rate: 30, duration: '3s', recovery: '1s' } };
    const good = workloadRows(await runProgram(data, gossipCounter));
    expect(failed(good)).toEqual([]);
    expect(rowOf(good, 'final_reads').measured).toBe(3);
    expect(rowOf(good, 'acknowledged_sum').measured).toBeGreaterThan(20);
    expect(failed(workloadRows(await runProgram(data, localCounter)))).toEqual(['wrong_final_reads=3']);
  });
});
