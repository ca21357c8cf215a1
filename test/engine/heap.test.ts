import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ItemHeap, MinHeap } from '../../src/engine/heap.js';

type Op = { kind: 'push'; key: number; tie: number } | { kind: 'pop' };

/** Pushes and pops, keys and ties from small sets so that both tie often. */
const ops: fc.Arbitrary<Op[]> = fc.array(
  fc.oneof(
    fc.record({ kind: fc.constant('push' as const), key: fc.integer({ min: 0, max: 12 }).map((k) => k / 4), tie: fc.integer({ min: 0, max: 3 }) }),
    fc.record({ kind: fc.constant('pop' as const) }),
  ),
  { maxLength: 500 },
);

describe('MinHeap', () => {
  it('pops like a sorted list under random pushes and pops', () => {
    fc.assert(
      fc.property(ops, (list) => {
        const heap = new MinHeap(1);
        // Reference: entries kept sorted by (key, tie); values are push counts.
        let model: { key: number; tie: number; value: number }[] = [];
        let pushed = 0;
        for (const op of list) {
          if (op.kind === 'push') {
            heap.push(op.key, op.tie, pushed);
            model.push({ key: op.key, tie: op.tie, value: pushed++ });
            model.sort((a, b) => a.key - b.key || a.tie - b.tie);
          } else if (model.length > 0) {
            const [key, tie] = [heap.topKey(), model[0]!.tie];
            const value = heap.pop();
            const popped = model.find((entry) => entry.value === value);
            // The value popped is one of the smallest entries (equal ones may come in any order).
            expect(popped).toBeDefined();
            expect([popped!.key, popped!.tie]).toEqual([model[0]!.key, tie]);
            expect(key).toBe(popped!.key);
            model = model.filter((entry) => entry !== popped);
          }
          expect(heap.size).toBe(model.length);
        }
      }),
    );
  });

  it('comes out fully sorted when the ties are distinct', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 300 }), (keys) => {
        const heap = new MinHeap();
        keys.forEach((key, i) => heap.push(key, i, i));
        const popped: number[] = [];
        while (heap.size > 0) popped.push(heap.pop());
        expect(popped).toEqual(keys.map((key, i) => ({ key, i })).sort((a, b) => a.key - b.key || a.i - b.i).map((e) => e.i));
      }),
    );
  });

  it('starts again empty after clear', () => {
    const heap = new MinHeap();
    heap.push(1, 0, 1);
    heap.clear();
    expect(heap.size).toBe(0);
    heap.push(2, 0, 2);
    expect(heap.pop()).toBe(2);
  });
});

describe('ItemHeap', () => {
  it('gives items back smallest key first', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1000 }), { maxLength: 200 }), (keys) => {
        const heap = new ItemHeap<{ key: number }>();
        for (const key of keys) heap.push(key, { key });
        const popped: number[] = [];
        while (heap.size > 0) {
          const top = heap.topKey();
          const item = heap.pop();
          expect(item.key).toBe(top);
          popped.push(item.key);
        }
        expect(popped).toEqual([...keys].sort((a, b) => a - b));
      }),
    );
  });
});
