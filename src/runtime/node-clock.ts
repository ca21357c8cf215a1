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
import { resized } from '../engine/columns.js';
import type { EventCallback } from '../engine/event-queue.js';
import type { RandomStream } from '../engine/random.js';
import type { Simulator } from '../engine/simulator.js';
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

/** One node's clock and pending timers. */
export class NodeClock {
  private base = 0;
  private anchor = 0;
  private rate = 1;
  private skewed = false;

  private callbacks: (TimerCallback<unknown> | undefined)[] = [];
  private data: unknown[] = [];
  private deadlines = new Float64Array(16);
  private events = new Float64Array(16);
  private generations = new Uint32Array(16);
  private readonly free: number[] = [];
  private used = 0;
  private live = 0;
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
      this.observer?.timerFired(this.node, slot + TIMER_SLOTS * this.generations[slot]!);
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
    return this.live;
  }

  /** Calls `callback(data)` when the local clock has advanced by `delaySeconds`. */
  setTimer<D>(delaySeconds: number, callback: TimerCallback<D>, data?: D): TimerHandle {
    if (!(delaySeconds >= 0 && delaySeconds < Infinity)) {
      throw new RangeError(`timer delay must be a finite number of seconds >= 0, got ${delaySeconds}`);
    }
    if (this.noise !== undefined) delaySeconds += this.noise.uniform() * this.noiseSeconds;
    const slot = this.takeSlot();
    this.live++;
    this.callbacks[slot] = callback as TimerCallback<unknown>;
    this.data[slot] = data;
    if (this.skewed) {
      this.deadlines[slot] = this.now() + delaySeconds;
      this.events[slot] = this.sim.scheduleAt(this.trueTimeOf(this.deadlines[slot]!), this.fire, slot);
    } else {
      this.deadlines[slot] = this.sim.now + delaySeconds;
      this.events[slot] = this.sim.schedule(delaySeconds, this.fire, slot);
    }
    const handle = slot + TIMER_SLOTS * this.generations[slot]!;
    this.observer?.timerSet(this.node, handle, this.skewed ? this.trueTimeOf(this.deadlines[slot]!) : this.deadlines[slot]!);
    return handle;
  }

  /** Cancels a timer; false when it already fired or was cancelled. */
  cancelTimer(handle: TimerHandle): boolean {
    const slot = handle % TIMER_SLOTS;
    if (!(slot >= 0 && slot < this.used) || this.generations[slot] !== (handle - slot) / TIMER_SLOTS) return false;
    if (this.callbacks[slot] === undefined) return false;
    this.sim.cancel(this.events[slot]!);
    this.observer?.timerCancelled(this.node, handle);
    this.release(slot);
    return true;
  }

  /** Cancels every pending timer (a crash). */
  cancelAll(): void {
    for (let slot = 0; slot < this.used; slot++) {
      if (this.callbacks[slot] === undefined) continue;
      this.sim.cancel(this.events[slot]!);
      this.release(slot);
    }
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
    for (let slot = 0; slot < this.used; slot++) {
      if (this.callbacks[slot] === undefined) continue;
      this.sim.cancel(this.events[slot]!);
      this.events[slot] = this.sim.scheduleAt(this.trueTimeOf(this.deadlines[slot]!), this.fire, slot);
    }
  }

  /** The true time at which the local clock reads `local` (now, if it already has). */
  private trueTimeOf(local: number): number {
    return Math.max(this.sim.now, this.anchor + (local - this.base) / this.rate);
  }

  private takeSlot(): number {
    const reused = this.free.pop();
    if (reused !== undefined) return reused;
    if (this.used === TIMER_SLOTS) throw new RangeError(`more than ${TIMER_SLOTS} timers pending on one node`);
    if (this.used === this.deadlines.length) {
      const capacity = this.used * 2;
      this.deadlines = resized(this.deadlines, capacity);
      this.events = resized(this.events, capacity);
      this.generations = resized(this.generations, capacity);
    }
    return this.used++;
  }

  private release(slot: number): void {
    this.callbacks[slot] = undefined;
    this.data[slot] = undefined;
    this.generations[slot] = (this.generations[slot]! + 1) % GENERATIONS;
    this.free.push(slot);
    this.live--;
  }
}
