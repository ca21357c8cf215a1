/**
 * The event queue's order while many events are pending: a ladder queue (Tang, Goh and
 * Thng, "Ladder queue: an O(1) priority queue structure for large-scale discrete event
 * simulation", ACM TOMACS 15(3), 2005). It orders event slots by (time, sequence) and knows
 * nothing of callbacks, cancellation or handles (event-queue.ts, which is a plain heap while
 * few events are pending and hands them to this queue beyond).
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
 * - the *top*: an unsorted list (threaded through the slots, like a bucket) of events later
 *   than `topStart`, every event on the ladder.
 *
 * When the bottom runs dry the lowest rung hands its next non-empty bucket down: sorted into
 * the run when it holds at most {@link BUCKET_LIMIT} events, otherwise spread over a new rung
 * below (at most {@link MAX_RUNGS}), or through the heap when it cannot be split (equal
 * times, or no rung left). When the rungs run dry the top becomes rung 0 — or, when it holds
 * few events, goes back to the event queue's heap. A bottom heap that keeps growing (many
 * pushes into the range being drained) *spills*: it is spread over a new rung, as the paper
 * re-spreads a long bottom.
 *
 * Exactness: a bucket index is clamp(floor((time − start) · scale)), a monotone function of
 * the time, so every container holds events strictly earlier than the next one's and equal
 * times always share a container; only the run and the heap compare sequence numbers, which
 * live in the event queue's column by slot ({@link LadderQueue.useSeqs}). The order is
 * therefore the total order (time, sequence), identical to a heap's.
 */
import { column, ColumnGroup } from './columns.js';
import { maxOf, minOf, removeRoot, siftUp, sortFew } from './event-heap.js';

/** Most rungs the ladder spawns; a bucket that would need more goes through the heap. */
export const MAX_RUNGS = 8;
/** A bucket with more events than this is spread over a rung of its own, not sorted. */
export const BUCKET_LIMIT = 50;

const ENTRY_COLUMNS = {
  time: column(Float64Array),
  slot: column(Int32Array),
};
/** Arrays for more entries than this are let go once they are done with, not kept for reuse. */
const KEEP_AT_MOST = 2 ** 16;

/** A ladder queue of slots by (time, sequence). */
export class LadderQueue {
  /** The time of the entry {@link peek} found last. */
  firstTime = Infinity;
  /** Whether that entry is the run's first (else the heap's root). */
  private firstInRun = false;
  /** The event queue's sequence numbers by slot. */
  private seqs: Float64Array;
  /**
   * Per slot, while it is on the ladder: its time, and the next slot in its bucket while it
   * is on a rung or the top. Made when the ladder is first used, as long as the sequence
   * column, and replaced when that grows.
   */
  private times = new Float64Array(0);
  private links = new Int32Array(0);

  /** The first slot of the top's list (-1: none), and how many it holds. */
  private topHead = -1;
  private topCount = 0;
  private topMin = Infinity;
  private topMax = -Infinity;
  /** Events later than this go to the top; the rest are on the ladder. */
  private topStart = -Infinity;

  private depth = 0;
  private readonly rungStart = new Float64Array(MAX_RUNGS);
  /** Buckets per second of each rung. */
  private readonly rungScale = new Float64Array(MAX_RUNGS);
  private readonly rungSize = new Int32Array(MAX_RUNGS);
  /** The bucket of each rung handed down last; later buckets are pending. */
  private readonly rungCursor = new Int32Array(MAX_RUNGS);
  private readonly rungHeads: Int32Array[] = [];

  private readonly run = new ColumnGroup(ENTRY_COLUMNS, 2 * BUCKET_LIMIT);
  private runTimes = this.run.owner.time;
  private runSlots = this.run.owner.slot;
  private runHead = 0;
  private runLength = 0;
  private readonly heap = new ColumnGroup(ENTRY_COLUMNS, 2 * BUCKET_LIMIT);
  private heapTimes = this.heap.owner.time;
  private heapSlots = this.heap.owner.slot;
  private heapLength = 0;
  /** The bottom heap spills onto the ladder when it holds more than this. */
  private spillAbove = BUCKET_LIMIT;

  /**
   * @param seqs the event queue's sequence numbers by slot (see {@link useSeqs})
   * @param handBackAtMost a top of at most this many events goes back to the event queue
   * @param handBack takes back one event, when the top does
   */
  constructor(
    seqs: Float64Array,
    private readonly handBackAtMost: number,
    private readonly handBack: (time: number, slot: number) => void,
  ) {
    this.seqs = seqs;
  }

  /**
   * Takes the event queue's column of sequence numbers by slot, anew each time it grows,
   * and makes room for as many slots.
   */
  useSeqs(seqs: Float64Array): void {
    this.seqs = seqs;
    if (this.times.length > 0) this.fitSlots();
  }

  private fitSlots(): void {
    const length = this.seqs.length;
    if (this.times.length >= length) return;
    const times = new Float64Array(length);
    times.set(this.times);
    this.times = times;
    const links = new Int32Array(length);
    links.set(this.links);
    this.links = links;
  }

