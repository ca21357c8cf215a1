/**
 * Every copy a pattern sends on a flow's behalf — broker events, flood and gossip relays,
 * work handed to consumers — is the size the flow declares, so first-copy times and bytes on
 * the wire follow the formulas for that size. A drawn size travels with its message: an
 * event has its publication's size, a relay its broadcast's.
 */
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/load.js';
import { runScenario } from '../../src/scenario/simulation.js';
import type { RunRecord } from '../../src/stats/record.js';

async function run(yaml: string): Promise<RunRecord> {
  return runScenario(parseScenario(yaml, 'copy-sizes.yaml'));
}

/** Bytes on the wire of every frame with this label, in send order. */
function bytesOf(record: RunRecord, label: string): number[] {
  const journal = record.journal;
  const flow = journal.findFlow(label);
  const bytes: number[] = [];
  for (let id = 0; id < journal.length; id++) if (journal.flow[id] === flow) bytes.push(journal.bytes[id]!);
  return bytes;
}

const LINE = `
links:
  - { between: [a, b], bandwidth: 10Mbps, delay: 1ms }
  - { between: [b, c], bandwidth: 10Mbps, delay: 1ms }
  - { between: [c, d], bandwidth: 10Mbps, delay: 1ms }
`;

describe('copies a pattern sends for a flow', () => {
  it('gives broker events the size of their publication, and the delay that size predicts', async () => {
    const record = await run(`
name: sizes
nodes: [a, b, c, d]
${LINE}
flows:
  - { name: f, pattern: pubsub, from: a, broker: b, count: 5, size: 400B, interval: 10ms, start: 100ms, topics: [t], subscribers: [{ node: c, topic: t }] }
`);
    expect(bytesOf(record, 'f')).toEqual([400, 400, 400, 400, 400]);
    expect(bytesOf(record, 'f:event')).toEqual([400, 400, 400, 400, 400]);
    // publisher → broker → subscriber: two idle hops of 400 B each.
    const hop = (400 * 8) / 10e6 + 0.001;
    const ledger = record.ledger;
    for (let row = 0; row < ledger.length; row++) {
      if (ledger.flowNames[ledger.flow[row]!] !== 'f' || ledger.group[row]! < 0) continue;
      const publication = ledger.group[row]!;
      expect(ledger.deliveredAt[row]! - ledger.openedAt[publication]!).toBeCloseTo(2 * hop, 12);
    }
  });

  it('gives each event the drawn size of its own publication', async () => {
    const record = await run(`
name: sizes
seed: 5
nodes: [a, b, c, d]
${LINE}
flows:
  - { name: f, pattern: pubsub, from: a, broker: b, count: 50, size: "uniform(300B, 900B)", interval: 10ms, start: 100ms, topics: [t], subscribers: [{ node: c, topic: t }, { node: d, topic: t }] }
`);
    const publications = bytesOf(record, 'f');
    expect(new Set(publications).size).toBeGreaterThan(10);
    const events = bytesOf(record, 'f:event');
    expect(events).toEqual(publications.flatMap((bytes) => [bytes, bytes]));
  });

  it('pads flood relays to the flow size', async () => {
    const record = await run(`
name: sizes
nodes: [a, b, c, d]
${LINE}
flows:
  - { name: f, pattern: broadcast, method: flood, from: a, count: 3, size: 250B, interval: 10ms }
`);
    const bytes = bytesOf(record, 'f');
    expect(bytes.length).toBe(3 * 3); // each broadcast crosses the three links once
    expect(new Set(bytes)).toEqual(new Set([250]));
  });

  it('pads gossip relays to the drawn size of their broadcast', async () => {
    const record = await run(`
name: sizes
seed: 3
nodes: 12
topology: { kind: ring, link: { bandwidth: 10Mbps, delay: 1ms } }
flows:
  - { name: f, pattern: broadcast, method: gossip, fanout: 2, rounds: 3, from: n0, count: 20, size: "uniform(200B, 600B)", interval: 50ms }
`);
    const journal = record.journal;
    const flow = journal.findFlow('f');
    const sizeOfBroadcast = new Map<number, Set<number>>();
    for (let id = 0; id < journal.length; id++) {
      if (journal.flow[id] !== flow || journal.copyOf[id] !== -1) continue;
      const broadcast = journal.trace[id]!;
      if (!sizeOfBroadcast.has(broadcast)) sizeOfBroadcast.set(broadcast, new Set());
      sizeOfBroadcast.get(broadcast)!.add(journal.bytes[id]!);
    }
    expect(sizeOfBroadcast.size).toBe(20);
    for (const sizes of sizeOfBroadcast.values()) expect(sizes.size).toBe(1);
    expect(Math.min(...[...sizeOfBroadcast.values()].map((sizes) => [...sizes][0]!))).toBeGreaterThanOrEqual(200);
  });

  it('hands work to consumers at the size of its task', async () => {
    const record = await run(`
name: sizes
nodes: [a, b, c, d]
${LINE}
flows:
  - { name: f, pattern: work-queue, from: a, broker: b, consumers: [c], count: 4, size: 700B, interval: 10ms }
`);
    expect(bytesOf(record, 'f')).toEqual([700, 700, 700, 700]);
    expect(bytesOf(record, 'f:work')).toEqual([700, 700, 700, 700]);
  });
});
