/**
 * The lin-kv checker: each key judged on its own as a cas register; a key whose read saw a
 * value overwritten before it began fails it, with the operations that cannot come next as
 * evidence, while the other keys pass; from a scenario, a proxy to the lin-kv service
 * passes and nodes that each keep a store of their own fail.
 */
import { describe, expect, it } from 'vitest';
import { checkLinKv } from '../../../../src/stats/history/checkers/lin-kv.js';
import { workloadRows } from '../../../../src/stats/history/checkers/index.js';
import { kvProxy, localKv } from '../../../fixtures/programs/kv.js';
import { runProgram } from '../../../support/program.js';
import { failed, input, op, rowOf, timeline } from './support.js';

describe('lin-kv checker', () => {
  it('passes linearizable keys, and fails a key with a stale read, naming what cannot come next', () => {
    const k0 = [op(0, 'write', 1, 0, 1, null, { key: 0 }), op(1, 'read', null, 0.5, 1.5, 1, { key: 0 }), op(0, 'cas', [1, 2], 2, 3, null, { key: 0 })];
    const k1 = [op(2, 'write', 3, 0, 1, null, { key: 1 }), op(2, 'write', 4, 2, 3, null, { key: 1 })];
    const good = timeline(...k0, ...k1, op(3, 'read', null, 4, 5, 4, { key: 1 }));
    const rows = checkLinKv(input(good, 'lin-kv'));
    expect(failed(rows)).toEqual([]);
    expect(rowOf(rows, 'keys').measured).toBe(2);
    const bad = timeline(...k0, ...k1, op(3, 'read', null, 4, 5, 3, { key: 1 }));
    const badRows = checkLinKv(input(bad, 'lin-kv'));
    expect(failed(badRows)).toEqual(['nonlinearizable_keys=1']);
    expect(rowOf(badRows, 'nonlinearizable_keys').evidence).toBe('key 1: after 2 ops (last: process 2 write key 1 4 -> ok), state 4, none of [process 3 read key 1 -> 3] can come next');
  });

  it('from a scenario: passes a proxy to lin-kv, fails nodes with stores of their own', async () => {
    const data = {
      nodes: ['n0', 'n1', 'lin-kv'],
      topology: { kind: 'full-mesh', link: { bandwidth: '1Gbps', delay: '10ms' } },
      services: ['lin-kv'],
      workload: { kind: 'lin-kv' },
      clients: { concurrency: 4, rate: 100, duration: '3s', recovery: 0 },
    };
    const good = workloadRows(await runProgram(data, kvProxy('lin-kv')));
    expect(failed(good)).toEqual([]);
    expect(rowOf(good, 'keys').measured).toBeGreaterThan(1);
    const bad = failed(workloadRows(await runProgram(data, localKv)));
    expect(bad.length).toBe(1);
    expect(bad[0]).toMatch(/^nonlinearizable_keys=[1-9]/);
  });
});