  /** Adds `slot` at `time`; its sequence number must be in the column already. */
  insert(slot: number, time: number): void {
    this.times[slot] = time;
    if (time > this.topStart) this.pushTop(time, slot);
    else if (this.depth === 0 || !this.insertOnRung(slot, time)) this.insertInBottom(slot, time);
  }

  /**
   * The slot of the earliest entry, its time in {@link firstTime}; -1 when there is none,
   * having handed back a small top, if it had one.
   */
  peek(): number {
    const head = this.runHead;
    if (head < this.runLength) {
      if (this.heapLength === 0 || this.runLeads(head)) {
        this.firstInRun = true;
        this.firstTime = this.runTimes[head]!;
        return this.runSlots[head]!;
      }
    } else if (this.heapLength === 0) {
      return this.refill() ? this.peek() : -1;
    }
    this.firstInRun = false;
    this.firstTime = this.heapTimes[0]!;
    return this.heapSlots[0]!;
  }

  /** Removes the entry {@link peek} found (call it right after) and returns its slot. */
  removeFirst(): number {
    if (this.firstInRun) return this.runSlots[this.runHead++]!;
    return removeRoot(this.heapTimes, this.heapSlots, this.seqs, this.heapLength--);
  }

  /** Puts `slot` in the first rung whose bucket for it is pending; false when none is. */
  private insertOnRung(slot: number, time: number): boolean {
    for (let r = 0; r < this.depth; r++) {
      const bucket = this.bucketOf(r, time);
      if (bucket > this.rungCursor[r]!) {
        const heads = this.rungHeads[r]!;
        this.links[slot] = heads[bucket]!;
        heads[bucket] = slot;
        return true;
      }
    }
    return false;
  }

  private insertInBottom(slot: number, time: number): void {
    this.pushHeap(time, slot);
    if (this.heapLength > this.spillAbove) this.spill();
  }

  private pushHeap(time: number, slot: number): void {
    if (this.heapLength === this.heapTimes.length) {
      this.heap.fit(this.heapLength);
      this.heapTimes = this.heap.owner.time;
      this.heapSlots = this.heap.owner.slot;
    }
    siftUp(this.heapTimes, this.heapSlots, this.seqs, this.heapLength++, time, slot);
  }

  /** Whether run entry `head` comes before the heap's root (the heap is not empty). */
  private runLeads(head: number): boolean {
    const time = this.runTimes[head]!;
    const heapTime = this.heapTimes[0]!;
    return time < heapTime || (time === heapTime && this.seqs[this.runSlots[head]!]! < this.seqs[this.heapSlots[0]!]!);
  }

  /** Rung r's bucket for `time`: monotone in the time, so buckets never reorder events. */
  private bucketOf(r: number, time: number): number {
    const x = (time - this.rungStart[r]!) * this.rungScale[r]!;
    const size = this.rungSize[r]!;
    return x > 0 ? (x < size ? x | 0 : size - 1) : 0;
  }

  /** Takes entries [0, count) of a heap's arrays as its top; the ladder must be empty. */
  admit(times: Float64Array, slots: Int32Array, count: number): void {
    this.fitSlots();
    this.topStart = -Infinity;
    for (let i = 0; i < count; i++) {
      const slot = slots[i]!;
      this.times[slot] = times[i]!;
      this.pushTop(times[i]!, slot);
    }
  }

  private pushTop(time: number, slot: number): void {
    this.links[slot] = this.topHead;
    this.topHead = slot;
    this.topCount++;
    if (time < this.topMin) this.topMin = time;
    if (time > this.topMax) this.topMax = time;
  }

  /**
   * Fills the empty bottom from the lowest rung, or the rungs from the top; false when all
   * is empty (or the top was handed back).
   */
  private refill(): boolean {
    this.runHead = 0;
    this.runLength = 0;
    for (;;) {
      const r = this.depth - 1;
      if (r < 0) {
        if (this.topCount === 0) return false;
        if (this.topCount <= this.handBackAtMost) {
          this.handBackTop();
          return false;
        }
        if (this.spreadTop()) continue;
        return true;
      }
      const heads = this.rungHeads[r]!;
      const size = this.rungSize[r]!;
      let bucket = this.rungCursor[r]! + 1;
      while (bucket < size && heads[bucket]! < 0) bucket++;
      if (bucket === size) {
        if (size > KEEP_AT_MOST) this.rungHeads[r] = new Int32Array(0);
        this.depth = r;
        continue;
      }
      this.rungCursor[r] = bucket;
      const count = this.gather(heads[bucket]!);
      heads[bucket] = -1;
      if (count > BUCKET_LIMIT && this.depth < MAX_RUNGS && this.openRung(count, minOf(this.runTimes, 0, count), maxOf(this.runTimes, 0, count))) {
        this.spread(this.runSlots, 0, count);
        continue;
      }
      this.settle(count);
      return true;
    }
  }

