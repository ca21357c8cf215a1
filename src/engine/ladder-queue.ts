/**
 * The order of the pending events: a ladder queue (Tang, Goh and Thng, "Ladder queue: an
 * O(1) priority queue structure for large-scale discrete event simulation", ACM TOMACS 15(3),
 * 2005) that is a plain 4-ary heap while few events are pending. It orders event slots by
 * (time, sequence) and knows nothing of callbacks, cancellation or handles (event-queue.ts).
 *
 * Why a ladder: a heap pays O(log n) moves per event, the ladder O(1) on average whatever the
 * spread of the times, by sorting lazily. Events land in one of, from earliest to latest:
 *
 * - the *bottom*: the events being drained, as a sorted run read from its front, plus a heap
 *   for events that arrive in the range the run covers (a push at the current time does);
 * - the *rungs*, each an array of buckets of equal width (lists threaded through the slots);
 *   a rung's buckets up to its cursor have been handed down (to the rung below, or, for the
 *   lowest, to the bottom), so a push goes to the first rung whose bucket for it lies past
 *   the cursor, else to the bottom;
 * - the *top*: an unsorted array of events later than `topStart`, every event on the ladder.
 *
 * When the bottom runs dry the lowest rung hands its next non-empty bucket down: sorted into
 * the run when it holds at most {@link BUCKET_LIMIT} events, otherwise spread over a new rung
 * below (at most {@link MAX_RUNGS}), or through the heap when it cannot be split (equal
 * times, or no rung left). When the rungs run dry the top becomes rung 0.
 *
 * Exactness: a bucket index is clamp(floor((time − start) · scale)), a monotone function of
 * the time, so every container holds events strictly earlier than the next one's and equal
 * times always share a container; only the run and the heap compare sequence numbers. The
 * order is therefore the total order (time, sequence), identical to a heap's.
 *
 * Heap mode: with `topStart` at +Infinity and no rungs, every event goes to the bottom heap.
 * The queue starts so and *spills* onto the ladder when the heap holds more than
 * `ladderAbove` events; it returns to heap mode when the top it is about to spread holds at
 * most `heapAtMost`. The same spill turns a bottom heap that keeps growing (many pushes into
 * the range being drained) into a new rung, as the paper re-spreads a long bottom.
 */
import { column, ColumnGroup } from './columns.js';
import { EventHeap } from './event-heap.js';

/** Most rungs the ladder spawns; a bucket that would need more goes through the heap. */
export const MAX_RUNGS = 8;
/** A bucket with more events than this is spread over a rung of its own, not sorted. */
export const BUCKET_LIMIT = 50;
/** Doubles per slot record: time, sequence number, link (as an Int32 in the third), spare. */
const RECORD = 4;

const ENTRY_COLUMNS = {
  time: column(Float64Array),
  slot: column(Int32Array),
};

/** When the queue is a heap and when a ladder. */
export interface LadderOptions {
  /** Leave heap mode once the heap holds more than this many events (Infinity: never). @default 64 */
  readonly ladderAbove?: number;
  /** Return to heap mode when the top to be spread holds at most this many. @default 32 */
  readonly heapAtMost?: number;
}

/** A ladder queue of slots by (time, sequence), a heap while small. */
export class LadderQueue {
  private readonly ladderAbove: number;
  private readonly heapAtMost: number;
  /**
   * Per slot, 32 bytes in one cache line: its time (`records[4 * slot]`), sequence number
   * (`records[4 * slot + 1]`, read on ties only) and the next slot in its bucket
   * (`links[8 * slot + 4]`), two views of one buffer (replaced when they grow).
   */
  private records: Float64Array;
  private links: Int32Array;

  private readonly top: ColumnGroup<typeof ENTRY_COLUMNS>;
  private topTimes: Float64Array;
  private topSlots: Int32Array;
  private topCount = 0;
  private topMin = Infinity;
  private topMax = -Infinity;
  /** Events later than this go to the top; the rest are on the ladder. */
  private topStart = Infinity;

