/**
 * The event queue's heap: an implicit 4-ary min-heap of event slots ordered by (time,
 * sequence), in typed arrays, allocating nothing per entry.
 *
 * It serves the event queue twice (ladder-queue.ts): as the whole queue while few events are
 * pending, and as the sorted bottom of the ladder for events that arrive in the range being
 * drained. The heap holds (time, slot) pairs; each slot's sequence number sits in a column
 * owned by the caller and is read only on a tie, so moving an entry costs two writes.
 *
 * The loop is written here, for this order, rather than taken from heap.ts: the shared heap
 * (an arity chosen at construction, ties it keeps itself) cost the hold benchmark about 6%
 * more instructions. Every other heap in msgsim is heap.ts.
 */
import { column, ColumnGroup } from './columns.js';

const HEAP_COLUMNS = {
  time: column(Float64Array),
  slot: column(Int32Array),
};

/** A 4-ary min-heap of slots by (time, sequence number `records[4 * slot + 1]`). */
export class EventHeap {
  private readonly columns: ColumnGroup<typeof HEAP_COLUMNS>;
  /** The entries in heap order (replaced when the heap grows). */
  times: Float64Array;
  slots: Int32Array;
  /** Entries in the heap. */
  length = 0;

  /** @param initialCapacity entries there is room for at first */
  constructor(initialCapacity: number) {
    this.columns = new ColumnGroup(HEAP_COLUMNS, initialCapacity);
    this.times = this.columns.owner.time;
    this.slots = this.columns.owner.slot;
  }

  /** Adds `slot` at `time`; its sequence number must already be in `seqs`. */
  push(time: number, slot: number, records: Float64Array): void {
    if (this.length === this.times.length) this.grow();
    const times = this.times;
    const slots = this.slots;
    const seq = records[4 * slot + 1]!;
    let index = this.length++;
    while (index > 0) {
      const parent = (index - 1) >> 2;
      const parentTime = times[parent]!;
      if (parentTime < time || (parentTime === time && records[4 * slots[parent]! + 1]! < seq)) break;
      times[index] = parentTime;
      slots[index] = slots[parent]!;
      index = parent;
    }
    times[index] = time;
    slots[index] = slot;
  }

  /** Removes the root entry and returns its slot; the last entry sifts down into the hole. */
  pop(records: Float64Array): number {
    const times = this.times;
    const slots = this.slots;
    const top = slots[0]!;
    const last = --this.length;
    if (last === 0) return top;
    const time = times[last]!;
    const slot = slots[last]!;
    const seq = records[4 * slot + 1]!;
    let hole = 0;
    for (;;) {
      const first = 4 * hole + 1;
      if (first >= last) break;
      let best = first;
      let bestTime = times[first]!;
      const end = first + 4 < last ? first + 4 : last;
      for (let child = first + 1; child < end; child++) {
        const childTime = times[child]!;
        if (childTime < bestTime || (childTime === bestTime && records[4 * slots[child]! + 1]! < records[4 * slots[best]! + 1]!)) {
          best = child;
          bestTime = childTime;
        }
      }
      if (time < bestTime || (time === bestTime && seq < records[4 * slots[best]! + 1]!)) break;
      times[hole] = bestTime;
      slots[hole] = slots[best]!;
      hole = best;
    }
    times[hole] = time;
    slots[hole] = slot;
    return top;
  }

  private grow(): void {
    this.columns.fit(this.length);
    this.times = this.columns.owner.time;
    this.slots = this.columns.owner.slot;
  }
}
