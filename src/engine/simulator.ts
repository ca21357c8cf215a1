/**
 * The simulation kernel: a virtual clock, the pending-event queue and the run loop.
 *
 * Time is a float64 count of seconds (see time.ts for the precision this gives). The loop
 * pops the earliest event, sets the clock to its time and calls it; events at equal times
 * run in the order they were scheduled (or, when exploring orderings, in an order drawn from
 * the exploration's seed), so a run is a pure function of its inputs. The
 * kernel knows nothing about networks or messages: those are callbacks scheduled on it.
 *
 * Asynchronous code (handlers that await timers or replies) stays deterministic through one
 * rule: whoever resolves a promise inside an event calls {@link Simulator.requestMicrotaskDrain},
 * and the loop then lets the microtask queue run empty (across a macrotask boundary) before
 * it pops the next event, with the clock still at the event's time. Events that resolve
 * nothing pay nothing.
 */
import { EventQueue, type EventCallback, type EventHandle } from './event-queue.js';
import { RandomStream, RandomStreams } from './random.js';
import { assertTime } from './time.js';

/** Why a run returned. */
export type StopReason =
  /** No events were left. */
  | 'idle'
  /** The next event lay after `until`; the clock was advanced to `until`. */
  | 'until'
  /** `maxEvents` events ran. */
  | 'max_events'
  /** {@link Simulator.stop} was called. */
  | 'stopped';

const DEFAULT_YIELD_EVERY = 2 ** 20;

/** Bounds of one call to {@link Simulator.run}. */
export interface RunLimits {
  /** Run events up to and including this time, in seconds. @default Infinity */
  until?: number;
  /** Run at most this many events in this call. @default Infinity */
  maxEvents?: number;
  /**
   * Return to the host event loop after this many events (then carry on), so that signals
   * and other host work are served during long runs. It does not change the run: events and
   * their order are the same. @default 1048576
   */
  yieldEvery?: number;
  /**
   * Told at every return to the host event loop (see `yieldEvery`) how far the run has got,
   * for progress reports. It must not touch the simulation.
   */
  onYield?: (status: RunStatus) => void;
}

/** How far a run has got. */
export interface RunStatus {
  /** Virtual time, in seconds. */
  readonly now: number;
  /** Events run so far by this call. */
  readonly events: number;
}

/** What a call to {@link Simulator.run} did. */
export interface RunResult {
  reason: StopReason;
  /** Clock at return, in seconds. */
  now: number;
  /** Events run by this call. */
  events: number;
}

/**
 * Ordering exploration: runs the same model with the order of equal-time events shuffled and
 * small random delays added to node timers, to find bugs that one fixed order hides. The
 * draws come from their own seed, so a run stays a pure function of (model, seed, this).
 */
export interface Exploration {
  /** Seed of the exploration's draws (independent of the run's root seed). */
  readonly seed: number;
  /** Node timers fire up to this much later than asked, uniformly, in seconds. @default 0 */
  readonly timerNoiseSeconds?: number;
}

/** Options of a {@link Simulator}. */
export interface SimulatorOptions {
  /** Explore orderings (see {@link Exploration}); absent, equal times run FIFO. */
  exploration?: Exploration;
}

/** Thrown by {@link Simulator.runSync} when an event started asynchronous work. */
export class AsyncWorkInSyncRunError extends Error {
  constructor(time: number) {
    super(`an event at t=${time}s started asynchronous work; use "await simulator.run()"`);
    this.name = 'AsyncWorkInSyncRunError';
  }
}

/** A discrete-event simulator: clock, event queue, named random streams and the run loop. */
export class Simulator {
  /** Named random streams derived from the seed. */
  readonly random: RandomStreams;
  private readonly queue = new EventQueue();
  private time = 0;
  private processed = 0;
  private drainRequested = false;
  private stopRequested = false;
  private failure: { error: unknown } | undefined;
  private running = false;

  /** Ordering exploration in force, if any. */
  readonly exploration: Exploration | undefined;

  /** @param seed root seed of every random stream in the run */
  constructor(
    readonly seed: number = 0,
    options: SimulatorOptions = {},
  ) {
    this.random = new RandomStreams(seed);
    this.exploration = options.exploration;
    if (this.exploration !== undefined) {
      const ties = new RandomStream('explore/ties', `${this.exploration.seed}/explore/ties`);
      this.queue.shuffleTies(() => ties.uniform());
    }
  }

  /** A random stream of the exploration (seeded by its seed); undefined when not exploring. */
  explorationStream(name: string): RandomStream | undefined {
    const exploration = this.exploration;
    return exploration === undefined ? undefined : new RandomStream(`explore/${name}`, `${exploration.seed}/explore/${name}`);
  }

  /** Current virtual time in seconds. */
  get now(): number {
    return this.time;
  }

