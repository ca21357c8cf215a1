/**
 * The pending-event set: a min-heap ordered by (time, sequence), over recycled slots.
 *
 * This is the hot path of every run, so nothing here allocates per event. The heap
 * (heap.ts, 4-ary) holds (time, sequence number, slot) in typed arrays; an event's
 * callback and data sit in side tables indexed by its slot, and slots come from a
 * {@link SlotTable}, whose generations make sure a stale handle can never cancel a later
 * event that reuses the slot. Sequence numbers break ties between equal times (FIFO).
 *
 * Cancellation is lazy: a cancelled event stays in the heap without a callback and is
 * discarded when it reaches the top. `size` counts live (uncancelled) events only.
 */
import { MinHeap } from './heap.js';
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

/** A min-priority queue of events keyed by (time, insertion sequence). */
export class EventQueue {
  /** Entries (time, sequence, slot), including cancelled ones not yet discarded. */
  private readonly heap = new MinHeap(4, INITIAL_CAPACITY);
  private readonly slots = new SlotTable({ maxSlots: MAX_PENDING_EVENTS, generationLimit: GENERATION_LIMIT, initialCapacity: INITIAL_CAPACITY });
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
    this.callbacks[slot] = callback as EventCallback<never>;
    this.data[slot] = data;
    this.heap.push(time, this.tieBreak === undefined ? this.nextSeq : this.tieBreak(), slot);
    this.nextSeq++;
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
    const heap = this.heap;
    while (heap.size > 0) {
      if (this.callbacks[heap.topValue()] !== undefined) return heap.topKey();
      this.release(heap.pop());
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
    return this.heap.pop();
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
}
