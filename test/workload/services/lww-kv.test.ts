/**
 * The lww-kv service: each request served by one of its replicas, so reads go stale and a
 * cas may act on a stale value; gossip merges replicas by last-write-wins on Lamport
 * stamps, so they converge, and a write made on a replica with a lower clock loses even if
 * it came later; over the network its histories are not linearizable.
 */
import { describe, expect, it } from 'vitest';
import type { Body } from '../../../src/messaging/maelstrom/body.js';
import type { RandomSource } from '../../../src/runtime/seam.js';
import { checkLinearizable } from '../../../src/stats/history/check.js';
import { keyedModel } from '../../../src/stats/history/model.js';
import { casRegisterModel } from '../../../src/stats/history/models.js';
import { RandomStream } from '../../../src/engine/random.js';
import { storeKey } from '../../../src/workload/services/kv.js';
import { LWW_KV_REPLICAS, LwwKv } from '../../../src/workload/services/lww-kv.js';
import { kvProxy } from '../../fixtures/programs/kv.js';
import { runProgram } from '../../support/program.js';

/** Draws that pick the given replicas in turn (of LWW_KV_REPLICAS). */
function picking(...replicas: number[]): RandomSource {
  let i = 0;
  return { uniform: () => (replicas[i++ % replicas.length]! + 0.5) / LWW_KV_REPLICAS };
}

const write = (value: number): Body => ({ type: 'write', key: 'x', value });
const read: Body = { type: 'read', key: 'x' };

describe('lww-kv', () => {
  it('serves each request from one replica alone: another replica has not seen a write yet', () => {
    const store = new LwwKv(picking(0, 1, 0));
    expect(store.handle(write(1)).replica).toBe(0);
    const stale = store.handle(read);
    expect(stale.replica).toBe(1);
    expect('error' in stale.outcome && stale.outcome.error.code).toBe(20);
    const fresh = store.handle(read);
    expect('reply' in fresh.outcome && fresh.outcome.reply['value']).toBe(1);
  });

  it('lets a later write on a replica with a lower clock lose to an earlier one with a higher clock', () => {
    // Replica 0 writes three times (clock 3), then replica 1 writes once (clock 0 stamp).
    const store = new LwwKv(picking(0, 0, 0, 1));
    for (const value of [1, 2, 3]) store.handle(write(value));
    store.handle(write(4));
    for (let round = 0; round < 50; round++) store.gossip();
    expect(store.valuesOf(storeKey('x'))).toEqual(Array.from({ length: LWW_KV_REPLICAS }, () => 3));
  });

  it('converges by gossip to one value on every replica', () => {
    const store = new LwwKv(new RandomStream('lww', '7'));
    for (let value = 0; value < 40; value++) store.handle(write(value));
    expect(new Set(store.valuesOf(storeKey('x'))).size).toBeGreaterThan(1);
    for (let round = 0; round < 50; round++) store.gossip();
    expect(new Set(store.valuesOf(storeKey('x'))).size).toBe(1);
  });

  it('over the network: the lin-kv workload through a proxy reads stale values (not linearizable)', async () => {
    const record = await runProgram(
      {
        nodes: ['n0', 'lww-kv'],
        topology: { kind: 'full-mesh', link: { bandwidth: '1Gbps', delay: '1ms' } },
        services: ['lww-kv'],
        workload: { kind: 'lin-kv' },
        clients: { concurrency: 1, rate: 100, duration: '3s', recovery: 0 },
      },
      kvProxy('lww-kv'),
    );
    const model = keyedModel(casRegisterModel, 'cas-register by key', 'cas registers by key');
    // One client alone, yet it does not read its own writes.
    expect(checkLinearizable(record.history!, model).verdict).toBe('not-linearizable');
  });
});
