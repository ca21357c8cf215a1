import { describe, expect, it } from 'vitest';
import { column } from '../../src/engine/columns.js';
import { SlotTable } from '../../src/engine/slot-table.js';

const table = (generationLimit = 2 ** 20, maxSlots = 1000): SlotTable => new SlotTable({ maxSlots, generationLimit, initialCapacity: 2 });

describe('SlotTable', () => {
  it('hands out dense slots and reuses the last one released first', () => {
    const slots = table();
    expect([slots.allocate(), slots.allocate(), slots.allocate()]).toEqual([0, 1, 2]);
    slots.release(0);
    slots.release(2);
    expect([slots.allocate(), slots.allocate(), slots.allocate()]).toEqual([2, 0, 3]);
    expect([slots.used, slots.taken]).toEqual([4, 4]);
  });

  it('finds a slot by its handle until the slot is released', () => {
    const slots = table();
    slots.allocate();
    const slot = slots.allocate();
    const handle = slots.handle(slot);
    expect(slots.slotOf(handle)).toBe(slot);
    slots.release(slot);
    expect(slots.slotOf(handle)).toBe(-1);
    expect(slots.allocate()).toBe(slot);
    expect(slots.slotOf(handle)).toBe(-1);
    expect(slots.slotOf(slots.handle(slot))).toBe(slot);
  });

  it('rejects handles it never gave', () => {
    const slots = table();
    slots.allocate();
    for (const handle of [-1, 1, 999, 1.5, NaN, Infinity]) expect(slots.slotOf(handle)).toBe(-1);
  });

  it('keeps rejecting stale handles when generations wrap', () => {
    const limit = 4;
    const slots = table(limit, 10);
    const seen: number[] = [];
    for (let round = 0; round < 3 * limit; round++) {
      const slot = slots.allocate();
      expect(slot).toBe(0);
      const handle = slots.handle(slot);
      expect(handle).toBe(10 * (round % limit));
      expect(handle).toBeLessThan(10 * limit);
      for (const stale of seen.slice(-(limit - 1))) expect(slots.slotOf(stale)).toBe(-1);
      expect(slots.slotOf(handle)).toBe(0);
      slots.release(slot);
      expect(slots.slotOf(handle)).toBe(-1);
      seen.push(handle);
    }
  });

  it('says no slot is left when maxSlots are in use', () => {
    const slots = table(8, 3);
    expect([slots.allocate(), slots.allocate(), slots.allocate(), slots.allocate()]).toEqual([0, 1, 2, -1]);
    slots.release(1);
    expect(slots.allocate()).toBe(1);
  });

  it('grows its own columns with it, keeping their values', () => {
    const slots = new SlotTable({ maxSlots: 1 << 20, generationLimit: 4, initialCapacity: 1, columns: { value: column(Float64Array, NaN) } });
    for (let i = 0; i < 100; i++) {
      const slot = slots.allocate();
      slots.columns.value[slot] = i / 2;
    }
    expect(Array.from(slots.columns.value.subarray(0, 100))).toEqual([...Array(100).keys()].map((i) => i / 2));
    expect(slots.columns.value[100]).toBeNaN();
  });

  it('visits the slots in use in slot order, and lets the visit release them', () => {
    const slots = table();
    for (let i = 0; i < 5; i++) slots.allocate();
    slots.release(3);
    slots.release(0);
    const seen: number[] = [];
    slots.forEachTaken((slot) => {
      seen.push(slot);
      slots.release(slot);
    });
    expect([seen, slots.taken]).toEqual([[1, 2, 4], 0]);
  });
});
