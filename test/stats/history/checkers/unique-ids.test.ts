/**
 * The unique-ids checker: an id handed out twice fails it, with the id and its holders as
 * evidence; an unanswered request fails total availability; from a scenario, ids made of
 * the node's name and a counter pass and a bare counter on two nodes fails.
 */
import { describe, expect, it } from 'vitest';
import { checkUniqueIds } from '../../../../src/stats/history/checkers/unique-ids.js';
import { workloadRows } from '../../../../src/stats/history/checkers/index.js';
import { bareCounterIds, nodeCounterIds } from '../../../fixtures/programs/unique-ids.js';
import { runProgram } from '../../../support/program.js';
import { failed, input, op, rowOf, timeline } from './support.js';

describe('unique-ids checker', () => {
  it('passes distinct ids, and fails an id acknowledged twice, naming it and its holders', () => {
    const good = timeline(op(0, 'generate', null, 0, 0.1, 'a'), op(1, 'generate', null, 0, 0.2, 'b'), op(0, 'generate', null, 1, 1.1, 1));
    expect(failed(checkUniqueIds(input(good, 'unique-ids')))).toEqual([]);
    const bad = timeline(op(0, 'generate', null, 0, 0.1, 7), op(1, 'generate', null, 0, 0.2, 7), op(2, 'generate', null, 1, 1.1, '7'));
    const rows = checkUniqueIds(input(bad, 'unique-ids'));
    expect(failed(rows)).toEqual(['duplicated_ids=1']);
    expect(rowOf(rows, 'duplicated_ids').evidence).toBe('id 7 to processes 0, 1');
  });

  it('fails total availability when a generate goes unanswered', () => {
    const h = timeline(op(0, 'generate', null, 0, 0.1, 1), op(1, 'generate', null, 0, 5, null, { type: 'info' }));
    const rows = checkUniqueIds(input(h, 'unique-ids'));
    expect(failed(rows)).toEqual(['total_availability=0.5']);
    expect(rowOf(rows, 'total_availability').evidence).toBe('process 1 at t=0: unknown');
  });

  it('from a scenario: passes ids with the node in them, fails a bare counter on two nodes', async () => {
    const data = { nodes: 2, topology: { kind: 'full-mesh', link: { bandwidth: '1Gbps', delay: '10ms' } }, workload: { kind: 'unique-ids' }, clients: { concurrency: 4, rate: 50, duration: '2s', recovery: 0 } };
    const good = workloadRows(await runProgram(data, nodeCounterIds));
    expect(failed(good)).toEqual([]);
    expect(rowOf(good, 'acknowledged').measured).toBeGreaterThan(60);
    expect(failed(workloadRows(await runProgram(data, bareCounterIds)))[0]).toMatch(/^duplicated_ids=[1-9]/);
  });
});
