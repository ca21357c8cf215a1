/**
 * The checks' cost grows with the run's hops and messages, not with their product with the
 * links or the flows: counted as reads of the journals' columns, which a check scanning the
 * hop journal once per link direction (or the message journal once per flow) multiplies.
 */
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/load.js';
import { runScenario } from '../../src/scenario/simulation.js';
import { allRows, checkRun } from '../../src/stats/checks/index.js';

/** A 6×6 grid (60 links, 120 directions) with every kind of flow and something random on every link. */
const GRID = `
name: grid
seed: 12
nodes: 36
topology:
  kind: grid
  width: 6
  height: 6
  link: {bandwidth: 10Mbps, delay: 1ms, duplicate: 0.01}
links:
  - {between: [n0, n1], bandwidth: 10Mbps, delay: 1ms, loss: {model: gilbert-elliott, p: 0.01, r: 0.3}}
  - {between: [n34, n35], bandwidth: 10Mbps, delay: 1ms, jitter: "uniform(0ms, 1ms)", reorder: true}
flows:
  - {name: across, pattern: p2p, from: n0, to: n35, count: 300, size: 200B, interval: 2ms}
  - {name: back, pattern: p2p, from: n35, to: n0, count: 300, size: 200B, interval: "exp(2ms)"}
  - {name: reliable, pattern: p2p, delivery: at-least-once, from: n5, to: n30, count: 200, size: 200B, interval: 2ms}
  - {name: calls, pattern: request-reply, from: n6, to: n29, count: 200, size: 200B, interval: 2ms, service: 1ms}
  - {name: flood, pattern: broadcast, method: flood, from: n14, count: 5, size: 200B, interval: 20ms}
  - name: news
    pattern: pubsub
    from: n2
    broker: n21
    topics: [t]
    subscribers: [{node: n8, topic: t}, {node: n33, topic: t}]
    count: 100
    size: 200B
    interval: 2ms
    start: 20ms
`;

/** Replaces each named typed-array column of `owner` with one that counts reads by index. */
function countReads(owner: object, columns: readonly string[]): Map<string, number> {
  const reads = new Map<string, number>();
  for (const column of columns) {
    const target = (owner as Record<string, ArrayLike<number> & object>)[column]!;
    reads.set(column, 0);
    (owner as Record<string, unknown>)[column] = new Proxy(target, {
      get(array, key) {
        if (typeof key === 'string' && key.length > 0 && key.charCodeAt(0) >= 48 && key.charCodeAt(0) <= 57) reads.set(column, reads.get(column)! + 1);
        const value: unknown = Reflect.get(array, key, array);
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(array) : value;
      },
    });
  }
  return reads;
}

describe('the cost of the checks', () => {
  it('reads each journal column a bounded number of times per hop and per message, however many links and flows', async () => {
    const record = await runScenario(parseScenario(GRID, 'grid.yaml'));
    expect(record.transmitters.length).toBe(120);
    const hopReads = countReads(record.hops, ['message', 'transmitter', 'admittedAt', 'arrivedAt', 'fate']);
    const messageReads = countReads(record.journal, ['flow', 'src', 'dst', 'sentAt', 'receivedAt', 'outcome', 'copyOf', 'trace']);
    const rows = allRows(checkRun(record));
    expect(rows.map((row) => row.metric)).toEqual(expect.arrayContaining(['loss_rate', 'duplicate_rate', 'jitter_mean', 'path_shortest', 'rtt_mean']));
    const perHop = Object.fromEntries([...hopReads].map(([column, reads]) => [column, reads / record.hops.length]));
    const perMessage = Object.fromEntries([...messageReads].map(([column, reads]) => [column, reads / record.journal.length]));
    // A scan per link direction alone would read a column 120 times per hop.
    expect(Object.entries(perHop).filter(([, reads]) => reads >= 30)).toEqual([]);
    expect(Object.entries(perMessage).filter(([, reads]) => reads >= 30)).toEqual([]);
  });
});
