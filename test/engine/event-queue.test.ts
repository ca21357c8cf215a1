import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventQueue } from '../../src/engine/event-queue.js';

/** Pops everything, returning the data of each event in order. */
function drain<T>(queue: EventQueue): { time: number; data: T }[] {
  const out: { time: number; data: T }[] = [];
  for (;;) {
    const time = queue.peekTime();
    if (time === Infinity) return out;
    const slot = queue.popSlot();
    out.push({ time, data: queue.dataOf(slot) as T });
    queue.release(slot);
  }
}

const noop = (): void => {};

describe('EventQueue', () => {
  it('pops events in non-decreasing time order, ties in push order', () => {
    // Times from a small set so that ties are common.
    const times = fc.array(fc.integer({ min: 0, max: 20 }).map((t) => t / 4), { maxLength: 300 });
    fc.assert(
      fc.property(times, (ts) => {
        const queue = new EventQueue();
        ts.forEach((t, i) => queue.push(t, noop, i));
        const popped = drain<number>(queue);
        const expected = ts.map((t, i) => ({ time: t, data: i })).sort((a, b) => a.time - b.time || a.data - b.data);
        expect(popped).toEqual(expected);
      }),
    );
  });

  it('runs same-time events in scheduling order', () => {
    const queue = new EventQueue();
    for (let i = 0; i < 1000; i++) queue.push(1, noop, i);
    expect(drain<number>(queue).map((e) => e.data)).toEqual([...Array(1000).keys()]);
  });

  it('forgets cancelled events and reports whether a cancel took effect', () => {
    const queue = new EventQueue();
    const a = queue.push(1, noop, 'a');
    queue.push(2, noop, 'b');
    expect(queue.cancel(a)).toBe(true);
    expect(queue.cancel(a)).toBe(false);
    expect(queue.size).toBe(1);
    expect(drain<string>(queue).map((e) => e.data)).toEqual(['b']);
  });

  it('does not let a stale handle cancel a later event in the same slot', () => {
    const queue = new EventQueue();
    const first = queue.push(1, noop, 'first');
    drain(queue);
    queue.push(2, noop, 'second');
    expect(queue.cancel(first)).toBe(false);
    expect(drain<string>(queue).map((e) => e.data)).toEqual(['second']);
  });

  it('behaves like a sorted list under random push, cancel and pop', () => {
    type Op = { kind: 'push'; time: number } | { kind: 'cancel'; pick: number } | { kind: 'pop' };
    const op: fc.Arbitrary<Op> = fc.oneof(
      fc.record({ kind: fc.constant('push' as const), time: fc.integer({ min: 0, max: 50 }) }),
      fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat() }),
      fc.record({ kind: fc.constant('pop' as const) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 400 }), (ops) => {
        const queue = new EventQueue();
        // Reference: live events as (time, seq, handle), kept sorted by (time, seq).
        let model: { time: number; seq: number; handle: number }[] = [];
        let seq = 0;
        for (const o of ops) {
          if (o.kind === 'push') {
            const handle = queue.push(o.time, noop, seq);
            model.push({ time: o.time, seq: seq++, handle });
            model.sort((a, b) => a.time - b.time || a.seq - b.seq);
          } else if (o.kind === 'cancel') {
            if (model.length === 0) continue;
            const victim = model[o.pick % model.length]!;
            expect(queue.cancel(victim.handle)).toBe(true);
            model = model.filter((e) => e !== victim);
          } else {
            const time = queue.peekTime();
            if (model.length === 0) {
              expect(time).toBe(Infinity);
              continue;
            }
            const slot = queue.popSlot();
            const head = model.shift()!;
            expect([time, queue.dataOf(slot)]).toEqual([head.time, head.seq]);
            queue.release(slot);
          }
          expect(queue.size).toBe(model.length);
        }
      }),
    );
  });

  it('grows past its initial capacity', () => {
    const queue = new EventQueue();
    for (let i = 5000; i > 0; i--) queue.push(i, noop, i);
    const popped = drain<number>(queue).map((e) => e.data);
    expect(popped).toEqual([...Array(5000).keys()].map((i) => i + 1));
  });
});
