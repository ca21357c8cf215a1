import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Fate } from '../../src/net/fates.js';
import { Condition, LinkState } from '../../src/net/link-state.js';
import { connectedGraph, networkOf } from '../support/graph.js';

describe('a link direction state', () => {
  it('is up until a condition holds, and up again when every condition has been left', () => {
    const state = new LinkState();
    expect([state.isUp, state.name]).toEqual([true, 'up']);
    state.enter(Condition.LinkDown, 1);
    state.enter(Condition.SenderDown, 2);
    expect([state.isUp, state.name]).toEqual([false, 'link_down+sender_down']);
    state.leave(Condition.LinkDown);
    expect([state.isUp, state.name]).toEqual([false, 'sender_down']);
    state.leave(Condition.SenderDown);
    expect([state.isUp, state.name]).toEqual([true, 'up']);
  });

  it('cuts when a condition that destroys frames is newly entered, and only then', () => {
    const state = new LinkState();
    expect(state.enter(Condition.ReceiverDown, 1)).toBe(false);
    expect(state.enter(Condition.Partitioned, 2)).toBe(true);
    expect(state.enter(Condition.Partitioned, 3)).toBe(false);
    expect(state.enter(Condition.LinkDown, 4)).toBe(true);
    expect(state.enter(Condition.SenderDown, 5)).toBe(true);
    expect(state.mark).toBe(3);
  });

  it('judges a frame by the first cut since its admission that reaches it', () => {
    const state = new LinkState();
    const mark = state.mark;
    expect(state.cutFate(mark, 10)).toBe(Fate.InFlight);
    // The sender crashes at 2: a frame serialised by 2 has left; one still serialising has not.
    state.enter(Condition.SenderDown, 2);
    expect(state.cutFate(mark, 2)).toBe(Fate.InFlight);
    expect(state.cutFate(mark, 2.5)).toBe(Fate.SenderCrashed);
    // Then the wire breaks: what had left is destroyed too, by this later cut.
    state.enter(Condition.LinkDown, 3);
    expect(state.cutFate(mark, 1)).toBe(Fate.LinkDown);
    expect(state.cutFate(mark, 2.5)).toBe(Fate.SenderCrashed);
    // A frame admitted after both cuts is judged by neither.
    expect(state.cutFate(state.mark, 10)).toBe(Fate.InFlight);
  });
});

/** A fault the network's fault functions apply. */
type Fault =
  | { kind: 'link'; link: number; up: boolean }
  | { kind: 'node'; node: number; up: boolean }
  | { kind: 'partition'; groups: number[][]; oneWay: boolean }
  | { kind: 'heal' }
  | { kind: 'hold'; link: number; held: boolean };

const faults = (n: number, links: number): fc.Arbitrary<Fault[]> =>
  fc.array(
    fc.oneof(
      fc.record({ kind: fc.constant('link' as const), link: fc.nat({ max: links - 1 }), up: fc.boolean() }),
      fc.record({ kind: fc.constant('node' as const), node: fc.nat({ max: n - 1 }), up: fc.boolean() }),
      fc.record({
        kind: fc.constant('partition' as const),
        groups: fc.array(fc.nat({ max: 2 }), { minLength: n, maxLength: n }).map((g) => [0, 1].map((k) => g.flatMap((group, node) => (group === k ? [node] : [])))),
        oneWay: fc.boolean(),
      }),
      fc.record({ kind: fc.constant('heal' as const) }),
      fc.record({ kind: fc.constant('hold' as const), link: fc.nat({ max: links - 1 }), held: fc.boolean() }),
    ),
    { maxLength: 8 },
  );

