/**
 * The min-heap: an implicit binary heap of small integer values ordered by (key, tie), in
 * typed arrays, allocating nothing per entry, for shortest-path searches and the trace
 * recorder's pending transmissions (through {@link ItemHeap}). The event queue keeps its
 * own 4-ary loop for its one order (event-queue.ts says why).
 *
 * The heap holds (key, value) pairs; each value's tie sits in a side column indexed by the
 * value and is read only when keys are equal, so moving an entry costs two writes. Entries
 * equal in both key and tie come out in an order fixed by the sequence of pushes and pops
 * (the same every run, but not first-in first-out); give a tie that differs (an insertion
 * count) where that order matters.
 */
import { column, ColumnGroup } from './columns.js';
import { SlotTable } from './slot-table.js';

const ENTRY_COLUMNS = {
  key: column(Float64Array),
  value: column(Int32Array),
};
const VALUE_COLUMNS = {
  tie: column(Float64Array),
};

/** A min-heap of integer values by (key, tie). */
export class MinHeap {
  /** The heap: (key, value) pairs in heap order. */
  private readonly entries: ColumnGroup<typeof ENTRY_COLUMNS>;
  /** Each value's tie, indexed by value: read only when keys are equal. */
  private readonly byValue: ColumnGroup<typeof VALUE_COLUMNS>;
  /** The groups' columns, kept at hand (the hot path reads nothing else). */
  private keys: Float64Array;
  private values: Int32Array;
  private ties: Float64Array;
  private length = 0;

  /** @param initialCapacity entries there is room for at first. @default 64 */
  constructor(initialCapacity = 64) {
    this.entries = new ColumnGroup(ENTRY_COLUMNS, initialCapacity);
    this.byValue = new ColumnGroup(VALUE_COLUMNS, initialCapacity);
    this.keys = this.entries.owner.key;
    this.values = this.entries.owner.value;
    this.ties = this.byValue.owner.tie;
  }

  /** Entries in the heap. */
  get size(): number {
    return this.length;
  }

  /** Key of the smallest entry; the heap must not be empty. */
  topKey(): number {
    return this.keys[0]!;
  }

  /** Value of the smallest entry; the heap must not be empty. */
  topValue(): number {
    return this.values[0]!;
  }

  /**
   * Adds `value` at (key, tie). A value is in the heap once at a time (its tie is kept by
   * value); to push one thing several times, push slots of an {@link ItemHeap}.
   */
  push(key: number, tie: number, value: number): void {
    if (value >= this.ties.length) this.growTies(value);
    const ties = this.ties;
    ties[value] = tie;
    if (this.length === this.keys.length) this.growEntries();
    const keys = this.keys;
    const values = this.values;
    let index = this.length++;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      const parentKey = keys[parent]!;
      if (!(key < parentKey || (key === parentKey && tie < ties[values[parent]!]!))) break;
      keys[index] = parentKey;
      values[index] = values[parent]!;
      index = parent;
    }
    keys[index] = key;
    values[index] = value;
  }

  /** Removes the smallest entry and returns its value; the heap must not be empty. */
  pop(): number {
    const keys = this.keys;
    const values = this.values;
    const top = values[0]!;
    const last = --this.length;
    if (last === 0) return top;
    const ties = this.ties;
    const key = keys[last]!;
    const value = values[last]!;
    let hole = 0;
    for (;;) {
      const left = 2 * hole + 1;
      if (left >= last) break;
      let best = left;
      let bestKey = keys[left]!;
      const right = left + 1;
      if (right < last) {
        const rightKey = keys[right]!;
        if (rightKey < bestKey || (rightKey === bestKey && ties[values[right]!]! < ties[values[left]!]!)) {
          best = right;
          bestKey = rightKey;
        }
      }
      if (!(bestKey < key || (bestKey === key && ties[values[best]!]! < ties[value]!))) break;
      keys[hole] = bestKey;
      values[hole] = values[best]!;
      hole = best;
    }
    keys[hole] = key;
    values[hole] = value;
    return top;
  }

  /** Empties the heap (its room stays). */
  clear(): void {
    this.length = 0;
  }

  private growEntries(): void {
    this.entries.fit(this.length);
    this.keys = this.entries.owner.key;
    this.values = this.entries.owner.value;
  }

  private growTies(value: number): void {
    this.byValue.fit(value);
    this.ties = this.byValue.owner.tie;
  }
}

/**
 * A min-heap of items by (key, tie), each push an entry of its own (an item may be pushed
 * again while in the heap, as a search does with a better label): a {@link MinHeap} of
 * recycled slots that hold the items. For a trace's pending
 * transmissions and shortest-path searches. Equal (key, tie) come out as in MinHeap.
 */
export class ItemHeap<T> {
  private readonly heap = new MinHeap();
  private readonly slots = new SlotTable({ maxSlots: 2 ** 31 - 1, generationLimit: 1 });
  private readonly items: (T | undefined)[] = [];

  /** Items in the heap. */
  get size(): number {
    return this.heap.size;
  }

  /** Key of the smallest item; the heap must not be empty. */
  topKey(): number {
    return this.heap.topKey();
  }

  /** Adds `item` at (key, tie). */
  push(key: number, item: T, tie = 0): void {
    const slot = this.slots.allocate();
    this.items[slot] = item;
    this.heap.push(key, tie, slot);
  }

  /** Removes and returns the item with the smallest key; the heap must not be empty. */
  pop(): T {
    const slot = this.heap.pop();
    const item = this.items[slot] as T;
    this.items[slot] = undefined;
    this.slots.release(slot);
    return item;
  }
}
