import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ulp } from '../../src/engine/time.js';
import { Fate, FATE_OUTCOME, FATES } from '../../src/net/fates.js';
import { Outcome } from '../../src/net/outcome.js';
import { connectedGraph, networkOf } from '../support/graph.js';

const linkParams = fc.record({
  bandwidthBitsPerSecond: fc.integer({ min: 1, max: 10_000 }).map((k) => k * 1e4),
  delaySeconds: fc.integer({ min: 0, max: 50_000 }).map((us) => us / 1e6),
});

describe('multi-hop paths', () => {
  it('take Σ (size/bandwidth + delay) over an idle path, store and forward', async () => {
    const scenario = fc.record({
      hops: fc.array(linkParams, { minLength: 1, maxLength: 6 }),
      bytes: fc.integer({ min: 1, max: 100_000 }),
      sendTime: fc.integer({ min: 0, max: 1000 }).map((ms) => ms / 1000),
    });
    await fc.assert(
      fc.asyncProperty(scenario, async ({ hops, bytes, sendTime }) => {
        const graph = { n: hops.length + 1, edges: hops.map((_, i) => [i, i + 1] as [number, number]) };
        const { sim, network } = networkOf(graph, (i) => hops[i]!);
        sim.scheduleAt(sendTime, () => void network.send(0, hops.length, bytes, null, 0));
        await sim.run();
        const journal = network.journal;
        expect(journal.outcome[0]).toBe(Outcome.Delivered);
        const expected = hops.reduce((sum, h) => sum + (bytes * 8) / h.bandwidthBitsPerSecond + h.delaySeconds, 0);
        const measured = journal.receivedAt[0]! - journal.sentAt[0]!;
        const allowed = Math.max(1e-9 * expected, (hops.length + 1) * ulp(journal.receivedAt[0]!));
        expect(Math.abs(measured - expected)).toBeLessThanOrEqual(allowed);
        expect(network.hops.length).toBe(hops.length);
      }),
    );
  });

  it('pipeline consecutive messages: each hop serialises the whole message', async () => {
    // Two hops of 8 kbps, 0.5 s: 1000 B take t = 1 s per hop.
    const { sim, network } = networkOf({ n: 3, edges: [[0, 1], [1, 2]] }, { bandwidthBitsPerSecond: 8000, delaySeconds: 0.5 });
    sim.scheduleAt(0, () => {
      network.send(0, 2, 1000, null, 0);
      network.send(0, 2, 1000, null, 0);
    });
    await sim.run();
    // First: 2(t + d) = 3. Second: leaves hop 1 at 2t, waits for nothing at hop 2: 3t + 2d = 4.
    expect([network.journal.receivedAt[0], network.journal.receivedAt[1]]).toEqual([3, 4]);
  });

  it('deliver a message to its own node at once, over no link', async () => {
    const { sim, network } = networkOf({ n: 2, edges: [[0, 1]] }, { bandwidthBitsPerSecond: 1e6, delaySeconds: 1 });
    sim.scheduleAt(2, () => void network.send(1, 1, 100, null, 0));
    await sim.run();
    expect(network.journal.receivedAt[0]).toBe(2);
    expect(network.hops.length).toBe(0);
  });
});

/** A random fault on the timeline of a random graph. */
type Fault =
  | { at: number; kind: 'link'; link: number; up: boolean }
  | { at: number; kind: 'node'; node: number; up: boolean }
  | { at: number; kind: 'partition'; cut: number; oneWay: boolean }
  | { at: number; kind: 'heal' };

const faultArb = (n: number, links: number): fc.Arbitrary<Fault> => {
  const at = fc.integer({ min: 0, max: 200 }).map((ms) => ms / 1000);
  return fc.oneof(
    fc.record({ at, kind: fc.constant('link' as const), link: fc.nat({ max: links - 1 }), up: fc.boolean() }),
    fc.record({ at, kind: fc.constant('node' as const), node: fc.nat({ max: n - 1 }), up: fc.boolean() }),
    fc.record({ at, kind: fc.constant('partition' as const), cut: fc.integer({ min: 1, max: n - 1 }), oneWay: fc.boolean() }),
    fc.record({ at, kind: fc.constant('heal' as const) }),
  );
};

const chaos = connectedGraph(7).chain((graph) =>
  fc.record({
    graph: fc.constant(graph),
    seed: fc.nat(),
    loss: fc.double({ min: 0, max: 0.3, noNaN: true }),
    duplicate: fc.double({ min: 0, max: 0.3, noNaN: true }),
    corrupt: fc.double({ min: 0, max: 0.2, noNaN: true }),
    jitter: fc.boolean(),
    reorder: fc.boolean(),
    queue: fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined }),
    until: fc.option(fc.integer({ min: 10, max: 300 }).map((ms) => ms / 1000), { nil: undefined }),
    sends: fc.array(
      fc.record({
        at: fc.integer({ min: 0, max: 200 }).map((ms) => ms / 1000),
        src: fc.nat({ max: graph.n - 1 }),
        dst: fc.nat({ max: graph.n - 1 }),
        bytes: fc.integer({ min: 1, max: 3000 }),
      }),
      { maxLength: 60 },
    ),
    faults: fc.array(faultArb(graph.n, graph.edges.length), { maxLength: 6 }),
  }),
);

