/**
 * One incarnation of a node as its virtual globals see it: its clock as `Date.now()`,
 * `performance.now()` and timers, its named random streams as `Math.random()` and crypto's
 * random bytes, and the context every call into its code runs in (so its promises' continuations
 * are its code too). It hands protocol code a context whose callbacks run inside that
 * context, and reports the first escape (real asynchronous work) as an error of the node.
 */
import { NO_TIMER, type Clock, type NodeContext, type RandomSource, type ReceiveHandler, type TimerCallback, type TimerHandle, type Transport } from '../seam.js';
import { currentNode, outsideNodes } from './current.js';
import { asyncWork } from './escapes.js';
import { VirtualTimeout, type TimerOwner } from './timeout.js';

/** Options of a node's virtual globals. */
export interface VirtualGlobalsOptions {
  /**
   * What `Date.now()` reads when the node's clock reads 0, in milliseconds since 1970.
   * @default VIRTUAL_EPOCH_MS (2026-01-01T00:00:00Z)
   */
  readonly epochMs?: number;
}

/** What a runtime's own Clock and Transport do, as a virtual node needs to know it. */
export interface RuntimeSeam {
  /**
   * Whether its clock's `setTimer` and `cancelTimer` and its transport's `send` are plain
   * bookkeeping: they start no asynchronous work and call none of the patched globals (as the
   * simulated runtime's, on the engine and the network model). Node code then calls them
   * without leaving its context, which saves a context switch per timer and frame; whatever
   * they call back synchronously (an observer of the network or of timers) runs as the node's
   * code. Otherwise (sockets, real timers) they run outside any node.
   */
  readonly synchronous: boolean;
}

/** 2026-01-01T00:00:00Z: what `Date.now()` reads at time 0 unless a node is given another epoch. */
export const VIRTUAL_EPOCH_MS = Date.UTC(2026, 0, 1);

/** Node's rule for timer delays: below 1 ms, above 2³¹ − 1 ms or not a number means 1 ms. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Returned by a step that left microtask work, so the runtime drains it before the next event. */
const SETTLED: Promise<void> = Promise.resolve();

/**
 * Real asynchronous work started by a node's code while its globals were virtual: a real
 * timer, file, socket or other I/O. Virtual time does not wait for it, so its outcome would
 * arrive at a moment no seed decides.
 */
export class VirtualTimeEscapeError extends Error {
  constructor(
    readonly node: string,
    /** The async resource's type, as Node's async_hooks names it (e.g. `Timeout`, `FSREQPROMISE`, `TCPWRAP`). */
    readonly resource: string,
    /** Where the code that started it was, from its stack. */
    readonly site: string | undefined,
  ) {
    super(
      `started real asynchronous work (${resource})${site === undefined ? '' : ` at ${site}`}, which virtual time does not cover: ` +
        'its result would come at a moment no seed decides (see docs/libraries.md, "What the virtual globals cover")',
    );
    this.name = 'VirtualTimeEscapeError';
  }
}

/** The first stack frame outside msgsim's virtual globals and Node's internals. */
function siteOf(stack: string | undefined): string | undefined {
  for (const line of (stack ?? '').split('\n').slice(1)) {
    const frame = line.trim().replace(/^at /, '');
    if (frame.includes('node:') || frame.includes('/runtime/virtual/') || frame.includes('async_hooks')) continue;
    return frame;
  }
  return undefined;
}

function fireTimeout(timeout: VirtualTimeout): unknown {
  return timeout.callback.apply(timeout, timeout.args as unknown[]);
}

function setInnerTimer<D>(clock: Clock, delaySeconds: number, callback: TimerCallback<D>, data: D): TimerHandle {
  return clock.setTimer(delaySeconds, callback, data);
}

function cancelInnerTimer(clock: Clock, handle: TimerHandle): boolean {
  return clock.cancelTimer(handle);
}

function sleepInner(clock: Clock, delaySeconds: number): Promise<void> {
  return clock.sleep(delaySeconds);
}

function sendInner(transport: Transport, to: string, frame: Uint8Array, paddingBytes: number | undefined): void {
  transport.send(to, frame, paddingBytes);
}

function callTimer<D>(callback: TimerCallback<D>, data: D): unknown {
  return callback(data);
}

/** A node's virtual globals and the context its code runs in. */
export class VirtualNode implements TimerOwner {
  /** The context handed to protocol code: its callbacks run as this node. */
  readonly context: NodeContext;
  readonly epochMs: number;
  private readonly clock: Clock;
  /** The armed timers whose numbers library code has taken, by number: clearTimeout(number) finds them here. */
  private readonly numberedTimers = new Map<number, VirtualTimeout>();
  private nextTimerId = 1;
  private mathStream: RandomSource | undefined;
  private cryptoStream: RandomSource | undefined;
  private escape: VirtualTimeEscapeError | undefined;
  /** Whether the runtime's timers and sends may be called as the node's code (see {@link RuntimeSeam}). */
  private readonly inline: boolean;

  constructor(
    private readonly inner: NodeContext,
    options: VirtualGlobalsOptions = {},
    runtime: RuntimeSeam = { synchronous: false },
  ) {
    this.inline = runtime.synchronous;
    this.clock = inner.clock;
    this.epochMs = options.epochMs ?? VIRTUAL_EPOCH_MS;
    this.context = this.wrap(inner);
  }

  /** The node's name. */
  get name(): string {
    return this.inner.name;
  }

  /** `Date.now()`: the node's clock after the epoch, in whole milliseconds (as a real Date.now is). */
  dateNow(): number {
    return this.epochMs + Math.floor(this.clock.now() * 1000);
  }