  private depth = 0;
  private readonly rungStart = new Float64Array(MAX_RUNGS);
  /** Buckets per second of each rung. */
  private readonly rungScale = new Float64Array(MAX_RUNGS);
  private readonly rungSize = new Int32Array(MAX_RUNGS);
  /** The bucket of each rung handed down last; later buckets are pending. */
  private readonly rungCursor = new Int32Array(MAX_RUNGS);
  private readonly rungHeads: Int32Array[] = [];

  private readonly run: ColumnGroup<typeof ENTRY_COLUMNS>;
  private runTimes: Float64Array;
  private runSlots: Int32Array;
  private runHead = 0;
  private runLength = 0;
  private readonly heap: EventHeap;
  /** The bottom heap spills onto the ladder when it holds more than this. */
  private spillAbove: number;

  constructor(options: LadderOptions, initialCapacity: number) {
    this.ladderAbove = options.ladderAbove ?? 64;
    this.heapAtMost = Math.min(options.heapAtMost ?? 32, this.ladderAbove);
    this.spillAbove = this.ladderAbove;
    this.records = new Float64Array(RECORD * initialCapacity);
    this.links = new Int32Array(this.records.buffer);
    this.top = new ColumnGroup(ENTRY_COLUMNS, initialCapacity);
    this.topTimes = this.top.owner.time;
    this.topSlots = this.top.owner.slot;
    this.run = new ColumnGroup(ENTRY_COLUMNS, 2 * BUCKET_LIMIT);
    this.runTimes = this.run.owner.time;
    this.runSlots = this.run.owner.slot;
    this.heap = new EventHeap(initialCapacity);
  }

  /** Adds `slot` at (time, seq). */
  insert(slot: number, time: number, seq: number): void {
    if (RECORD * slot >= this.records.length) this.growSlots(slot);
    this.records[RECORD * slot] = time;
    this.records[RECORD * slot + 1] = seq;
    if (time > this.topStart) this.pushTop(time, slot);
    else if (this.depth === 0 || !this.insertOnRung(slot, time)) this.insertInBottom(slot, time);
  }

  /** The earliest slot, or -1 when none is pending; {@link removeFirst} then removes it. */
  first(): number {
    if (this.runHead < this.runLength) {
      if (this.heap.length === 0) return this.runSlots[this.runHead]!;
    } else if (this.heap.length > 0) {
      return this.heap.slots[0]!;
    }
    return this.firstOfBottom();
  }

  /** {@link first} when the run and the heap are both empty or both not. */
  private firstOfBottom(): number {
    for (;;) {
      const head = this.runHead;
      if (head < this.runLength) return this.heap.length === 0 || this.runLeads(head) ? this.runSlots[head]! : this.heap.slots[0]!;
      if (this.heap.length > 0) return this.heap.slots[0]!;
      if (!this.refill()) return -1;
    }
  }

  /** Puts `slot` in the first rung whose bucket for it is pending; false when none is. */
  private insertOnRung(slot: number, time: number): boolean {
    for (let r = 0; r < this.depth; r++) {
      const bucket = this.bucketOf(r, time);
      if (bucket > this.rungCursor[r]!) {
        const heads = this.rungHeads[r]!;
        this.links[2 * RECORD * slot + 4] = heads[bucket]!;
        heads[bucket] = slot;
        return true;
      }
    }
    return false;
  }

  private insertInBottom(slot: number, time: number): void {
    this.heap.push(time, slot, this.records);
    if (this.heap.length > this.spillAbove) this.spill();
  }

  /** Removes the earliest slot and returns it; call only when {@link first} found one. */
  removeFirst(): number {
    const head = this.runHead;
    if (head < this.runLength && (this.heap.length === 0 || this.runLeads(head))) {
      this.runHead = head + 1;
      return this.runSlots[head]!;
    }
    return this.heap.pop(this.records);
  }

  /** The time of a slot in the queue (or just removed from it). */
  timeOf(slot: number): number {
    return this.records[RECORD * slot]!;
  }

