/**
 * Broadcast on random connected graphs: unicast and flooding reach every node once, with
 * n − 1 and Σ degree − (n − 1) messages per broadcast; gossip reaches each node at most once
 * and pushes exactly `fanout` messages per informed node of an early round; and the mean-field
 * gossip coverage against hand-worked values.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { msgpackCodec } from '../../src/messaging/codec.js';
import { Broadcaster, type BroadcastMethod } from '../../src/messaging/broadcast.js';
import { Endpoint } from '../../src/messaging/endpoint.js';
import { DeliveryLedger } from '../../src/stats/ledger.js';
import { SimulatedRuntime } from '../../src/runtime/simulated.js';
import { gossipCoverage } from '../../src/stats/checks/broadcast.js';
import { connectedGraph, networkOf, type Graph } from '../support/graph.js';

interface Result {
  /** Times each node's handler got each broadcast, by node. */
  readonly got: number[][];
  /** Frames sent, per broadcast. */
  readonly frames: number[];
  readonly ledger: DeliveryLedger;
}

/** Broadcasts `count` messages from node 0 over `graph`, lossless, one every 100 ms. */
async function broadcast(graph: Graph, method: BroadcastMethod, count: number, gossip: { fanout?: number; rounds?: number } = {}): Promise<Result> {
  const { sim, network } = networkOf(graph, { bandwidthBitsPerSecond: 1e7, delaySeconds: 0.001 });
  const runtime = new SimulatedRuntime(sim, network);
  const ledger = new DeliveryLedger(() => sim.now, runtime);
  const got = Array.from({ length: graph.n }, () => new Array<number>(count).fill(0));
  const broadcasters = Array.from({ length: graph.n }, (_, node) => {
    const broadcaster = new Broadcaster(new Endpoint(runtime.node(String(node)), msgpackCodec, { observer: ledger }));
    broadcaster.onBroadcast((body) => void got[node]![body as number]!++);
    return broadcaster;
  });
  for (let k = 0; k < count; k++) sim.scheduleAt(k * 0.1, () => broadcasters[0]!.broadcast(k, { method, flow: 'b', ...gossip }));
  await sim.run();
  const frames = new Array<number>(count).fill(0);
  const journal = network.journal;
  for (let id = 0; id < journal.length; id++) frames[Math.floor(journal.sentAt[id]! / 0.1 + 1e-9)]!++;
  return { got, frames, ledger };
}

const degreeSum = (graph: Graph): number => 2 * graph.edges.length;

describe('broadcast', () => {
  it('unicast reaches every other node once with n - 1 messages', async () => {
    await fc.assert(
      fc.asyncProperty(connectedGraph(10), async (graph) => {
        const { got, frames } = await broadcast(graph, 'unicast', 3);
        expect(got[0]).toEqual([0, 0, 0]);
        for (let node = 1; node < graph.n; node++) expect(got[node]).toEqual([1, 1, 1]);
        expect(frames).toEqual([graph.n - 1, graph.n - 1, graph.n - 1]);
      }),
      { numRuns: 30 },
    );
  });

  it('flooding reaches every other node once with Σ degree - (n - 1) messages', async () => {
    await fc.assert(
      fc.asyncProperty(connectedGraph(12), async (graph) => {
        const { got, frames, ledger } = await broadcast(graph, 'flood', 3);
        for (let node = 1; node < graph.n; node++) expect(got[node]).toEqual([1, 1, 1]);
        const expected = degreeSum(graph) - (graph.n - 1);
        expect(frames).toEqual([expected, expected, expected]);
        // Every copy but the first at each node is suppressed; copies back at the origin are not booked.
        let suppressed = 0;
        for (let row = 0; row < ledger.length; row++) suppressed += ledger.suppressedCopies[row]!;
        expect(suppressed).toBeLessThanOrEqual(3 * (expected - (graph.n - 1)));
        expect(ledger.length).toBe(3 * (graph.n - 1));
      }),
      { numRuns: 30 },
    );
  });

  it('gossip hands a broadcast to each node at most once; one round sends exactly fanout messages', async () => {
    await fc.assert(
      fc.asyncProperty(connectedGraph(10), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }), async (graph, fanout, rounds) => {
        const { got, frames } = await broadcast(graph, 'gossip', 4, { fanout, rounds });
        for (const counts of got) for (const count of counts) expect(count).toBeLessThanOrEqual(1);
        const pushes = Math.min(fanout, graph.n - 1);
        if (rounds === 1) {
          expect(frames).toEqual([pushes, pushes, pushes, pushes]);
          for (let k = 0; k < 4; k++) expect(got.reduce((sum, counts) => sum + counts[k]!, 0)).toBe(pushes);
        }
        // Each push comes from the origin or from a node on its first copy: at most fanout per reached node.
        for (let k = 0; k < 4; k++) {
          const reached = got.reduce((sum, counts) => sum + counts[k]!, 0);
          expect(frames[k]!).toBeLessThanOrEqual(pushes * (1 + reached));
        }
      }),
      { numRuns: 30 },
    );
  });

  it('gossip to every node in one round covers everyone', async () => {
    const graph: Graph = { n: 6, edges: [[0, 1], [1, 2], [2, 3], [3, 4], [4, 5]] };
    const { got, frames } = await broadcast(graph, 'gossip', 2, { fanout: 5, rounds: 1 });
    for (let node = 1; node < 6; node++) expect(got[node]).toEqual([1, 1]);
    expect(frames).toEqual([5, 5]);
  });
});

describe('gossipCoverage (mean field)', () => {
  it('is 1 when the origin pushes to every node, and f/(n-1) after one round', () => {
    expect(gossipCoverage(10, 9, 1)).toBe(1);
    expect(gossipCoverage(11, 3, 1)).toBeCloseTo(3 / 10, 15);
  });

  it('follows the recursion worked by hand for two rounds', () => {
    // n = 11, f = 2: round 1 informs 10·(2/10) = 2; round 2: 8·(1 − 0.8²) = 2.88 more.
    expect(gossipCoverage(11, 2, 2)).toBeCloseTo((2 + 2.88) / 10, 12);
  });

  it('grows with rounds and fan-out, and stays within [0, 1]', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 200 }), fc.integer({ min: 1, max: 10 }), fc.integer({ min: 1, max: 10 }), (n, f, r) => {
        const c = gossipCoverage(n, f, r);
        expect(c).toBeGreaterThan(0);
        expect(c).toBeLessThanOrEqual(1);
        expect(gossipCoverage(n, f, r + 1)).toBeGreaterThanOrEqual(c);
        expect(gossipCoverage(n, f + 1, r)).toBeGreaterThanOrEqual(c - 1e-12);
      }),
    );
  });
});
