import { describe, expect, it } from 'vitest';
import { jsonCodec } from '../../src/messaging/codec.js';
import { Outcome } from '../../src/net/outcome.js';
import { WorkloadHost } from '../../src/workload/host.js';
import { startP2pFlow } from '../../src/workload/p2p.js';
import { DEFAULT_RETRY } from '../../src/messaging/delivery.js';
import { simulatedLine } from '../support/runtime.js';

const GUARANTEE = { delivery: 'at-most-once', ordered: false, retry: DEFAULT_RETRY } as const;

describe('p2p workload', () => {
  it('sends count messages of size bytes, one every interval from start', async () => {
    const { sim, network, runtime } = simulatedLine(['src', 'dst'], undefined, { headerBytes: 10 });
    const host = new WorkloadHost(runtime, jsonCodec);
    const seen: number[] = [];
    host.handle('dst', 'f', (message) => void seen.push(message[1]));
    startP2pFlow({ name: 'f', pattern: 'p2p', from: 'src', to: 'dst', count: 5, size: { kind: 'constant', value: 300 }, interval: { kind: 'constant', value: 0.25 }, startSeconds: 1, ...GUARANTEE }, host);
    host.start();
    await sim.run();
    const journal = network.journal;
    expect(journal.length).toBe(5);
    expect([...journal.sentAt.subarray(0, 5)]).toEqual([1, 1.25, 1.5, 1.75, 2]);
    expect([...journal.bytes.subarray(0, 5)]).toEqual([300, 300, 300, 300, 300]);
    expect(journal.outcomeCounts()[Outcome.Delivered]).toBe(5);
    expect(seen).toEqual([0, 1, 2, 3, 4]);
  });

  it('sends nothing for a count of zero', async () => {
    const { sim, network, runtime } = simulatedLine(['src', 'dst']);
    const host = new WorkloadHost(runtime, jsonCodec);
    startP2pFlow(
      { name: 'f', pattern: 'p2p', from: 'src', to: 'dst', count: 0, size: { kind: 'constant', value: 300 }, interval: { kind: 'constant', value: 0 }, startSeconds: 0, ...GUARANTEE },
      host,
    );
    host.start();
    await sim.run();
    expect(network.journal.length).toBe(0);
  });
});

describe('p2p workload across a crash', () => {
  it('skips the sends that fall due while the sender is down and carries on after its restart', async () => {
    const { sim, network, runtime } = simulatedLine(['src', 'dst']);
    const host = new WorkloadHost(runtime, jsonCodec);
    startP2pFlow({ name: 'f', pattern: 'p2p', from: 'src', to: 'dst', count: 10, size: { kind: 'constant', value: 100 }, interval: { kind: 'constant', value: 1 }, startSeconds: 0, ...GUARANTEE }, host);
    host.start();
    sim.scheduleAt(2.5, () => runtime.crash('src'));
    sim.scheduleAt(5.5, () => runtime.restart('src'));
    await sim.run();
    // Sends at 0, 1, 2, then 6..9: those due at 3, 4 and 5 fell while src was down.
    expect([...network.journal.sentAt.subarray(0, network.journal.length)]).toEqual([0, 1, 2, 6, 7, 8, 9]);
  });

  it('follows the sender clock: a fast clock sends sooner in true time', async () => {
    const { sim, network, runtime } = simulatedLine(['src', 'dst']);
    runtime.adjustClock('src', { drift: 1 });
    const host = new WorkloadHost(runtime, jsonCodec);
    startP2pFlow({ name: 'f', pattern: 'p2p', from: 'src', to: 'dst', count: 3, size: { kind: 'constant', value: 100 }, interval: { kind: 'constant', value: 1 }, startSeconds: 1, ...GUARANTEE }, host);
    host.start();
    await sim.run();
    expect([...network.journal.sentAt.subarray(0, 3)]).toEqual([0.5, 1, 1.5]);
  });
});