  /** Whether run entry `head` comes before the heap's root (the heap is not empty). */
  private runLeads(head: number): boolean {
    const time = this.runTimes[head]!;
    const heapTime = this.heap.times[0]!;
    return time < heapTime || (time === heapTime && this.records[RECORD * this.runSlots[head]! + 1]! < this.records[RECORD * this.heap.slots[0]! + 1]!);
  }

  /** Rung r's bucket for `time`: monotone in the time, so buckets never reorder events. */
  private bucketOf(r: number, time: number): number {
    const x = (time - this.rungStart[r]!) * this.rungScale[r]!;
    const size = this.rungSize[r]!;
    return x > 0 ? (x < size ? x | 0 : size - 1) : 0;
  }

  private pushTop(time: number, slot: number): void {
    const count = this.topCount;
    if (count === this.topTimes.length) {
      this.top.fit(count);
      this.topTimes = this.top.owner.time;
      this.topSlots = this.top.owner.slot;
    }
    this.topTimes[count] = time;
    this.topSlots[count] = slot;
    this.topCount = count + 1;
    if (time < this.topMin) this.topMin = time;
    if (time > this.topMax) this.topMax = time;
  }

  /** Fills the empty bottom from the lowest rung, or the rungs from the top; false when all is empty. */
  private refill(): boolean {
    this.runHead = 0;
    this.runLength = 0;
    for (;;) {
      const r = this.depth - 1;
      if (r < 0) {
        if (this.topCount === 0) return false;
        if (this.spreadTop()) continue;
        return true;
      }
      const heads = this.rungHeads[r]!;
      const size = this.rungSize[r]!;
      let bucket = this.rungCursor[r]! + 1;
      while (bucket < size && heads[bucket]! < 0) bucket++;
      if (bucket === size) {
        this.depth = r;
        continue;
      }
      this.rungCursor[r] = bucket;
      const count = this.gather(heads[bucket]!);
      heads[bucket] = -1;
      if (count > BUCKET_LIMIT && this.depth < MAX_RUNGS && this.openRung(count, this.runTimes, this.runSlots, 0, count)) continue;
      this.settle(this.runTimes, this.runSlots, count);
      return true;
    }
  }

  /** Copies the bucket list starting at `slot` into the run; returns its length. */
  private gather(slot: number): number {
    let count = 0;
    for (; slot >= 0; slot = this.links[2 * RECORD * slot + 4]!) {
      if (count === this.runTimes.length) {
        this.run.fit(count);
        this.runTimes = this.run.owner.time;
        this.runSlots = this.run.owner.slot;
      }
      this.runTimes[count] = this.records[RECORD * slot]!;
      this.runSlots[count++] = slot;
    }
    return count;
  }

  /** Empties the top: into rung 0 (true), or, when it is small or cannot be split, the bottom. */
  private spreadTop(): boolean {
    const count = this.topCount;
    this.topCount = 0;
    this.topStart = this.topMax;
    this.topMin = Infinity;
    this.topMax = -Infinity;
    if (count <= this.heapAtMost) {
      for (let i = 0; i < count; i++) this.heap.push(this.topTimes[i]!, this.topSlots[i]!, this.records);
      this.topStart = Infinity;
      this.spillAbove = this.ladderAbove;
      return false;
    }
    if (count > BUCKET_LIMIT && this.openRung(count, this.topTimes, this.topSlots, 0, count)) return true;
    this.settle(this.topTimes, this.topSlots, count);
    return false;
  }