describe('conservation under faults', () => {
  it('ends every message in one outcome its hops account for', async () => {
    await fc.assert(
      fc.asyncProperty(chaos, async (c) => {
        const { sim, network } = networkOf(
          c.graph,
          {
            bandwidthBitsPerSecond: 1e6,
            delaySeconds: 0.005,
            loss: c.loss,
            duplicate: c.duplicate,
            corrupt: c.corrupt,
            reorder: c.reorder,
            ...(c.jitter ? { jitter: { kind: 'exp' as const, mean: 0.004 } } : {}),
            ...(c.queue === undefined ? {} : { queue: { messages: c.queue } }),
          },
          { seed: c.seed },
        );
        for (const s of c.sends) sim.scheduleAt(s.at, () => void network.send(s.src, s.dst, s.bytes, null, 0));
        for (const f of c.faults) {
          sim.scheduleAt(f.at, () => {
            if (f.kind === 'link') network.setLinkUp(f.link, f.up);
            else if (f.kind === 'node') network.setNodeUp(f.node, f.up);
            else if (f.kind === 'heal') network.setPartition(undefined);
            else network.setPartition({ groups: [Array.from({ length: f.cut }, (_, i) => i)], oneWay: f.oneWay });
          });
        }
        await sim.run(c.until === undefined ? {} : { until: c.until });
        network.finishRun();
        checkAccounts(network);
      }),
    );
  });
});

/**
 * Every message's fate agrees with its hops (a fate met on a hop is its last hop's fate),
 * its outcome is its fate's, and every hop that destroyed it is counted by its transmitter
 * under its fate.
 */
function checkAccounts(network: ReturnType<typeof networkOf>['network']): void {
  const { journal, hops } = network;
  const byMessage: number[][] = Array.from({ length: journal.length }, () => []);
  for (let h = 0; h < hops.length; h++) byMessage[hops.message[h]!]!.push(h);
  const counted = network.transmitters.map(() => new Array<number>(FATES.length).fill(0));
  for (let id = 0; id < journal.length; id++) {
    const path = byMessage[id]!;
    const fate = journal.fate[id]!;
    expect(journal.outcome[id]).toBe(FATE_OUTCOME[fate]);
    expect(journal.outcome[id] === Outcome.Delivered).toBe(!Number.isNaN(journal.receivedAt[id]!));
    if (journal.copyOf[id]! >= 0) expect(journal.copyOf[id]!).toBeLessThan(id);
    path.forEach((h, k) => {
      const t = network.transmitters[hops.transmitter[h]!]!;
      if (k < path.length - 1) {
        expect(hops.fate[h]).toBe(Fate.Arrived);
        const next = network.transmitters[hops.transmitter[path[k + 1]!]!]!;
        expect(next.from).toBe(t.to);
        expect(hops.admittedAt[path[k + 1]!]).toBe(hops.arrivedAt[h]);
      }
      if (hops.fate[h] !== Fate.InFlight && hops.fate[h] !== Fate.Arrived) counted[t.index]![hops.fate[h]!]!++;
    });
    const last = path.length === 0 ? undefined : hops.fate[path[path.length - 1]!];
    // Fates met off any hop: before the first (sender down, no route, a local send), or between two.
    const offHop: Partial<Record<number, (number | undefined)[]>> = {
      [Fate.Delivered]: [Fate.Arrived, undefined],
      [Fate.InFlight]: [Fate.InFlight, undefined],
      [Fate.SenderDown]: [undefined],
      [Fate.NoRoute]: [Fate.Arrived, undefined],
      [Fate.ReceiverDown]: [Fate.ReceiverDown, Fate.Arrived, undefined],
    };
    expect(offHop[fate] ?? [fate]).toContain(last);
    if (fate === Fate.Delivered && last !== undefined) expect(network.transmitters[hops.transmitter[path.at(-1)!]!]!.to).toBe(journal.dst[id]);
  }
  network.transmitters.forEach((t, i) => expect([...t.stats.drops]).toEqual(counted[i]));
}

