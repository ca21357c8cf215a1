/**
 * What a sequence diagram tells, before any layout: hops from transmit to arrival with their
 * waits, drops off any hop, open hops, times down, and lanes ordered so that hops are short.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../src/trace/events.js';
import { arrangeLanes, nodeOrder } from '../../src/trace/sequence-lanes.js';
import { readStory } from '../../src/trace/sequence-story.js';

describe('readStory', () => {
  it('reads a hop from its transmit to its arrival, the wait before it, and the flow on its first hop only', () => {
    const story = readStory([
      { t: 0, type: 'send', frame: 1, from: 'a', to: 'c', bytes: 10, flow: 'f' },
      { t: 0, type: 'enqueue', frame: 1, link: 'ab', from: 'a', to: 'b' },
      { t: 0.5, type: 'transmit', frame: 1, link: 'ab', from: 'a', to: 'b', end: 0.6 },
      { t: 1, type: 'arrive', frame: 1, node: 'b' },
      { t: 1, type: 'transmit', frame: 1, link: 'bc', from: 'b', to: 'c', end: 1.1 },
      { t: 2, type: 'deliver', frame: 1, node: 'c', from: 'a' },
    ]);
    expect(story.hops.map(({ from, to, t1, t2, end, queuedAt, label, implicit }) => ({ from, to, t1, t2, end, queuedAt, label, implicit }))).toEqual([
      { from: 'a', to: 'b', t1: 0.5, t2: 1, end: 'arrive', queuedAt: 0, label: '#1 f', implicit: false },
      { from: 'b', to: 'c', t1: 1, t2: 2, end: 'deliver', queuedAt: undefined, label: '#1', implicit: false },
    ]);
    expect(story.times).toEqual([0, 0.5, 1, 2]);
    expect(story.hops[0]!.color).toBe(story.hops[1]!.color);
  });

  it('puts a drop before any hop on the lifeline where the frame was, and a drop on a hop on the hop', () => {
    const story = readStory([
      { t: 0, type: 'send', frame: 1, from: 'a', to: 'b', bytes: 10 },
      { t: 0, type: 'drop', frame: 1, cause: 'no_route', node: 'b' },
      { t: 1, type: 'send', frame: 2, from: 'a', to: 'b', bytes: 10 },
      { t: 1, type: 'transmit', frame: 2, link: 'ab', from: 'a', to: 'b', end: 1.1 },
      { t: 2, type: 'drop', frame: 2, cause: 'lost', node: 'b', link: 'ab' },
    ]);
    expect(story.crosses).toEqual([{ frame: 1, node: 'a', t: 0, cause: 'no_route' }]);
    expect(story.hops).toHaveLength(1);
    expect(story.hops[0]).toMatchObject({ frame: 2, from: 'a', to: 'b', end: 'drop', cause: 'lost' });
  });

  it('ends a hop still on the wire at the last time shown, and infers a hop no enqueue announced', () => {
    const story = readStory([
      { t: 0, type: 'send', frame: 1, from: 'a', to: 'b', bytes: 10 },
      { t: 0, type: 'transmit', frame: 1, link: 'ab', from: 'a', to: 'b', end: 0.1 },
      { t: 0, type: 'send', frame: 2, from: 'a', to: 'b', bytes: 10, copyOf: 1 },
      { t: 3, type: 'deliver', frame: 2, node: 'b', from: 'a' },
      { t: 4, type: 'timer', node: 'a', action: 'set', timer: 1, due: 9 },
    ]);
    expect(story.hops.map(({ frame, end, t2, implicit, label }) => ({ frame, end, t2, implicit, label }))).toEqual([
      { frame: 2, end: 'deliver', t2: 3, implicit: true, label: '#2 (copy of #1)' },
      { frame: 1, end: 'open', t2: 3, implicit: false, label: '#1' },
    ]);
    // Setting a timer is no time of its own; its firing is.
    expect(story.times).toEqual([0, 3]);
  });

  it('keeps a node down from its crash to its restart, or to the end without one', () => {
    const story = readStory([
      { t: 1, type: 'fault', fault: 'crash', node: 'a' },
      { t: 2, type: 'fault', fault: 'restart', node: 'a' },
      { t: 3, type: 'fault', fault: 'crash', node: 'a' },
      { t: 3, type: 'fault', fault: 'crash', node: 'b' },
      { t: 4, type: 'fault', fault: 'partition', groups: [['a'], ['b']], oneWay: true },
    ]);
    expect(story.down.get('a')).toEqual([
      [1, 2],
      [3, undefined],
    ]);
    expect(story.down.get('b')).toEqual([[3, undefined]]);
    expect(story.marks.map((mark) => `${mark.kind} ${mark.node} ${mark.label}`)).toEqual(['fault a crash', 'fault a restart', 'fault a crash', 'fault b crash']);
    expect(story.rules).toMatchObject([{ t: 4, kind: 'fault', label: 'partition (one-way) a | b' }]);
  });

  it('labels application events with their message and peer, and a violation as a red rule', () => {
    const story = readStory([
      { t: 0, type: 'app_send', node: 'a', to: 'a-peer-with-a-very-long-name', msg: 3, seq: 0, request: true },
      { t: 1, type: 'app_reply', node: 'a', from: 'b', msg: 3 },
      { t: 2, type: 'violation', invariant: 'inv', message: 'broken' },
    ]);
    expect(story.marks.map((mark) => mark.label)).toEqual(['request m3 → a-peer-with-a-v…', 'reply m3 ← b']);
    expect(story.rules).toEqual([{ t: 2, kind: 'violation', label: 'violation: inv: broken', color: '#d11a1a' }]);
  });
});

describe('lanes', () => {
  it('orders nodes by first activity, those only mentioned after', () => {
    const events: TraceEvent[] = [
      { t: 0, type: 'app_send', node: 'b', to: 'z', msg: 1, seq: 0 },
      { t: 0, type: 'send', frame: 1, from: 'c', to: 'y', bytes: 1 },
      { t: 1, type: 'fault', fault: 'partition', groups: [['x'], ['b']] },
      { t: 2, type: 'timer', node: 'y', action: 'fire', timer: 1 },
    ];
    expect(nodeOrder(events)).toEqual(['b', 'c', 'y', 'z', 'x']);
  });

  it('keeps the initial order without hops, and makes a path read along the lanes', () => {
    expect(arrangeLanes(['c', 'a', 'b'], [])).toEqual(['c', 'a', 'b']);
    const path = [
      { from: 'a', to: 'b' },
      { from: 'b', to: 'c' },
    ];
    expect(arrangeLanes(['a', 'c', 'b'], path)).toEqual(['a', 'b', 'c']);
  });

  /** The total number of lanes the hops span in `order`. */
  const spans = (order: readonly string[], hops: readonly { from: string; to: string }[]): number =>
    hops.reduce((sum, hop) => sum + Math.abs(order.indexOf(hop.from) - order.indexOf(hop.to)), 0);

  it('never makes hops longer than the initial order does, for few nodes and for many', () => {
    const hopsOf = (size: number) => fc.array(fc.tuple(fc.nat(size - 1), fc.nat(size - 1)), { maxLength: 40 });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 14 }).chain((size) => fc.tuple(fc.constant(size), hopsOf(size))), ([size, pairs]) => {
        const initial = Array.from({ length: size }, (_, i) => `n${i}`);
        const hops = pairs.map(([a, b]) => ({ from: `n${a}`, to: `n${b}` }));
        const arranged = arrangeLanes(initial, hops);
        expect([...arranged].sort()).toEqual([...initial].sort());
        expect(spans(arranged, hops)).toBeLessThanOrEqual(spans(initial, hops));
      }),
    );
  });

  it('finds the shortest arrangement when it can try them all', () => {
    // A star: the hub belongs in the middle.
    const hops = ['a', 'b', 'c', 'd'].map((leaf) => ({ from: 'hub', to: leaf }));
    const arranged = arrangeLanes(['hub', 'a', 'b', 'c', 'd'], hops);
    expect(spans(arranged, hops)).toBe(6);
    expect(arranged.indexOf('hub')).toBe(2);
  });
});