  /**
   * Opens rung `depth` with `count` buckets over the span of entries [from, to) of
   * `times`/`slots` and spreads them over it; false (nothing moved) when the span cannot be
   * split. The entries must lie in the range the rung is to cover.
   */
  private openRung(count: number, times: Float64Array, slots: Int32Array, from: number, to: number, extraFrom = 0, extraTo = 0): boolean {
    let min = Infinity;
    let max = -Infinity;
    for (let i = from; i < to; i++) {
      const time = times[i]!;
      if (time < min) min = time;
      if (time > max) max = time;
    }
    const runTimes = this.runTimes;
    for (let i = extraFrom; i < extraTo; i++) {
      const time = runTimes[i]!;
      if (time < min) min = time;
      if (time > max) max = time;
    }
    const scale = count / (max - min);
    if (!(scale < Infinity)) return false;
    const r = this.depth++;
    this.rungStart[r] = min;
    this.rungScale[r] = scale;
    this.rungSize[r] = count;
    this.rungCursor[r] = -1;
    let heads = this.rungHeads[r];
    if (heads === undefined || heads.length < count) heads = this.rungHeads[r] = new Int32Array(Math.max(count, 2 * (heads?.length ?? 0)));
    heads.fill(-1, 0, count);
    this.spread(r, heads, times, slots, from, to);
    this.spread(r, heads, runTimes, this.runSlots, extraFrom, extraTo);
    return true;
  }

  private spread(r: number, heads: Int32Array, times: Float64Array, slots: Int32Array, from: number, to: number): void {
    const links = this.links;
    for (let i = from; i < to; i++) {
      const slot = slots[i]!;
      const bucket = this.bucketOf(r, times[i]!);
      links[2 * RECORD * slot + 4] = heads[bucket]!;
      heads[bucket] = slot;
    }
  }

  /** Puts `count` entries, all of the range being drained, into the bottom: sorted into the run when few, else into the heap. */
  private settle(times: Float64Array, slots: Int32Array, count: number): void {
    if (count <= BUCKET_LIMIT) {
      if (times !== this.runTimes) {
        for (let i = 0; i < count; i++) {
          this.runTimes[i] = times[i]!;
          this.runSlots[i] = slots[i]!;
        }
      }
      this.sortRun(count);
      this.runLength = count;
    } else {
      for (let i = 0; i < count; i++) this.heap.push(times[i]!, slots[i]!, this.records);
    }
    this.spillAbove = Math.max(this.ladderAbove, BUCKET_LIMIT, 2 * this.heap.length);
  }

  /** Insertion sort of run entries [0, count) by (time, sequence): they are few. */
  private sortRun(count: number): void {
    const times = this.runTimes;
    const slots = this.runSlots;
    const records = this.records;
    for (let i = 1; i < count; i++) {
      const time = times[i]!;
      const slot = slots[i]!;
      let j = i - 1;
      for (; j >= 0; j--) {
        const other = times[j]!;
        // Sequence numbers are read on ties only: they sit by slot, far apart in memory.
        if (other < time || (other === time && records[RECORD * slots[j]! + 1]! < records[RECORD * slot + 1]!)) break;
        times[j + 1] = other;
        slots[j + 1] = slots[j]!;
      }
      times[j + 1] = time;
      slots[j + 1] = slot;
    }
  }

  /**
   * The bottom heap outgrew its bound: spread the bottom (heap and the rest of the run) onto
   * the ladder, as the top when there are no rungs, else as a new rung below the lowest.
   */
  private spill(): void {
    const heap = this.heap;
    const from = this.runHead;
    const to = this.runLength;
    if (this.depth === 0) {
      for (let i = 0; i < heap.length; i++) this.pushTop(heap.times[i]!, heap.slots[i]!);
      for (let i = from; i < to; i++) this.pushTop(this.runTimes[i]!, this.runSlots[i]!);
      this.topStart = -Infinity;
    } else if (this.depth === MAX_RUNGS || !this.openRung(heap.length + to - from, heap.times, heap.slots, 0, heap.length, from, to)) {
      this.spillAbove = 2 * heap.length;
      return;
    }
    heap.length = 0;
    this.runHead = 0;
    this.runLength = 0;
    this.spillAbove = Math.max(this.ladderAbove, BUCKET_LIMIT);
  }

  private growSlots(slot: number): void {
    const records = new Float64Array(Math.max(2 * this.records.length, RECORD * (slot + 1)));
    records.set(this.records);
    this.records = records;
    this.links = new Int32Array(records.buffer);
  }
}
