/**
 * The handle a virtual setTimeout or setInterval returns: shaped like Node's Timeout (ref,
 * unref, hasRef, refresh, close, and a number when coerced), so library code that keeps or
 * clears it works as on real timers.
 */
import { NO_TIMER } from '../seam.js';

/** Where a virtual timer lives: the node that arms and disarms it. */
export interface TimerOwner {
  arm(timeout: VirtualTimeout): void;
  disarm(timeout: VirtualTimeout): void;
  /** Called the first time library code takes the timer's number, which can clear it from then on. */
  numbered(timeout: VirtualTimeout): void;
}

/** A virtual timer's handle. */
export class VirtualTimeout {
  /** The engine's handle of the armed timer, or NO_TIMER when it is not armed. */
  handle = NO_TIMER;
  /** Whether library code has taken its number (most never do, so most timers are never looked up by it). */
  hasNumber = false;
  private referenced = true;

  constructor(
    readonly owner: TimerOwner,
    /** The number library code sees when it coerces the handle (unique per node incarnation). */
    readonly id: number,
    readonly callback: (...args: unknown[]) => unknown,
    readonly args: readonly unknown[],
    /** Milliseconds until it fires, again after every firing for an interval. */
    readonly delayMs: number,
    readonly repeat: boolean,
  ) {}

  /** Node's Timeout API: keeping the process alive means nothing in virtual time, so these only record it. */
  ref(): this {
    this.referenced = true;
    return this;
  }

  unref(): this {
    this.referenced = false;
    return this;
  }

  hasRef(): boolean {
    return this.referenced;
  }

  /** Starts the timer again from now, with its delay. */
  refresh(): this {
    this.owner.disarm(this);
    this.owner.arm(this);
    return this;
  }

  close(): this {
    this.owner.disarm(this);
    return this;
  }

  [Symbol.toPrimitive](): number {
    if (!this.hasNumber) this.owner.numbered(this);
    return this.id;
  }
}
