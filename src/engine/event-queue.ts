/**
 * The pending-event set: events keyed by (time, sequence), a 4-ary heap while few are
 * pending and a ladder queue beyond (ladder-queue.ts), which this queue hands its events to
 * and takes back from as their number grows and shrinks.
 *
 * This is the hot path of every run, so nothing is allocated per event: an event is a slot
 * from a {@link SlotTable} (recycled, generation-checked, so a stale handle can never cancel
 * a later event that reuses the slot); its callback, data and sequence number sit in side
 * tables indexed by the slot. The heap holds only (time, slot) pairs and reads sequence
 * numbers on ties only, so moving an entry costs two writes. Sequence numbers break ties
 * between equal times (FIFO).
 *
 * Why both: a heap's cost per event grows with log n and its branches are hard to predict,
 * while the ladder's stays flat but has more to do for each event; below about 64 pending
 * events the heap is as fast or faster (docs/architecture.md gives the measurements). The
 * queue is a heap until it holds more than `ladderAbove` events, and becomes one again when
 * the ladder is down to a top of at most `heapAtMost`. Either way the order is the same
 * total order, so a run's events and outputs do not depend on which held them.
 *
 * Cancellation is lazy: a cancelled event stays in the order without a callback and is
 * discarded when it comes first. `size` counts live (uncancelled) events only.
 */
import { column, ColumnGroup } from './columns.js';
import { removeRoot, siftUp } from './event-heap.js';
import { LadderQueue } from './ladder-queue.js';
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

/** When the queue is a heap and when a ladder; for measurements and tests. */
export interface EventQueueOptions {
  /** Become a ladder once the heap holds more than this many events (Infinity: never). @default 64 */
  readonly ladderAbove?: number;
  /** Become a heap again when the ladder is down to a top of at most this many. @default 32 */
  readonly heapAtMost?: number;
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
  private readonly ladderAbove: number;
  /** The heap length from which a push must grow the heap or move to the ladder. */
  private heapLimit: number;
  /** The ladder, and whether the events are on it rather than in the heap. */
  private readonly ladder: LadderQueue;
  private onLadder = false;
  private liveCount = 0;
  private nextSeq = 0;
  private tieBreak: (() => number) | undefined;
  private readonly callbacks: (EventCallback<never> | undefined)[] = [];
  private readonly data: unknown[] = [];

  constructor(options: EventQueueOptions = {}) {
    this.ladderAbove = options.ladderAbove ?? 64;
    this.heapLimit = Math.min(this.heapTime.length, this.ladderAbove);
    const heapAtMost = Math.min(options.heapAtMost ?? 32, this.ladderAbove);
    this.ladder = new LadderQueue(this.slotSeq, heapAtMost, (time, slot) => this.pushHeap(time, slot));
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
    if (slot >= this.slotSeq.length) this.growSeqs();
    this.slotSeq[slot] = this.tieBreak === undefined ? this.nextSeq : this.tieBreak();
    this.nextSeq++;
    this.callbacks[slot] = callback as EventCallback<never>;
    this.data[slot] = data;
    if (this.onLadder) this.ladder.insert(slot, time);
    else if (this.heapLength < this.heapLimit || !this.heapFull(time, slot)) siftUp(this.heapTime, this.heapSlot, this.slotSeq, this.heapLength++, time, slot);
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
    if (this.onLadder) return this.peekLadder();
    while (this.heapLength > 0) {
      const slot = this.heapSlot[0]!;
      if (this.callbacks[slot] !== undefined) return this.heapTime[0]!;
      this.release(removeRoot(this.heapTime, this.heapSlot, this.slotSeq, this.heapLength--));
    }
    return Infinity;
  }

  /**
   * Removes the earliest event and returns its slot; call only right after {@link peekTime}
   * returned a finite time (with no push or cancel between), as it removes the event that
   * found. Read the slot with {@link callbackOf} / {@link dataOf}, then {@link release} it.
   */
  popSlot(): number {
    this.liveCount--;
    return this.onLadder ? this.ladder.removeFirst() : removeRoot(this.heapTime, this.heapSlot, this.slotSeq, this.heapLength--);
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

  private pushHeap(time: number, slot: number): void {
    if (this.heapLength >= this.heapLimit && this.heapFull(time, slot)) return;
    siftUp(this.heapTime, this.heapSlot, this.slotSeq, this.heapLength++, time, slot);
  }

  /** Grows the heap, or moves its events and this one to the ladder (true) when it holds enough. */
  private heapFull(time: number, slot: number): boolean {
    if (this.heapLength >= this.ladderAbove) {
      this.moveToLadder();
      this.ladder.insert(slot, time);
      return true;
    }
    this.heap.fit(this.heapLength);
    this.heapTime = this.heap.owner.time;
    this.heapSlot = this.heap.owner.slot;
    this.heapLimit = Math.min(this.heapTime.length, this.ladderAbove);
    return false;
  }

  /** {@link peekTime} on the ladder, which may hand its events back to the heap on the way. */
  private peekLadder(): number {
    const ladder = this.ladder;
    for (;;) {
      const slot = ladder.peek();
      if (slot < 0) {
        // Empty, or handed back: the heap holds whatever is left.
        this.onLadder = false;
        return this.peekTime();
      }
      if (this.callbacks[slot] !== undefined) return ladder.firstTime;
      this.release(ladder.removeFirst());
    }
  }

  private moveToLadder(): void {
    this.ladder.admit(this.heapTime, this.heapSlot, this.heapLength);
    this.heapLength = 0;
    this.onLadder = true;
  }

  private growSeqs(): void {
    this.slotSeq = this.slots.columns.seq;
    this.ladder.useSeqs(this.slotSeq);
  }
}
