/**
 * The event queue's order, heap and ladder alike, against a reference that sorts by
 * (time, key): random mixes of pushes (at the current time, at equal times, over spreads
 * from 1e-9 s to 1e6 s, in bursts that cross the bucket limit, the rung limit and every
 * array's growth), pops, cancellations, stale handles and tie shuffling, under each way the
 * queue may be set up.
 */
import fc from 'fast-check';
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { EventQueue, type EventQueueOptions } from '../../src/engine/event-queue.js';
import { BUCKET_LIMIT, MAX_RUNGS } from '../../src/engine/ladder-queue.js';

const noop = (): void => {};

/** How far ahead of the current time an event is pushed. */
type Delay =
  | { kind: 'now' }
  | { kind: 'tie'; pick: number }
  | { kind: 'seconds'; value: number };

type Op =
  | { kind: 'push'; delay: Delay }
  | { kind: 'burst'; count: number; delay: Delay; spacing: 'equal' | 'even' | 'geometric' }
  | { kind: 'pop'; count: number }
  | { kind: 'cancel'; pick: number }
  | { kind: 'stale'; pick: number }
  | { kind: 'shuffle'; on: boolean };

const delay: fc.Arbitrary<Delay> = fc.oneof(
  fc.constant<Delay>({ kind: 'now' }),
  fc.record({ kind: fc.constant('tie' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('seconds' as const), value: fc.double({ min: 0, max: 2, noNaN: true }) }),
  fc.record({ kind: fc.constant('seconds' as const), value: fc.double({ min: 0, max: 1e-9, noNaN: true }) }),
  fc.record({ kind: fc.constant('seconds' as const), value: fc.double({ min: 0, max: 1e6, noNaN: true }) }),
);

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('push' as const), delay }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('burst' as const),
      // Mostly around the bucket limit, sometimes past the heap's 2048 and the arrays' 1024.
      count: fc.oneof(fc.integer({ min: 1, max: 3 * BUCKET_LIMIT }), fc.integer({ min: 1000, max: 2600 })),
      delay,
      spacing: fc.constantFrom('equal' as const, 'even' as const, 'geometric' as const),
    }),
  },
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('pop' as const), count: fc.oneof(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 50, max: 3000 })) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('stale' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('shuffle' as const), on: fc.boolean() }) },
);

interface Entry {
  readonly time: number;
  /** The order among equal times: the push count, or the tie draw while shuffling. */
  readonly key: number;
  readonly id: number;
  readonly handle: number;
}

/** Pops everything, returning the data of each event in order. */
function drainData(queue: EventQueue): number[] {
  const order: number[] = [];
  while (queue.peekTime() !== Infinity) {
    const slot = queue.popSlot();
    order.push(queue.dataOf(slot) as number);
    queue.release(slot);
  }
  return order;
}

function before(a: Entry, b: Entry): boolean {
  return a.time < b.time || (a.time === b.time && a.key < b.key);
}

/**
 * Runs `ops` on a queue and on a sorted array side by side; every pop must agree on time
 * and event, every cancel on its answer, and `size` on the number of live events.
 */
function agree(options: EventQueueOptions, ops: readonly Op[], seed: number): void {
  const queue = new EventQueue(options);
  const draws = seedrandom.alea(String(seed));
  let lastDraw = 0;
  const draw = (): number => (lastDraw = draws.double());
  let shuffling = false;
  /** Live events, sorted by (time, key). */
  const live: Entry[] = [];
  /** Handles of events that ran or were cancelled. */
  const dead: number[] = [];
  let now = 0;
  let id = 0;

  const timeOf = (d: Delay): number => {
    if (d.kind === 'now') return now;
    if (d.kind === 'tie') return live.length === 0 ? now : live[d.pick % live.length]!.time;
    return now + d.value;
  };
  const push = (time: number): void => {
    const key = queue.pushedCount;
    const handle = queue.push(time, noop, id);
    const entry: Entry = { time, key: shuffling ? lastDraw : key, id: id++, handle };
    let lo = 0;
    let hi = live.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (before(live[mid]!, entry)) lo = mid + 1;
      else hi = mid;
    }
    live.splice(lo, 0, entry);
  };

  for (const o of ops) {
    switch (o.kind) {
      case 'push':
        push(timeOf(o.delay));
        break;
      case 'burst': {
        const start = timeOf(o.delay);
        const width = o.delay.kind === 'seconds' && o.delay.value > 0 ? o.delay.value : 1;
        for (let i = 0; i < o.count; i++) {
          const offset = o.spacing === 'equal' ? 0 : o.spacing === 'even' ? (width * i) / o.count : width * 2 ** -i;
          push(start + offset);
        }
        break;
      }
      case 'pop':
        for (let i = 0; i < o.count; i++) {
          const time = queue.peekTime();
          const head = live.shift();
          if (head === undefined) {
            expect(time).toBe(Infinity);
            break;
          }
          const slot = queue.popSlot();
          expect([time, queue.dataOf(slot)]).toEqual([head.time, head.id]);
          queue.release(slot);
          dead.push(head.handle);
          now = time;
        }
        break;
      case 'cancel':
        if (live.length > 0) {
          const [victim] = live.splice(o.pick % live.length, 1);
          expect(queue.cancel(victim!.handle)).toBe(true);
          dead.push(victim!.handle);
        }
        break;
      case 'stale':
        if (dead.length > 0) expect(queue.cancel(dead[o.pick % dead.length]!)).toBe(false);
        break;
      case 'shuffle':
        shuffling = o.on;
        queue.shuffleTies(o.on ? draw : undefined);
        break;
    }
    expect(queue.size).toBe(live.length);
  }
}

