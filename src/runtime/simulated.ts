/**
 * The simulated runtime: Clock and Transport implemented on the engine and the network.
 *
 * It is also where protocol code is called, so it owns the two rules that keep async code
 * deterministic: when a handler returns a promise, or when a sleep resolves, it asks the
 * simulator to drain microtasks before the next event; and an error thrown or rejected by
 * protocol code fails the run with a {@link ProtocolError} naming the node and the time.
 */
import type { Simulator } from '../engine/simulator.js';
import type { Network } from '../net/network.js';
import type {
  Clock,
  NodeContext,
  ReceiveHandler,
  SendMeta,
  TimerCallback,
  TimerHandle,
  Transport,
} from './seam.js';

/** Options of a {@link SimulatedRuntime}. */
export interface SimulatedRuntimeOptions {
  /** Header bytes added to every frame on the wire. @default 0 */
  headerBytes?: number;
}

/** An error raised by protocol code (a handler or a timer), with where and when. */
export class ProtocolError extends Error {
  constructor(
    readonly node: string,
    readonly time: number,
    cause: unknown,
  ) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    super(`protocol code on node "${node}" failed at t=${time}s: ${detail}`, { cause });
    this.name = 'ProtocolError';
  }
}

/** Clock and Transport for every node of a simulated network. */
export class SimulatedRuntime {
  readonly headerBytes: number;
  private readonly contexts = new Map<string, NodeContext>();

  constructor(
    readonly sim: Simulator,
    readonly network: Network,
    options: SimulatedRuntimeOptions = {},
  ) {
    this.headerBytes = options.headerBytes ?? 0;
  }

  /** The Clock and Transport of a node of the network. */
  node(name: string): NodeContext {
    let context = this.contexts.get(name);
    if (context === undefined) {
      const index = this.network.nodeIndex(name);
      context = { clock: new SimulatedClock(this, name), transport: new SimulatedTransport(this, name, index) };
      this.contexts.set(name, context);
    }
    return context;
  }

  /** Calls protocol code, keeping async work deterministic and errors attributed. */
  invoke(node: string, action: () => unknown): void {
    let result: unknown;
    try {
      result = action();
    } catch (error) {
      throw new ProtocolError(node, this.sim.now, error);
    }
    if (result !== undefined) this.awaitResult(node, result);
  }

  /** {@link invoke} for a receive handler, without allocating a closure per message. */
  invokeReceive(node: string, handler: ReceiveHandler, frame: Uint8Array, from: string): void {
    let result: unknown;
    try {
      result = handler(frame, from);
    } catch (error) {
      throw new ProtocolError(node, this.sim.now, error);
    }
    if (result !== undefined) this.awaitResult(node, result);
  }

  /** Protocol code returned something: if it is a promise, let it settle before the next event. */
  private awaitResult(node: string, result: unknown): void {
    if ((typeof result === 'object' || typeof result === 'function') && result !== null) {
      const then = (result as { then?: unknown }).then;
      if (typeof then !== 'function') return;
      this.sim.requestMicrotaskDrain();
      (result as PromiseLike<unknown>).then(undefined, (error: unknown) =>
        this.sim.fail(new ProtocolError(node, this.sim.now, error)),
      );
    }
  }
}

class SimulatedClock implements Clock {
  private readonly fire = (callback: TimerCallback): void => this.runtime.invoke(this.node, callback);

  constructor(
    private readonly runtime: SimulatedRuntime,
    private readonly node: string,
  ) {}

  now(): number {
    return this.runtime.sim.now;
  }

  setTimer(delaySeconds: number, callback: TimerCallback): TimerHandle {
    return this.runtime.sim.schedule(delaySeconds, this.fire, callback);
  }

  cancelTimer(handle: TimerHandle): boolean {
    return this.runtime.sim.cancel(handle);
  }

  sleep(delaySeconds: number): Promise<void> {
    const sim = this.runtime.sim;
    return new Promise((resolve) => {
      sim.schedule(delaySeconds, wake, { sim, resolve });
    });
  }
}

function wake(sleeper: { sim: Simulator; resolve: () => void }): void {
  sleeper.resolve();
  sleeper.sim.requestMicrotaskDrain();
}

class SimulatedTransport implements Transport {
  readonly headerBytes: number;
  private lastFlow: string | undefined;
  private lastFlowIndex = -1;
  private lastPeer: string | undefined;
  private lastPeerIndex = -1;

  constructor(
    private readonly runtime: SimulatedRuntime,
    readonly address: string,
    private readonly index: number,
  ) {
    this.headerBytes = runtime.headerBytes;
  }

  send(to: string, frame: Uint8Array, meta?: SendMeta): void {
    const network = this.runtime.network;
    const wireBytes = frame.length + this.headerBytes + (meta?.paddingBytes ?? 0);
    const flow = meta?.flow;
    // One-entry caches: a node usually sends many messages of one flow to one peer.
    if (flow !== this.lastFlow) {
      this.lastFlow = flow;
      this.lastFlowIndex = flow === undefined ? -1 : network.journal.flowIndex(flow);
    }
    if (to !== this.lastPeer) {
      this.lastPeerIndex = network.nodeIndex(to);
      this.lastPeer = to;
    }
    network.send(this.index, this.lastPeerIndex, wireBytes, frame, this.lastFlowIndex);
  }

  onReceive(handler: ReceiveHandler): void {
    const runtime = this.runtime;
    const names = runtime.network.nodeNames;
    const node = this.address;
    runtime.network.onDeliver(this.index, (payload, src) => {
      runtime.invokeReceive(node, handler, payload as Uint8Array, names[src]!);
    });
  }
}
