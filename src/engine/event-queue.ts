/**
 * The pending-event set: an implicit 4-ary min-heap ordered by (time, sequence).
 *
 * This is the hot path of every run, so the heap lives in typed arrays and never allocates
 * per event. The heap itself holds only (time, slot) pairs; an event's sequence number,
 * callback and data sit in side tables indexed by its slot, which comes from a
 * {@link SlotTable} (recycled, generation-checked, so a stale handle can never cancel a
 * later event that reuses the slot). Sequence numbers break ties between equal times
 * (FIFO), and are read only on a tie, so moving an entry costs two writes.
 *
 * The loop is written here, for this order, rather than taken from heap.ts: the shared heap
 * (an arity chosen at construction, ties it keeps itself) cost the hold benchmark about 6%
 * more instructions. Every other heap in msgsim is heap.ts.
 *
 * Cancellation is lazy: a cancelled event stays in the heap without a callback and is
 * discarded when it reaches the top. `size` counts live (uncancelled) events only.
 */
import { column, ColumnGroup } from './columns.js';
import { SlotTable } from './slot-table.js';

/** Called when an event fires, with the data given to {@link EventQueue.push}. */
export type EventCallback<T = unknown> = (data: T) => void;

/**
 * Opaque handle of a scheduled event, for {@link EventQueue.cancel}. It packs the slot and
 * its generation into one number, so scheduling allocates nothing.
 */
export type EventHandle = number;

/** Most events that may be pending at once. */
export const MAX_PENDING_EVENTS = 2 ** 24;
/** Generations wrap here, keeping `slot + MAX_PENDING_EVENTS * generation` below 2^53. */
const GENERATION_LIMIT = 2 ** 29;
const INITIAL_CAPACITY = 1024;

/** Thrown when more than {@link MAX_PENDING_EVENTS} events are pending at once. */
export class EventQueueFullError extends Error {
  constructor() {
    super(`event queue full: more than ${MAX_PENDING_EVENTS} events pending at once`);
    this.name = 'EventQueueFullError';
  }
}

const HEAP_COLUMNS = {
  time: column(Float64Array),
  slot: column(Int32Array),
};
const SLOT_COLUMNS = {
  /** Sequence number (or shuffled tie) per slot. */
  seq: column(Float64Array),
};

/** A min-priority queue of events keyed by (time, insertion sequence). */
export class EventQueue {
  private readonly heap = new ColumnGroup(HEAP_COLUMNS, INITIAL_CAPACITY);
  private readonly slots = new SlotTable({ maxSlots: MAX_PENDING_EVENTS, generationLimit: GENERATION_LIMIT, columns: SLOT_COLUMNS, initialCapacity: INITIAL_CAPACITY });
  /** The columns, kept at hand (refreshed when they grow). */
  private heapTime = this.heap.owner.time;
  private heapSlot = this.heap.owner.slot;
  private slotSeq = this.slots.columns.seq;
  /** Entries in the heap, including cancelled ones not yet discarded. */
  private heapLength = 0;
  private liveCount = 0;
  private nextSeq = 0;
  private tieBreak: (() => number) | undefined;
  private readonly callbacks: (EventCallback<never> | undefined)[] = [];
  private readonly data: unknown[] = [];

  /** Live (scheduled and not cancelled) events. */
  get size(): number {
    return this.liveCount;
  }

  /** Events pushed so far; also the sequence number the next event will get. */
  get pushedCount(): number {
    return this.nextSeq;
  }

  /**
   * Breaks ties between equal times with draws from `draw` (uniform in [0, 1)) instead of
   * push order, from now on: equal-time events then come out in a random order that is
   * still a pure function of the draws. For exploring orderings; undefined restores FIFO.
   */
  shuffleTies(draw: (() => number) | undefined): void {
    this.tieBreak = draw;
  }