/** The ways the queue may be set up: as shipped, a heap, a ladder, and switching often. */
const SETUPS: readonly [string, EventQueueOptions][] = [
  ['as shipped', {}],
  ['heap only', { ladderAbove: Infinity }],
  ['ladder only', { ladderAbove: 0, heapAtMost: 0 }],
  ['switching between heap and ladder often', { ladderAbove: 40, heapAtMost: 12 }],
];

describe('the event queue’s order', () => {
  for (const [name, options] of SETUPS) {
    it(`matches a sorted reference under random pushes, pops, cancels and shuffled ties (${name})`, () => {
      fc.assert(
        fc.property(fc.array(op, { minLength: 10, maxLength: 80 }), fc.integer(), (ops, seed) => agree(options, ops, seed)),
        { numRuns: 60 },
      );
    });
  }

  it(`stays exact when a cluster of times needs more than ${MAX_RUNGS} rungs`, () => {
    const queue = new EventQueue({ ladderAbove: 0, heapAtMost: 0 });
    // Each rung can split off only the earliest few: times 2^-i, i = 0 … 399, then one far off.
    const times = Array.from({ length: 400 }, (_, i) => 2 ** -i);
    times.push(1e6);
    times.forEach((time, i) => queue.push(time, noop, i));
    expect(drainData(queue)).toEqual(times.map((time, i) => ({ time, i })).sort((a, b) => a.time - b.time).map((e) => e.i));
  });

  it('spreads a bottom that keeps growing over a rung of its own, unless its times are equal', () => {
    const seconds = (value: number): Delay => ({ kind: 'seconds', value });
    for (const options of [{ ladderAbove: 0, heapAtMost: 0 }, {}]) {
      agree(
        options,
        [
          // Two events at each of 3000 times a third of a second apart: a rung of 6000 buckets.
          // The first bucket is then half drained, so the run still holds its other event.
          { kind: 'burst', count: 3000, delay: seconds(999), spacing: 'even' },
          { kind: 'burst', count: 3000, delay: seconds(999), spacing: 'even' },
          { kind: 'pop', count: 1 },
          // Pushes into the bucket being drained: at the current time, then spread within it.
          { kind: 'burst', count: 2500, delay: { kind: 'now' }, spacing: 'equal' },
          { kind: 'burst', count: 2500, delay: seconds(0.03), spacing: 'even' },
          { kind: 'pop', count: 9000 },
        ],
        1,
      );
    }
    // With no rung: a top small enough to be sorted into the run, then pushes within its range.
    agree(
      { ladderAbove: 0, heapAtMost: 0 },
      [
        { kind: 'burst', count: 10, delay: seconds(10), spacing: 'even' },
        { kind: 'pop', count: 1 },
        { kind: 'burst', count: 200, delay: seconds(5), spacing: 'even' },
        { kind: 'pop', count: 300 },
      ],
      1,
    );
  });

  it('orders times too close together to split into buckets (subnormal differences)', () => {
    const queue = new EventQueue({ ladderAbove: 0, heapAtMost: 0 });
    // 200 times k · 2^-1074, each twice, pushed latest first: no bucket width can part them.
    const times = Array.from({ length: 400 }, (_, i) => (199 - (i % 200)) * Number.MIN_VALUE);
    times.forEach((time, i) => queue.push(time, noop, i));
    expect(drainData(queue)).toEqual(times.map((time, i) => ({ time, i })).sort((a, b) => a.time - b.time || a.i - b.i).map((e) => e.i));
  });

  it('runs equal times FIFO past the bucket limit while pushes at the current time join them', () => {
    const queue = new EventQueue({ ladderAbove: 0, heapAtMost: 0 });
    for (let i = 0; i < 10 * BUCKET_LIMIT; i++) queue.push(5, noop, i);
    const order: number[] = [];
    let next = 10 * BUCKET_LIMIT;
    while (queue.peekTime() !== Infinity) {
      const slot = queue.popSlot();
      const data = queue.dataOf(slot) as number;
      queue.release(slot);
      order.push(data);
      // While the first half drains, each event pushes another at the current time.
      if (data < 5 * BUCKET_LIMIT) queue.push(5, noop, next++);
    }
    expect(order).toEqual([...Array(next).keys()]);
  });
});
