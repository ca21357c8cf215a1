/**
 * The pending-event set: events keyed by (time, sequence), in the order ladder-queue.ts
 * keeps (a 4-ary heap while few are pending, a ladder queue beyond), with the callbacks,
 * data and handles that order knows nothing of.
 *
 * This is the hot path of every run, so nothing is allocated per event: an event is a slot
 * from a {@link SlotTable} (recycled, generation-checked, so a stale handle can never cancel
 * a later event that reuses the slot), its callback and data sit in side arrays indexed by
 * the slot, and its time and sequence number in the order's typed columns. Sequence numbers
 * break ties between equal times (FIFO).
 *
 * Cancellation is lazy: a cancelled event stays in the order without a callback and is
 * discarded when it comes first. `size` counts live (uncancelled) events only.
 */
import { LadderQueue, type LadderOptions } from './ladder-queue.js';
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

/**
 * When the queue is a heap and when a ladder (see ladder-queue.ts); the defaults adapt to
 * the number of pending events. `{ ladderAbove: Infinity }` keeps it a heap, and
 * `{ ladderAbove: 0, heapAtMost: 0 }` a ladder, whatever the size (for measurements).
 */
export type EventQueueOptions = LadderOptions;

/** A min-priority queue of events keyed by (time, insertion sequence). */
export class EventQueue {
  private readonly slots = new SlotTable({ maxSlots: MAX_PENDING_EVENTS, generationLimit: GENERATION_LIMIT, initialCapacity: INITIAL_CAPACITY });
  private readonly order: LadderQueue;
  private liveCount = 0;
  private nextSeq = 0;
  private tieBreak: (() => number) | undefined;
  /**
   * Per slot, side by side so that a popped event's two are one cache line: its callback
   * (`payloads[2 * slot]`, undefined once fired or cancelled) and its data (`2 * slot + 1`).
   */
  private readonly payloads: unknown[] = [];

  constructor(options: EventQueueOptions = {}) {
    this.order = new LadderQueue(options, INITIAL_CAPACITY);
  }

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
    this.order.insert(slot, time, this.tieBreak === undefined ? this.nextSeq : this.tieBreak());
    this.nextSeq++;
    this.payloads[2 * slot] = callback;
    this.payloads[2 * slot + 1] = data;
    this.liveCount++;
    return this.slots.handle(slot);
  }

  /** Cancels a pending event. Returns false when it already fired or was cancelled. */
  cancel(handle: EventHandle): boolean {
    const slot = this.slots.slotOf(handle);
    if (slot < 0 || this.payloads[2 * slot] === undefined) return false;
    this.payloads[2 * slot] = undefined;
    this.payloads[2 * slot + 1] = undefined;
    this.liveCount--;
    return true;
  }

  /**
   * Time of the earliest live event, or Infinity when none is pending. Discards cancelled
   * entries on the way, so a following {@link popSlot} takes exactly that event.
   */
  peekTime(): number {
    for (;;) {
      const slot = this.order.first();
      if (slot < 0) return Infinity;
      if (this.payloads[2 * slot] !== undefined) return this.order.timeOf(slot);
      this.release(this.order.removeFirst());
    }
  }

  /**
   * Removes the earliest event and returns its slot; call only after {@link peekTime}
   * returned a finite time. Read the slot with {@link callbackOf} / {@link dataOf}, then
   * {@link release} it.
   */
  popSlot(): number {
    this.liveCount--;
    return this.order.removeFirst();
  }

  /** Callback of a popped slot. */
  callbackOf(slot: number): EventCallback<unknown> {
    return this.payloads[2 * slot] as EventCallback<unknown>;
  }

  /** Data of a popped slot. */
  dataOf(slot: number): unknown {
    return this.payloads[2 * slot + 1];
  }

  /** Returns a popped slot to the free list. */
  release(slot: number): void {
    this.payloads[2 * slot] = undefined;
    this.payloads[2 * slot + 1] = undefined;
    this.slots.release(slot);
  }
}