  /**
   * Adds an event at `time`. Events with equal times come out in the order they were pushed
   * (unless {@link shuffleTies} is on).
   * @returns a handle for {@link cancel}
   */
  push<T>(time: number, callback: EventCallback<T>, data: T): EventHandle {
    const slot = this.slots.allocate();
    if (slot < 0) throw new EventQueueFullError();
    if (slot >= this.slotSeq.length) this.slotSeq = this.slots.columns.seq;
    this.slotSeq[slot] = this.tieBreak === undefined ? this.nextSeq : this.tieBreak();
    this.nextSeq++;
    this.callbacks[slot] = callback as EventCallback<never>;
    this.data[slot] = data;
    if (this.heapLength === this.heapTime.length) this.growHeap();
    this.siftUp(this.heapLength++, time, slot);
    this.liveCount++;
    return this.slots.handle(slot);
  }

  /** Cancels a pending event. Returns false when it already fired or was cancelled. */
  cancel(handle: EventHandle): boolean {
    const slot = this.slots.slotOf(handle);
    if (slot < 0 || this.callbacks[slot] === undefined) return false;
    this.callbacks[slot] = undefined;
    this.data[slot] = undefined;
    this.liveCount--;
    return true;
  }

  /**
   * Time of the earliest live event, or Infinity when none is pending. Discards cancelled
   * entries on the way, so a following {@link popSlot} takes exactly that event.
   */
  peekTime(): number {
    while (this.heapLength > 0) {
      const slot = this.heapSlot[0]!;
      if (this.callbacks[slot] !== undefined) return this.heapTime[0]!;
      this.release(this.removeTop());
    }
    return Infinity;
  }

  /**
   * Removes the earliest event and returns its slot; call only after {@link peekTime}
   * returned a finite time. Read the slot with {@link callbackOf} / {@link dataOf}, then
   * {@link release} it.
   */
  popSlot(): number {
    this.liveCount--;
    return this.removeTop();
  }

  /** Callback of a popped slot. */
  callbackOf(slot: number): EventCallback<unknown> {
    return this.callbacks[slot] as EventCallback<unknown>;
  }

  /** Data of a popped slot. */
  dataOf(slot: number): unknown {
    return this.data[slot];
  }

  /** Returns a popped slot to the free list. */
  release(slot: number): void {
    this.callbacks[slot] = undefined;
    this.data[slot] = undefined;
    this.slots.release(slot);
  }

  /** Removes the root entry and returns its slot; the last entry sifts down into the hole. */
  private removeTop(): number {
    const times = this.heapTime;
    const slots = this.heapSlot;
    const seqs = this.slotSeq;
    const top = slots[0]!;
    const last = --this.heapLength;
    if (last === 0) return top;
    const time = times[last]!;
    const slot = slots[last]!;
    const seq = seqs[slot]!;
    let hole = 0;
    for (;;) {
      const first = 4 * hole + 1;
      if (first >= last) break;
      let best = first;
      let bestTime = times[first]!;
      const end = first + 4 < last ? first + 4 : last;
      for (let child = first + 1; child < end; child++) {
        const childTime = times[child]!;
        if (
          childTime < bestTime ||
          (childTime === bestTime && seqs[slots[child]!]! < seqs[slots[best]!]!)
        ) {
          best = child;
          bestTime = childTime;
        }
      }
      if (time < bestTime || (time === bestTime && seq < seqs[slots[best]!]!)) break;
      times[hole] = bestTime;
      slots[hole] = slots[best]!;
      hole = best;
    }
    times[hole] = time;
    slots[hole] = slot;
    return top;
  }

  /** Moves a hole at `index` up until (time, sequence of slot) fits, then fills it. */
  private siftUp(index: number, time: number, slot: number): void {
    const times = this.heapTime;
    const slots = this.heapSlot;
    const seqs = this.slotSeq;
    const seq = seqs[slot]!;
    while (index > 0) {
      const parent = (index - 1) >> 2;
      const parentTime = times[parent]!;
      if (parentTime < time || (parentTime === time && seqs[slots[parent]!]! < seq)) break;
      times[index] = parentTime;
      slots[index] = slots[parent]!;
      index = parent;
    }
    times[index] = time;
    slots[index] = slot;
  }

  private growHeap(): void {
    this.heap.fit(this.heapLength);
    this.heapTime = this.heap.owner.time;
    this.heapSlot = this.heap.owner.slot;
  }
}