  /** Events run since the simulator was created. */
  get eventsProcessed(): number {
    return this.processed;
  }

  /** Live events waiting in the queue. */
  get pendingEvents(): number {
    return this.queue.size;
  }

  /** Schedules `callback(data)` after `delaySeconds` (≥ 0) of virtual time. */
  schedule<T>(delaySeconds: number, callback: EventCallback<T>, data: T): EventHandle;
  schedule(delaySeconds: number, callback: EventCallback<undefined>): EventHandle;
  schedule<T>(delaySeconds: number, callback: EventCallback<T>, data?: T): EventHandle {
    assertTime(delaySeconds, 'delay');
    return this.queue.push(this.time + delaySeconds, callback, data as T);
  }

  /** Schedules `callback(data)` at absolute time `timeSeconds` (≥ now). */
  scheduleAt<T>(timeSeconds: number, callback: EventCallback<T>, data: T): EventHandle;
  scheduleAt(timeSeconds: number, callback: EventCallback<undefined>): EventHandle;
  scheduleAt<T>(timeSeconds: number, callback: EventCallback<T>, data?: T): EventHandle {
    assertTime(timeSeconds - this.time, 'time - now');
    return this.queue.push(timeSeconds, callback, data as T);
  }

  /** Cancels a pending event; false when it already ran or was cancelled. */
  cancel(handle: EventHandle): boolean {
    return this.queue.cancel(handle);
  }

  /** Asks the loop to let pending microtasks run before the next event. */
  requestMicrotaskDrain(): void {
    this.drainRequested = true;
  }

  /** Makes the current run stop after this event. */
  stop(): void {
    this.stopRequested = true;
  }

  /** Makes the current run reject with `error` (an error raised by asynchronous code). */
  fail(error: unknown): void {
    this.failure ??= { error };
    this.stopRequested = true;
  }

  /**
   * Runs events in (time, scheduling order) until a limit is reached or none remain,
   * letting asynchronous handlers complete between events where they need to.
   */
  async run(limits: RunLimits = {}): Promise<RunResult> {
    this.enter();
    try {
      return await this.runChunks(limits);
    } finally {
      this.running = false;
    }
  }

  private async runChunks(limits: RunLimits): Promise<RunResult> {
    const start = this.processed;
    const until = limits.until ?? Infinity;
    const eventLimit = start + (limits.maxEvents ?? Infinity);
    const yieldEvery = limits.yieldEvery ?? DEFAULT_YIELD_EVERY;
    for (;;) {
      const reason = this.advance(until, Math.min(eventLimit, this.processed + yieldEvery));
      if (reason !== undefined && (reason !== 'max_events' || this.processed >= eventLimit)) {
        return this.finish(reason, until, start);
      }
      if (reason !== undefined) limits.onYield?.({ now: this.time, events: this.processed - start });
      await macrotaskBoundary();
    }
  }

  /**
   * Like {@link run}, without ever yielding: for models whose events are plain synchronous
   * callbacks. Throws {@link AsyncWorkInSyncRunError} if an event asks for a microtask drain.
   */
  runSync(limits: RunLimits = {}): RunResult {
    this.enter();
    try {
      const start = this.processed;
      const until = limits.until ?? Infinity;
      const reason = this.advance(until, start + (limits.maxEvents ?? Infinity));
      if (reason === undefined) throw new AsyncWorkInSyncRunError(this.time);
      return this.finish(reason, until, start);
    } finally {
      this.running = false;
    }
  }

  /** Marks a run in progress; runs do not nest (an event cannot start another run). */
  private enter(): void {
    if (this.running) throw new Error('the simulator is already running; runs cannot nest or overlap');
    this.running = true;
  }

  /** Runs events until a stop reason applies, or returns undefined when a drain is due. */
  private advance(until: number, eventLimit: number): StopReason | undefined {
    const queue = this.queue;
    for (;;) {
      if (this.stopRequested) return 'stopped';
      if (this.processed >= eventLimit) return 'max_events';
      const time = queue.peekTime();
      if (time === Infinity) return 'idle';
      if (time > until) return 'until';
      const slot = queue.popSlot();
      const callback = queue.callbackOf(slot);
      const data = queue.dataOf(slot);
      queue.release(slot);
      this.time = time;
      this.processed++;
      callback(data);
      if (this.drainRequested) {
        this.drainRequested = false;
        return undefined;
      }
    }
  }

  private finish(reason: StopReason, until: number, start: number): RunResult {
    this.stopRequested = false;
    if (reason === 'until' && until > this.time) this.time = until;
    const failure = this.failure;
    if (failure !== undefined) {
      this.failure = undefined;
      throw failure.error;
    }
    return { reason, now: this.time, events: this.processed - start };
  }
}

function macrotaskBoundary(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