/** What the conditions of every direction should be after `applied`, worked out from the faults alone. */
function expectedConditions(directions: readonly { from: number; to: number }[], applied: readonly Fault[]): number[] {
  const linkDown = new Set<number>();
  const nodeDown = new Set<number>();
  const held = new Set<number>();
  let partition: { group: Map<number, number>; groups: number; oneWay: boolean } | undefined;
  for (const f of applied) {
    if (f.kind === 'link') (f.up ? linkDown.delete(f.link) : linkDown.add(f.link));
    else if (f.kind === 'node') (f.up ? nodeDown.delete(f.node) : nodeDown.add(f.node));
    else if (f.kind === 'heal') partition = undefined;
    else if (f.kind === 'hold') (f.held ? held.add(f.link) : held.delete(f.link));
    else partition = { group: new Map(f.groups.flatMap((members, g) => members.map((node) => [node, g] as const))), groups: f.groups.length, oneWay: f.oneWay };
  }
  return directions.map(({ from, to }, t) => {
    let cut = false;
    if (partition !== undefined) {
      const a = partition.group.get(from) ?? partition.groups;
      const b = partition.group.get(to) ?? partition.groups;
      cut = partition.oneWay ? a < b : a !== b;
    }
    return (
      (linkDown.has(t >> 1) ? Condition.LinkDown : 0) |
      (cut ? Condition.Partitioned : 0) |
      (nodeDown.has(from) ? Condition.SenderDown : 0) |
      (nodeDown.has(to) ? Condition.ReceiverDown : 0) |
      (held.has(t >> 1) ? Condition.Held : 0)
    );
  });
}

/** Nodes reachable from `src` over directions that are up. */
function reachable(n: number, directions: readonly { from: number; to: number }[], up: readonly boolean[], src: number): Set<number> {
  const seen = new Set([src]);
  const queue = [src];
  while (queue.length > 0) {
    const node = queue.shift()!;
    directions.forEach((d, t) => {
      if (d.from === node && up[t] === true && !seen.has(d.to)) {
        seen.add(d.to);
        queue.push(d.to);
      }
    });
  }
  return seen;
}

describe('the network drives link direction states', () => {
  const scenario = connectedGraph(6).chain((graph) => fc.record({ graph: fc.constant(graph), faults: faults(graph.n, graph.edges.length), src: fc.nat({ max: graph.n - 1 }), dst: fc.nat({ max: graph.n - 1 }) }));

  it('moves every direction into the conditions its faults imply, after each fault', () => {
    fc.assert(
      fc.property(scenario, ({ graph, faults: timeline }) => {
        const { network } = networkOf(graph, { bandwidthBitsPerSecond: 1e6, delaySeconds: 0.001 });
        timeline.forEach((fault, i) => {
          if (fault.kind === 'link') network.setLinkUp(fault.link, fault.up);
          else if (fault.kind === 'node') network.setNodeUp(fault.node, fault.up);
          else if (fault.kind === 'heal') network.setPartition(undefined);
          else if (fault.kind === 'hold') network.setHeld(fault.link, fault.held);
          else network.setPartition({ groups: fault.groups, oneWay: fault.oneWay });
          const expected = expectedConditions(network.transmitters, timeline.slice(0, i + 1));
          expect(network.transmitters.map((t) => t.state.conditions)).toEqual(expected);
          graph.edges.forEach((_, link) => expect(network.isLinkUp(link)).toBe((expected[2 * link]! & Condition.LinkDown) === 0));
          graph.edges.forEach((_, link) => expect(network.isLinkHeld(link)).toBe((expected[2 * link]! & Condition.Held) !== 0));
        });
      }),
    );
  });

  it('routes over exactly the directions that are up', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ graph, faults: timeline, src, dst }) => {
        const { sim, network } = networkOf(graph, { bandwidthBitsPerSecond: 1e6, delaySeconds: 0.001 });
        // Build the routes before the faults, so they must follow the state changes.
        network.send(0, graph.n - 1, 100, null, 0);
        for (const fault of timeline) {
          if (fault.kind === 'link') network.setLinkUp(fault.link, fault.up);
          else if (fault.kind === 'node') network.setNodeUp(fault.node, fault.up);
          else if (fault.kind === 'heal') network.setPartition(undefined);
          else if (fault.kind === 'hold') network.setHeld(fault.link, fault.held);
          else network.setPartition({ groups: fault.groups, oneWay: fault.oneWay });
        }
        const up = network.transmitters.map((t) => t.state.isUp);
        sim.scheduleAt(1, () => void network.send(src, dst, 100, null, 0));
        // A held link is routed over like any up link: its frames arrive once it is released.
        sim.scheduleAt(2, () => graph.edges.forEach((_, link) => network.setHeld(link, false)));
        await sim.run();
        const id = network.journal.length - 1;
        const fate = network.journal.fate[id];
        if (!network.isNodeUp(src)) expect(fate).toBe(Fate.SenderDown);
        else if (!network.isNodeUp(dst)) expect(fate).toBe(Fate.ReceiverDown);
        else expect(fate).toBe(reachable(graph.n, network.transmitters, up, src).has(dst) ? Fate.Delivered : Fate.NoRoute);
      }),
    );
  });

  it('keeps degradation out of the state: a degraded link stays up and routable', async () => {
    const { sim, network } = networkOf({ n: 2, edges: [[0, 1]] }, { bandwidthBitsPerSecond: 8000, delaySeconds: 0.5 });
    network.degradeLink(0, { bandwidthBitsPerSecond: 4000 });
    expect(network.transmitters.map((t) => t.state.name)).toEqual(['up', 'up']);
    expect(network.transmitters[0]!.faultedAt).toBe(0);
    network.send(0, 1, 1000, null, 0);
    await sim.run();
    expect(network.journal.receivedAt[0]).toBe(2.5);
  });

  it('does not cut a direction again that a new partition keeps cut', () => {
    const { network } = networkOf({ n: 3, edges: [[0, 1], [1, 2]] }, { bandwidthBitsPerSecond: 8000, delaySeconds: 0.5 });
    network.setPartition({ groups: [[0]] });
    network.setPartition({ groups: [[0], [2]] });
    expect(network.transmitters.map((t) => t.state.mark)).toEqual([1, 1, 1, 1]);
    network.setPartition(undefined);
    expect(network.transmitters.map((t) => t.state.name)).toEqual(['up', 'up', 'up', 'up']);
  });
});

