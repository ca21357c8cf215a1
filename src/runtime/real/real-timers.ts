/**
 * Real time for the real runtime: seconds on the monotonic clock since the run began, and
 * timers on it that fire close to their due time. Node's own timers have a granularity of
 * a millisecond, and a setTimeout(0) chain of a back-to-back flow would pace it at that;
 * so one Node timer is armed for the earliest due time less {@link POLL_WINDOW_SECONDS},
 * and from there the scheduler polls with setImmediate, which lets the event loop take its
 * I/O between polls, until the timer is due. Timers due at the same time fire in the
 * order they were set; a turn fires those due when it began. A timer of delay 0 fires on the next turn of the event loop, after
 * pending I/O, never synchronously.
 */
import { ItemHeap } from '../../engine/heap.js';

/** How long before a due time the scheduler stops sleeping and polls, in seconds. */
export const POLL_WINDOW_SECONDS = 0.002;

interface Timer {
  readonly handle: number;
  readonly due: number;
  readonly fire: () => void;
}

/** Monotonic time and the timers of one real run. */
export class RealTimers {
  private readonly origin: bigint;
  private readonly heap = new ItemHeap<Timer>();
  /** Timers set and neither fired nor cancelled, by handle. */
  private readonly pending = new Map<number, Timer>();
  private nextHandle = 1;
  private sleeping: NodeJS.Timeout | undefined;
  /** When the sleeping Node timer wakes the scheduler. */
  private wakeAt = Infinity;
  private polling: NodeJS.Immediate | undefined;
  private stopped = false;

  /** @param origin the monotonic clock's reading (process.hrtime.bigint()) that is time 0. @default now */
  constructor(origin: bigint = process.hrtime.bigint()) {
    this.origin = origin;
  }

  /** The monotonic reading at time 0, in nanoseconds. */
  get originNanoseconds(): bigint {
    return this.origin;
  }

  /** Seconds since time 0. */
  now(): number {
    return Number(process.hrtime.bigint() - this.origin) / 1e9;
  }

  /**
   * Calls `fire` once, `delaySeconds` from now; returns a handle for {@link cancel}. A delay
   * below 0 counts as 0: code that computes a delay to a time of its own (now − then) finds
   * it slightly past on a clock that moves while it computes.
   */
  set(delaySeconds: number, fire: () => void): number {
    if (Number.isNaN(delaySeconds)) throw new RangeError(`a timer's delay must be a number (got ${delaySeconds})`);
    if (delaySeconds < 0) delaySeconds = 0;
    const handle = this.nextHandle++;
    const timer: Timer = { handle, due: this.now() + delaySeconds, fire };
    this.pending.set(handle, timer);
    this.heap.push(timer.due, timer, handle);
    this.arm();
    return handle;
  }

  /** Cancels a timer; false when it already fired or was cancelled. */
  cancel(handle: number): boolean {
    return this.pending.delete(handle);
  }

  /** Timers waiting to fire. */
  get size(): number {
    return this.pending.size;
  }

  /** Cancels every timer and arms nothing from now on. */
  stop(): void {
    this.stopped = true;
    this.pending.clear();
    this.disarm();
  }

  /** Makes sure the scheduler wakes for the earliest timer. */
  private arm(): void {
    if (this.stopped || this.polling !== undefined) return;
    this.dropCancelled();
    if (this.heap.size === 0) {
      this.disarm();
      return;
    }
    const due = this.heap.topKey();
    const wait = due - this.now();
    if (wait <= POLL_WINDOW_SECONDS) {
      this.disarm();
      this.polling = setImmediate(() => this.poll());
      return;
    }
    const wakeAt = due - POLL_WINDOW_SECONDS;
    if (this.sleeping !== undefined && this.wakeAt <= wakeAt) return;
    if (this.sleeping !== undefined) clearTimeout(this.sleeping);
    this.wakeAt = wakeAt;
    this.sleeping = setTimeout(() => {
      this.sleeping = undefined;
      this.arm();
    }, (wait - POLL_WINDOW_SECONDS) * 1000);
  }

  /**
   * Fires the timers due when the turn began, then arms for the next. A timer set meanwhile
   * (a chain of zero-delay timers, as a back-to-back flow sets) waits for the next turn, so
   * every send of such a chain lets the event loop read what arrived: Node reads at most 32
   * datagrams a socket per turn, and a sender that ran ahead within one turn would overrun a
   * receiver in the same process.
   */
  private poll(): void {
    this.polling = undefined;
    const now = this.now();
    while (!this.stopped && this.heap.size > 0 && this.heap.topKey() <= now) {
      const timer = this.heap.pop();
      if (this.pending.delete(timer.handle)) timer.fire();
    }
    this.arm();
  }

  /** Pops cancelled timers off the top, so the scheduler never wakes for them. */
  private dropCancelled(): void {
    while (this.heap.size > 0) {
      const top = this.heap.pop();
      if (this.pending.has(top.handle)) {
        this.heap.push(top.due, top, top.handle);
        return;
      }
    }
  }

  private disarm(): void {
    if (this.sleeping !== undefined) clearTimeout(this.sleeping);
    if (this.polling !== undefined) clearImmediate(this.polling);
    this.sleeping = undefined;
    this.polling = undefined;
  }
}
