/**
 * The lin-kv service: the lin-kv workload run through a proxy to it, over a network with
 * latency and several nodes, gives a linearizable history; and the KV operations answer
 * as Maelstrom's services do (missing keys, failed compares, create_if_not_exists).
 */
import { describe, expect, it } from 'vitest';
import { checkLinearizable } from '../../../src/stats/history/check.js';
import { pairOperations } from '../../../src/stats/history/entry.js';
import { keyedModel } from '../../../src/stats/history/model.js';
import { casRegisterModel } from '../../../src/stats/history/models.js';
import { kvStep, type KvOutcome } from '../../../src/workload/services/kv.js';
import { kvProxy } from '../../fixtures/programs/kv.js';
import { runProgram } from '../../support/program.js';

const model = keyedModel(casRegisterModel, 'cas-register by key', 'cas registers by key');

function code(outcome: KvOutcome): number | string {
  return 'error' in outcome ? outcome.error.code : outcome.reply.type;
}

describe('lin-kv', () => {
  it('answers read, write and cas as Maelstrom’s KV services do', () => {
    const store = new Map<string, unknown>();
    const step = (body: Record<string, unknown>): KvOutcome => {
      const outcome = kvStep(store, { type: String(body['type']), ...body });
      if ('write' in outcome && outcome.write !== undefined) store.set(outcome.write.key, outcome.write.value);
      return outcome;
    };
    expect(code(step({ type: 'read', key: 1 }))).toBe(20);
    expect(code(step({ type: 'cas', key: 1, from: 0, to: 1 }))).toBe(20);
    expect(code(step({ type: 'cas', key: 1, from: 0, to: 1, create_if_not_exists: true }))).toBe('cas_ok');
    expect(code(step({ type: 'cas', key: 1, from: 0, to: 2 }))).toBe(22);
    expect(code(step({ type: 'write', key: '1', value: [1, { a: 2 }] }))).toBe('write_ok');
    expect(code(step({ type: 'cas', key: '1', from: [1, { a: 2 }], to: 3 }))).toBe('cas_ok');
    const read = step({ type: 'read', key: 1 });
    expect('reply' in read && read.reply['value']).toBe(1);
  });

  it('gives the lin-kv workload a linearizable history through a proxy on three nodes', async () => {
    const record = await runProgram(
      {
        nodes: ['n0', 'n1', 'n2', 'lin-kv'],
        topology: { kind: 'full-mesh', link: { bandwidth: '1Gbps', delay: '10ms' } },
        services: ['lin-kv'],
        workload: { kind: 'lin-kv' },
        clients: { concurrency: 6, rate: 200, duration: '5s', recovery: 0 },
      },
      kvProxy('lin-kv'),
    );
    const operations = pairOperations(record.history!);
    expect(operations.length).toBeGreaterThan(800);
    // Concurrent operations on a key, and reads that found values: the check has work to do.
    expect(new Set(operations.map((op) => op.key)).size).toBeGreaterThan(3);
    expect(operations.filter((op) => op.f === 'read' && op.outcome === 'ok').length).toBeGreaterThan(100);
    const result = checkLinearizable(record.history!, model);
    expect(result.verdict).toBe('linearizable');
  });
});
