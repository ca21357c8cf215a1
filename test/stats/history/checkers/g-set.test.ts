/**
 * The g-set workload's checker (Jepsen's set-full over add and read): a lost element and a
 * final read that misses an acknowledged add fail it; from a scenario, a gossiping set
 * passes and one that never gossips fails.
 */
import { describe, expect, it } from 'vitest';
import { workloadRows } from '../../../../src/stats/history/checkers/index.js';
import type { RunRecord } from '../../../../src/stats/record.js';
import { gossipSet, localSet } from '../../../fixtures/programs/g-set.js';
import { runProgram } from '../../../support/program.js';
import { failed, op, rowOf, timeline } from './support.js';

/** The workload rows of a hand-made g-set history (no frames on the wire), final phase from `finalAt`. */
function rows(history: ReturnType<typeof timeline>, finalAt: number) {
  const record = { program: { nodes: [], services: [], workload: { kind: 'g-set' }, finalAt }, history, journal: { length: 0, copyOf: [] } } as unknown as RunRecord;
  return workloadRows(record);
}

describe('g-set checker', () => {
  it('passes reads that keep every acknowledged element, fails a lost one and an incomplete final read', () => {
    const good = timeline(op(0, 'add', 1, 0, 0.1), op(1, 'read', null, 1, 1.1, [1]), op(0, 'read', null, 10, 10, [1]), op(1, 'read', null, 10, 10, [1]));
    expect(failed(rows(good, 10))).toEqual([]);
    const bad = timeline(op(0, 'add', 1, 0, 0.1), op(1, 'read', null, 1, 1.1, [1]), op(0, 'read', null, 10, 10, [1]), op(1, 'read', null, 10, 10, []));
    const badRows = rows(bad, 10);
    expect(failed(badRows)).toEqual(['lost=1', 'incomplete_final_reads=1']);
    expect(rowOf(badRows, 'incomplete_final_reads').evidence).toBe('process 1 missed 1');
  });

  it('from a scenario: passes a gossiping set, fails one that never gossips', async () => {
    const data = { nodes: 3, topology: { kind: 'full-mesh', link: { bandwidth: '1Gbps', delay: '20ms' } }, workload: { kind: 'g-set' }, clients: { concurrency: 3, rate: 30, duration: '3s', recovery: '1s' } };
    const good = workloadRows(await runProgram(data, gossipSet));
    expect(failed(good)).toEqual([]);
    expect(rowOf(good, 'acknowledged').measured).toBeGreaterThan(20);
    expect(failed(workloadRows(await runProgram(data, localSet)))).toContain('incomplete_final_reads=3');
  });
});