describe('a held link', () => {
  /** Two nodes, one link of 8000 bit/s and 0.5 s: a 1000-byte frame takes 1 s to send and arrives 1.5 s after its start. */
  const pair = () => networkOf({ n: 2, edges: [[0, 1]] }, { bandwidthBitsPerSecond: 8000, delaySeconds: 0.5 });

  it('keeps its frames at the far end and delivers them in order at release, the rest on time', async () => {
    const { sim, network } = pair();
    const order: number[] = [];
    network.onDeliver(1, (payload) => order.push(payload as number));
    network.setHeld(0, true);
    expect(network.transmitters.map((t) => [t.state.isUp, t.state.name])).toEqual([[true, 'held'], [true, 'held']]);
    [0, 1, 2].forEach((k) => network.send(0, 1, 1000, k, 0));
    sim.scheduleAt(3, () => network.setHeld(0, false));
    await sim.run();
    // Unheld, the frames would arrive at 1.5, 2.5 and 3.5.
    expect([...network.journal.receivedAt.subarray(0, 3)]).toEqual([3, 3, 3.5]);
    expect(order).toEqual([0, 1, 2]);
  });

  it('judges its frames at release: a cut meanwhile destroys them, a receiver back up by then gets them', async () => {
    const cut = pair();
    cut.network.setHeld(0, true);
    cut.network.send(0, 1, 1000, null, 0);
    cut.sim.scheduleAt(2, () => cut.network.setLinkUp(0, false));
    cut.sim.scheduleAt(3, () => cut.network.setHeld(0, false));
    await cut.sim.run();
    expect(cut.network.journal.fate[0]).toBe(Fate.LinkDown);

    const bounced = pair();
    bounced.network.setHeld(0, true);
    bounced.network.send(0, 1, 1000, null, 0);
    bounced.sim.scheduleAt(2, () => bounced.network.setNodeUp(1, false));
    bounced.sim.scheduleAt(2.5, () => bounced.network.setNodeUp(1, true));
    bounced.sim.scheduleAt(3, () => bounced.network.setHeld(0, false));
    await bounced.sim.run();
    expect([bounced.network.journal.fate[0], bounced.network.journal.receivedAt[0]]).toEqual([Fate.Delivered, 3]);
  });

  it('leaves frames still held at the end of a run in flight', async () => {
    const { sim, network } = pair();
    network.setHeld(0, true);
    network.send(0, 1, 1000, null, 0);
    await sim.run({ until: 10 });
    network.finishRun();
    expect(network.journal.fate[0]).toBe(Fate.InFlight);
  });
});
