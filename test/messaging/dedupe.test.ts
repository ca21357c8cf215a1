/**
 * DedupeWindow: the bounded record of seen sequence numbers behind exactly-once delivery.
 * Its documentation: everything below the low-water mark counts as seen, a ring of `size`
 * flags covers [low, low + size), and seeing a number beyond the window slides it forward.
 * So after the newest number seen, M, the window covers at most (M − size, M]: a number s
 * counts as seen exactly when it was added or s ≤ M − size. These tests check that model.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DedupeWindow } from '../../src/messaging/dedupe.js';

/** The documented behaviour, kept with an unbounded Set. */
class ReferenceWindow {
  readonly added = new Set<number>();
  newest = -1;

  constructor(readonly size: number) {}

  add(seq: number): void {
    this.added.add(seq);
    this.newest = Math.max(this.newest, seq);
  }

  has(seq: number): boolean {
    return this.added.has(seq) || seq <= this.newest - this.size;
  }
}

/**
 * 0 … n−1, each displaced by less than `size` (sorted by seq + a shift in [0, size)), so every
 * number arrives while it is still inside the window of the newest one before it.
 */
const boundedReorder = fc.integer({ min: 1, max: 32 }).chain((size) =>
  fc.integer({ min: 0, max: 200 }).chain((n) =>
    fc.record({
      size: fc.constant(size),
      order: fc.array(fc.integer({ min: 0, max: size - 1 }), { minLength: n, maxLength: n }).map((shifts) =>
        shifts
          .map((shift, seq) => ({ seq, key: seq + shift }))
          .sort((x, y) => x.key - y.key || x.seq - y.seq)
          .map(({ seq }) => seq),
      ),
      // After each arrival, maybe a duplicate of an earlier arrival (index taken modulo those seen).
      duplicates: fc.array(fc.option(fc.nat(), { nil: undefined }), { minLength: n, maxLength: n }),
    }),
  ),
);

describe('DedupeWindow', () => {
  it('remembers every number added inside its default window of 4096, and nothing else', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 4095 }), { maxLength: 300 }), (seqs) => {
        const window = new DedupeWindow();
        expect(window.size).toBe(4096);
        const wrong: string[] = [];
        for (const seq of seqs) {
          if (window.has(seq)) wrong.push(`${seq} seen before it was added`);
          window.add(seq);
          if (!window.has(seq)) wrong.push(`${seq} not seen after it was added`);
        }
        const added = new Set(seqs);
        for (let seq = 0; seq < 4096 + 10; seq++) if (window.has(seq) !== added.has(seq)) wrong.push(`has(${seq}) is ${window.has(seq)}`);
        expect(wrong).toEqual([]);
      }),
    );
  });

  it('agrees with a Set while every number arrives within the window of the newest, duplicates included', () => {
    fc.assert(
      fc.property(boundedReorder, ({ size, order, duplicates }) => {
        const window = new DedupeWindow(size);
        const seen = new Set<number>();
        const arrived: number[] = [];
        const check = (): void => {
          for (let seq = 0; seq < order.length + size + 2; seq++) {
            if (window.has(seq) !== seen.has(seq)) expect({ seq, has: window.has(seq) }).toEqual({ seq, has: seen.has(seq) });
          }
        };
        order.forEach((seq, i) => {
          // The arrival is a first copy, and must not be taken for a duplicate.
          expect(window.has(seq)).toBe(false);
          window.add(seq);
          seen.add(seq);
          arrived.push(seq);
          const duplicate = duplicates[i];
          if (duplicate !== undefined) {
            const again = arrived[duplicate % arrived.length]!;
            expect(window.has(again)).toBe(true);
            window.add(again);
          }
          check();
        });
      }),
    );
  });

  it('follows the documented sliding window for any sequence, with gaps, jumps and late numbers', () => {
    // Small numbers against a small window exercise both the step-by-step slide and the
    // jump (≥ 2·size ahead); the wide range exercises jumps far beyond the window.
    const sequences = fc.oneof(
      fc.record({ size: fc.integer({ min: 1, max: 8 }), seqs: fc.array(fc.integer({ min: 0, max: 60 }), { maxLength: 80 }) }),
      fc.record({ size: fc.integer({ min: 1, max: 64 }), seqs: fc.array(fc.integer({ min: 0, max: 1_000_000 }), { maxLength: 40 }) }),
    );
    fc.assert(
      fc.property(sequences, ({ size, seqs }) => {
        const window = new DedupeWindow(size);
        const reference = new ReferenceWindow(size);
        for (const seq of seqs) {
          window.add(seq);
          reference.add(seq);
          expect(window.has(seq)).toBe(true);
          // Everything around what was added, and both edges of the window of the newest.
          const probes = new Set<number>();
          for (const s of reference.added) for (const p of [s - 1, s, s + 1]) probes.add(p);
          for (const p of [reference.newest - size, reference.newest - size + 1, reference.newest + 1, reference.newest + size]) probes.add(p);
          for (const probe of probes) {
            if (probe < 0) continue;
            if (window.has(probe) !== reference.has(probe)) expect({ probe, has: window.has(probe) }).toEqual({ probe, has: reference.has(probe) });
          }
        }
      }),
    );
  });

  it('takes a first copy at least `size` numbers behind the newest for a duplicate, and one closer for new', () => {
    const size = 16;
    const window = new DedupeWindow(size);
    window.add(0);
    window.add(100);
    // The window now covers (100 − 16, 100] = [85, 100].
    expect(window.has(84)).toBe(true);
    expect(window.has(85)).toBe(false);
    expect(window.has(99)).toBe(false);
    window.add(85);
    expect(window.has(85)).toBe(true);
    expect(window.has(86)).toBe(false);
    // Adding a number below the window changes nothing (it already counts as seen).
    window.add(50);
    expect(window.has(50)).toBe(true);
    expect(window.has(86)).toBe(false);
    expect(window.has(101)).toBe(false);
  });

  it('stays bounded: a number far ahead moves the window in one step, forgetting everything before it', () => {
    const window = new DedupeWindow();
    for (let seq = 0; seq < 4096; seq += 2) window.add(seq);
    expect(window.has(1)).toBe(false);
    // A slide one number at a time would take 2^50 steps; the documented jump takes one.
    const far = 2 ** 50;
    window.add(far);
    expect(window.has(far)).toBe(true);
    expect(window.has(far + 1)).toBe(false);
    expect(window.has(far - 1)).toBe(false);
    expect(window.has(far - 4095)).toBe(false);
    expect(window.has(far - 4096)).toBe(true);
    // Earlier numbers, added or not, now count as seen.
    expect(window.has(1)).toBe(true);
    expect(window.has(4094)).toBe(true);
    expect(window.has(4095)).toBe(true);
    // Filling the window from its bottom still works after the jump.
    window.add(far - 4095);
    expect(window.has(far - 4095)).toBe(true);
    expect(window.has(far - 4094)).toBe(false);
  });
});
