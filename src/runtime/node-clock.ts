/**
 * A node's own clock and timers. The clock may run off true (simulated) time: it reads
 *
 *     local(t) = base + (t − anchor) · (1 + drift)
 *
 * and a clock fault can step it (offset) and change its rate (drift) at any moment. Timers
 * are set in local time and fire when the local clock reaches their deadline, so after a
 * change every pending timer is re-timed. Timers live in recycled slots of typed columns
 * (no allocation per timer); a crash cancels them all.
 */
import { column } from '../engine/columns.js';
import type { EventCallback } from '../engine/event-queue.js';
import type { RandomStream } from '../engine/random.js';
import type { Simulator } from '../engine/simulator.js';
import { SlotTable } from '../engine/slot-table.js';
import type { RuntimeObserver } from './observer.js';
import type { TimerCallback, TimerHandle } from './seam.js';

/** A step and a rate change of a node's clock. */
export interface ClockAdjustment {
  /** Added to the clock's reading at once, in seconds (may be negative). @default 0 */
  offsetSeconds?: number;
  /** Rate error from then on: the clock advances (1 + drift) seconds per true second (> −1). @default unchanged */
  drift?: number;
}

const TIMER_SLOTS = 2 ** 22;
const GENERATIONS = 2 ** 31;
const TIMER_COLUMNS = {
  /** When the timer is due, in local time. */
  deadline: column(Float64Array),
  /** Its event in the simulator. */
  event: column(Float64Array),
};

/** One node's clock and pending timers. */
export class NodeClock {
  private base = 0;
  private anchor = 0;
  private rate = 1;
  private skewed = false;

  private callbacks: (TimerCallback<unknown> | undefined)[] = [];
  private data: unknown[] = [];
  private readonly timers = new SlotTable({ maxSlots: TIMER_SLOTS, generationLimit: GENERATIONS, columns: TIMER_COLUMNS, initialCapacity: 16 });
  private readonly fire: EventCallback<number>;
  /** Exploration's timer noise: draws, and the largest extra delay. */
  private readonly noise: RandomStream | undefined;
  private readonly noiseSeconds: number;
  /** Told about every timer set, fired and cancelled, if set. */
  observer: RuntimeObserver | undefined;

  /**
   * @param node the node's index, as observers are told
   * @param run calls a timer's callback as protocol code
   */
  constructor(
    private readonly sim: Simulator,
    private readonly node: number,
    run: (callback: TimerCallback<unknown>, data: unknown) => void,
  ) {
    this.noiseSeconds = sim.exploration?.timerNoiseSeconds ?? 0;
    this.noise = this.noiseSeconds > 0 ? sim.explorationStream(`timers/${node}`) : undefined;
    this.fire = (slot) => {
      const callback = this.callbacks[slot];
      if (callback === undefined) return;
      const data = this.data[slot];
      this.observer?.timerFired(this.node, this.timers.handle(slot));
      this.release(slot);
      run(callback, data);
    };
  }

  /** Local time now. */
  now(): number {
    return this.skewed ? this.base + (this.sim.now - this.anchor) * this.rate : this.sim.now;
  }

  /** Timers pending. */
  get pending(): number {
    return this.timers.taken;
  }

  /** Calls `callback(data)` when the local clock has advanced by `delaySeconds`. */
  setTimer<D>(delaySeconds: number, callback: TimerCallback<D>, data?: D): TimerHandle {
    if (!(delaySeconds >= 0 && delaySeconds < Infinity)) {
      throw new RangeError(`timer delay must be a finite number of seconds >= 0, got ${delaySeconds}`);
    }
    if (this.noise !== undefined) delaySeconds += this.noise.uniform() * this.noiseSeconds;
    const slot = this.timers.allocate();
    if (slot < 0) throw new RangeError(`more than ${TIMER_SLOTS} timers pending on one node`);
    this.callbacks[slot] = callback as TimerCallback<unknown>;
    this.data[slot] = data;
    const { deadline, event } = this.timers.columns;
    if (this.skewed) {
      deadline[slot] = this.now() + delaySeconds;
      event[slot] = this.sim.scheduleAt(this.trueTimeOf(deadline[slot]!), this.fire, slot);
    } else {
      deadline[slot] = this.sim.now + delaySeconds;
      event[slot] = this.sim.schedule(delaySeconds, this.fire, slot);
    }
    const handle = this.timers.handle(slot);
    this.observer?.timerSet(this.node, handle, this.skewed ? this.trueTimeOf(deadline[slot]!) : deadline[slot]!);
    return handle;
  }

  /** Cancels a timer; false when it already fired or was cancelled. */
  cancelTimer(handle: TimerHandle): boolean {
    const slot = this.timers.slotOf(handle);
    if (slot < 0) return false;
    this.sim.cancel(this.timers.columns.event[slot]!);
    this.observer?.timerCancelled(this.node, handle);
    this.release(slot);
    return true;
  }

  /** Cancels every pending timer (a crash). */
  cancelAll(): void {
    this.timers.forEachTaken((slot) => {
      this.sim.cancel(this.timers.columns.event[slot]!);
      this.release(slot);
    });
  }

  /** Steps the clock and changes its rate now; pending timers follow their local deadlines. */
  adjust(adjustment: ClockAdjustment): void {
    const drift = adjustment.drift ?? this.rate - 1;
    if (!(drift > -1 && drift < Infinity)) throw new RangeError(`clock drift must be a number > -1, got ${drift}`);
    const offset = adjustment.offsetSeconds ?? 0;
    if (!Number.isFinite(offset)) throw new RangeError(`clock offset must be a finite number of seconds, got ${offset}`);
    this.base = this.now() + offset;
    this.anchor = this.sim.now;
    this.rate = 1 + drift;
    this.skewed = true;
    this.observer?.clockAdjusted(this.node);
    const { deadline, event } = this.timers.columns;
    this.timers.forEachTaken((slot) => {
      this.sim.cancel(event[slot]!);
      event[slot] = this.sim.scheduleAt(this.trueTimeOf(deadline[slot]!), this.fire, slot);
    });
  }

  /** The true time at which the local clock reads `local` (now, if it already has). */
  private trueTimeOf(local: number): number {
    return Math.max(this.sim.now, this.anchor + (local - this.base) / this.rate);
  }

  private release(slot: number): void {
    this.callbacks[slot] = undefined;
    this.data[slot] = undefined;
    this.timers.release(slot);
  }
}