  /** Copies the bucket list starting at `slot` into the run; returns its length. */
  private gather(slot: number): number {
    let count = 0;
    for (; slot >= 0; slot = this.links[slot]!) {
      if (count === this.runTimes.length) {
        this.run.fit(count);
        this.runTimes = this.run.owner.time;
        this.runSlots = this.run.owner.slot;
      }
      this.runTimes[count] = this.times[slot]!;
      this.runSlots[count++] = slot;
    }
    return count;
  }

  private handBackTop(): void {
    const links = this.links;
    for (let slot = this.topHead; slot >= 0; slot = links[slot]!) this.handBack(this.times[slot]!, slot);
    this.topHead = -1;
    this.topCount = 0;
    this.topMin = Infinity;
    this.topMax = -Infinity;
    this.topStart = -Infinity;
  }

  /** Empties the top: into rung 0 (true), or, when it cannot be split, the bottom. */
  private spreadTop(): boolean {
    const count = this.topCount;
    const min = this.topMin;
    const max = this.topMax;
    const head = this.topHead;
    this.topHead = -1;
    this.topCount = 0;
    this.topStart = max;
    this.topMin = Infinity;
    this.topMax = -Infinity;
    if (count <= BUCKET_LIMIT) {
      this.settle(this.gather(head));
    } else if (this.openRung(count, min, max)) {
      this.spreadList(head);
      return true;
    } else {
      // All at one time (or too close together to split): through the heap.
      const links = this.links;
      for (let slot = head; slot >= 0; slot = links[slot]!) this.pushHeap(this.times[slot]!, slot);
      this.spillAbove = Math.max(BUCKET_LIMIT, 2 * this.heapLength);
    }
    return false;
  }

  /**
   * Opens rung `depth` with `count` buckets over [min, max], for the caller to spread
   * `count` entries of that span over it ({@link spread}, {@link spreadList}); false
   * (nothing opened) when the span cannot be split.
   */
  private openRung(count: number, min: number, max: number): boolean {
    const scale = count / (max - min);
    if (!(scale < Infinity)) return false;
    const r = this.depth++;
    this.rungStart[r] = min;
    this.rungScale[r] = scale;
    this.rungSize[r] = count;
    this.rungCursor[r] = -1;
    let heads = this.rungHeads[r];
    if (heads === undefined || heads.length < count) heads = this.rungHeads[r] = new Int32Array(Math.max(count, Math.min(2 * (heads?.length ?? 0), KEEP_AT_MOST)));
    heads.fill(-1, 0, count);
    return true;
  }

  /** Spreads slots [from, to) of `slots` over the lowest rung. */
  private spread(slots: Int32Array, from: number, to: number): void {
    for (let i = from; i < to; i++) this.putOnLowestRung(slots[i]!);
  }

  /** Spreads the list of slots starting at `head` over the lowest rung. */
  private spreadList(head: number): void {
    const links = this.links;
    for (let slot = head; slot >= 0; ) {
      const next = links[slot]!;
      this.putOnLowestRung(slot);
      slot = next;
    }
  }

  private putOnLowestRung(slot: number): void {
    const r = this.depth - 1;
    const heads = this.rungHeads[r]!;
    const bucket = this.bucketOf(r, this.times[slot]!);
    this.links[slot] = heads[bucket]!;
    heads[bucket] = slot;
  }

  /** Puts the `count` entries gathered in the run, all of the range being drained, in order: sorted there when few, else into the heap. */
  private settle(count: number): void {
    if (count <= BUCKET_LIMIT) {
      sortFew(this.runTimes, this.runSlots, this.seqs, count);
      this.runLength = count;
    } else {
      for (let i = 0; i < count; i++) this.pushHeap(this.runTimes[i]!, this.runSlots[i]!);
    }
    this.spillAbove = Math.max(BUCKET_LIMIT, 2 * this.heapLength);
  }

  /**
   * The bottom heap outgrew its bound: spread the bottom (heap and the rest of the run) onto
   * the ladder, as the top when there are no rungs, else as a new rung below the lowest.
   */
  private spill(): void {
    const from = this.runHead;
    const to = this.runLength;
    const length = this.heapLength;
    if (this.depth === 0) {
      for (let i = 0; i < length; i++) this.pushTop(this.heapTimes[i]!, this.heapSlots[i]!);
      for (let i = from; i < to; i++) this.pushTop(this.runTimes[i]!, this.runSlots[i]!);
      this.topStart = -Infinity;
    } else if (this.depth < MAX_RUNGS && this.openRung(length + to - from, Math.min(this.heapTimes[0]!, minOf(this.runTimes, from, to)), Math.max(maxOf(this.heapTimes, 0, length), maxOf(this.runTimes, from, to)))) {
      this.spread(this.heapSlots, 0, length);
      this.spread(this.runSlots, from, to);
    } else {
      this.spillAbove = 2 * length;
      return;
    }
    this.heapLength = 0;
    this.runHead = 0;
    this.runLength = 0;
    this.spillAbove = BUCKET_LIMIT;
  }
}