describe('ordering and partitions', () => {
  it('keep each direction FIFO under jitter unless reordering is allowed', async () => {
    const scenario = fc.record({ graph: connectedGraph(6), seed: fc.nat(), sends: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.integer({ min: 0, max: 100 })), { minLength: 5, maxLength: 80 }) });
    let inversionsWithReorder = 0;
    for (const reorder of [false, true]) {
      await fc.assert(
        fc.asyncProperty(scenario, async ({ graph, seed, sends }) => {
          const { sim, network } = networkOf(graph, { bandwidthBitsPerSecond: 1e7, delaySeconds: 0.001, jitter: { kind: 'exp', mean: 0.01 }, reorder }, { seed });
          for (const [a, b, ms] of sends) sim.scheduleAt(ms / 1000, () => void network.send(a % graph.n, b % graph.n, 100, null, 0));
          await sim.run();
          const lastArrival = new Map<number, number>();
          const hops = network.hops;
          for (let h = 0; h < hops.length; h++) {
            if (hops.fate[h] !== Fate.Arrived) continue;
            const t = hops.transmitter[h]!;
            const before = lastArrival.get(t) ?? -Infinity;
            if (hops.arrivedAt[h]! < before) {
              expect(reorder).toBe(true);
              inversionsWithReorder++;
            }
            lastArrival.set(t, Math.max(before, hops.arrivedAt[h]!));
          }
        }),
      );
    }
    // The property would hold vacuously if jitter never reordered anything.
    expect(inversionsWithReorder).toBeGreaterThan(0);
  });

  it('deliver nothing across an active partition', async () => {
    const scenario = connectedGraph(7).chain((graph) =>
      fc.record({
        graph: fc.constant(graph),
        cut: fc.integer({ min: 1, max: graph.n - 1 }),
        oneWay: fc.boolean(),
        start: fc.integer({ min: 0, max: 100 }).map((ms) => ms / 1000),
        length: fc.integer({ min: 1, max: 100 }).map((ms) => ms / 1000),
        sends: fc.array(fc.tuple(fc.nat({ max: graph.n - 1 }), fc.nat({ max: graph.n - 1 }), fc.integer({ min: 0, max: 250 })), { maxLength: 80 }),
      }),
    );
    await fc.assert(
      fc.asyncProperty(scenario, async ({ graph, cut, oneWay, start, length, sends }) => {
        const { sim, network } = networkOf(graph, { bandwidthBitsPerSecond: 1e6, delaySeconds: 0.003 });
        const inA = (node: number): boolean => node < cut;
        // Blocked directions: A → B, and B → A unless one-way.
        const blocked = (from: number, to: number): boolean => (inA(from) && !inA(to)) || (!oneWay && !inA(from) && inA(to));
        sim.scheduleAt(start, () => network.setPartition({ groups: [Array.from({ length: cut }, (_, i) => i)], oneWay }));
        sim.scheduleAt(start + length, () => network.setPartition(undefined));
        for (const [a, b, ms] of sends) sim.scheduleAt(ms / 1000, () => void network.send(a, b, 200, null, 0));
        await sim.run();
        const { journal, hops } = network;
        for (let id = 0; id < journal.length; id++) {
          const sent = journal.sentAt[id]!;
          if (sent >= start && sent < start + length && blocked(journal.src[id]!, journal.dst[id]!)) {
            expect(journal.outcome[id]).not.toBe(Outcome.Delivered);
          }
        }
        for (let h = 0; h < hops.length; h++) {
          const t = network.transmitters[hops.transmitter[h]!]!;
          const arrived = hops.arrivedAt[h]!;
          if (blocked(t.from, t.to) && arrived >= start && arrived < start + length) expect.unreachable(`hop ${h} crossed the partition at ${arrived}`);
        }
      }),
    );
  });
});

describe('degrade and link statistics', () => {
  it('apply a degraded bandwidth and delay to messages admitted afterwards only', async () => {
    const { sim, network } = networkOf({ n: 2, edges: [[0, 1]] }, { bandwidthBitsPerSecond: 8000, delaySeconds: 1 });
    sim.scheduleAt(0, () => void network.send(0, 1, 1000, null, 0));
    sim.scheduleAt(0.5, () => network.degradeLink(0, { bandwidthBitsPerSecond: 4000, delaySeconds: 3 }));
    sim.scheduleAt(10, () => void network.send(0, 1, 1000, null, 0));
    await sim.run();
    // Before: 1 s + 1 s. After: 2 s + 3 s.
    expect([network.journal.receivedAt[0], network.journal.receivedAt[1]]).toEqual([2, 15]);
  });

  it('report utilisation and mean queue length that match the hops they carried', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 100, max: 3000 })), { minLength: 1, maxLength: 80 }),
        fc.integer({ min: 1, max: 3000 }),
        async (sends, untilMs) => {
          const { sim, network } = networkOf({ n: 2, edges: [[0, 1]] }, { bandwidthBitsPerSecond: 1e6, delaySeconds: 0.002 });
          for (const [ms, bytes] of sends) sim.scheduleAt(ms / 1000, () => void network.send(0, 1, bytes, null, 0));
          const end = (await sim.run({ until: untilMs / 1000 })).now;
          // Reference: replay the FIFO server from the hop journal, clipping work and waits at the end.
          let finish = 0;
          let busy = 0;
          let waiting = 0;
          const hops = network.hops;
          for (let h = 0; h < hops.length; h++) {
            const admitted = hops.admittedAt[h]!;
            const start = Math.max(admitted, finish);
            finish = start + (network.journal.bytes[hops.message[h]!]! * 8) / 1e6;
            busy += Math.max(0, Math.min(finish, end) - Math.min(start, end));
            waiting += Math.min(start, end) - admitted;
          }
          const totals = network.transmitters[0]!.totalsUntil(end);
          expect(totals.busySeconds).toBeCloseTo(busy, 9);
          expect(totals.waitSeconds).toBeCloseTo(waiting, 9);
        },
      ),
    );
  });
});