  /** `performance.now()`: the node's clock in milliseconds. */
  performanceNow(): number {
    return this.clock.now() * 1000;
  }

  /** The stream behind `Math.random()`. */
  get math(): RandomSource {
    return (this.mathStream ??= this.inner.random('globals/math'));
  }

  /** The stream behind crypto's random bytes and UUIDs. */
  get crypto(): RandomSource {
    return (this.cryptoStream ??= this.inner.random('globals/crypto'));
  }

  /** A virtual setTimeout (repeat false), setInterval (true) or setImmediate (delay undefined). */
  setTimer(callback: unknown, delay: unknown, args: readonly unknown[], repeat: boolean): VirtualTimeout {
    if (typeof callback !== 'function') {
      throw new TypeError(`The "callback" argument must be of type function. Received ${callback === null ? 'null' : typeof callback}`);
    }
    let delayMs = 0;
    if (delay !== undefined || repeat) {
      delayMs = Number(delay);
      if (!(delayMs >= 1 && delayMs <= MAX_TIMER_MS)) delayMs = 1;
    }
    const timeout = new VirtualTimeout(this, this.nextTimerId++, callback as (...a: unknown[]) => unknown, args, delayMs, repeat);
    this.arm(timeout);
    return timeout;
  }

  /** Clears a virtual timer by handle or by its number; false when it is none of this node's. */
  clearTimer(handle: unknown): boolean {
    const timeout = handle instanceof VirtualTimeout ? handle : typeof handle === 'number' ? this.numberedTimers.get(handle) : undefined;
    if (timeout === undefined || timeout.owner !== this) return false;
    this.disarm(timeout);
    return true;
  }

  arm(timeout: VirtualTimeout): void {
    if (timeout.hasNumber) this.numberedTimers.set(timeout.id, timeout);
    const delaySeconds = timeout.delayMs / 1000;
    timeout.handle = this.inline ? this.clock.setTimer(delaySeconds, this.fire, timeout) : outsideNodes(setInnerTimer, this.clock, delaySeconds, this.fire, timeout);
  }

  disarm(timeout: VirtualTimeout): void {
    if (timeout.handle !== NO_TIMER) this.cancelInner(timeout.handle);
    timeout.handle = NO_TIMER;
    if (timeout.hasNumber) this.numberedTimers.delete(timeout.id);
  }

  /** Cancels a timer of the runtime's clock, as the runtime's own work. */
  private cancelInner(handle: TimerHandle): boolean {
    return this.inline ? this.clock.cancelTimer(handle) : outsideNodes(cancelInnerTimer, this.clock, handle, undefined, undefined);
  }

  numbered(timeout: VirtualTimeout): void {
    timeout.hasNumber = true;
    if (timeout.handle !== NO_TIMER) this.numberedTimers.set(timeout.id, timeout);
  }

  private readonly fire = (timeout: VirtualTimeout): unknown => {
    timeout.handle = NO_TIMER;
    if (timeout.repeat) this.arm(timeout);
    else if (timeout.hasNumber) this.numberedTimers.delete(timeout.id);
    return this.call(fireTimeout, timeout, undefined);
  };

  /**
   * Runs `action(a, b)` as this node's code. Returns what the runtime should await: the action's
   * promise, or a settled one when the step left microtask work, so it runs before the next event.
   */
  call<A, B>(action: (a: A, b: B) => unknown, a: A, b: B): unknown {
    const outer = asyncWork.started;
    asyncWork.started = false;
    let result: unknown;
    try {
      result = currentNode.run(this, action, a, b);
    } finally {
      const started = asyncWork.started;
      asyncWork.started = outer || started;
      if (started && typeof (result as { then?: unknown } | undefined)?.then !== 'function') result = SETTLED;
    }
    return result;
  }

  /** Called by the escape watch: real asynchronous work of type `resource` started as this node's code. */
  escaped(resource: string): void {
    if (this.escape !== undefined) return;
    this.escape = new VirtualTimeEscapeError(this.name, resource, siteOf(new Error().stack));
    const error = this.escape;
    // Fail the run as this node, at this moment of its time (a dead incarnation cannot).
    outsideNodes(
      setInnerTimer,
      this.clock,
      0,
      () => {
        throw error;
      },
      undefined,
    );
  }

  /** The context protocol code gets: the same seam, with every callback run as this node. */
  private wrap(inner: NodeContext): NodeContext {
    const node = this;
    // The runtime's own work (its timer machinery, a socket write) is not the node's.
    const clock: Clock = {
      now: () => inner.clock.now(),
      setTimer<D>(delaySeconds: number, callback: TimerCallback<D>, data?: D): TimerHandle {
        const fire = (value: D): unknown => node.call(callTimer, callback, value);
        return node.inline ? inner.clock.setTimer(delaySeconds, fire, data as D) : outsideNodes(setInnerTimer, inner.clock, delaySeconds, fire, data as D);
      },
      cancelTimer: (handle) => node.cancelInner(handle),
      sleep: (delaySeconds) => outsideNodes(sleepInner, inner.clock, delaySeconds, undefined, undefined),
    };
    const transport: Transport = {
      address: inner.transport.address,
      headerBytes: inner.transport.headerBytes,
      send: (to, frame, paddingBytes) => (node.inline ? inner.transport.send(to, frame, paddingBytes) : outsideNodes(sendInner, inner.transport, to, frame, paddingBytes)),
      onReceive(handler: ReceiveHandler): void {
        inner.transport.onReceive((frame, from) => node.call(handler, frame, from));
      },
    };
    return {
      name: inner.name,
      peers: inner.peers,
      get neighbours() {
        return inner.neighbours;
      },
      clock,
      transport,
      storage: inner.storage,
      random: (name) => inner.random(name),
    };
  }
}
