/**
 * The simulated runtime: every node's Clock, Transport, durable store and random streams,
 * implemented on the engine and the network, and the life cycle of node programs.
 *
 * It is also where protocol code is called, so it owns the rules that keep async code
 * deterministic: when a handler or timer returns a promise, or a sleep resolves, it asks the
 * simulator to drain microtasks before the next event; and an error thrown or rejected by
 * protocol code fails the run with a {@link ProtocolError} naming the node and the time.
 *
 * A crash ends a node's incarnation: its timers are cancelled, its pending sleeps never
 * resolve, the network drops what reaches it, and the Clock and Transport it handed out
 * go dead (sends and timers through them do nothing). A restart starts a new incarnation with
 * fresh objects and runs the node's programs again; only its durable store carries over.
 */
import type { Simulator } from '../engine/simulator.js';
import type { Network } from '../net/network.js';
import { MemoryDurableStore } from './durable-store.js';
import { NodeClock, type ClockAdjustment } from './node-clock.js';
import type { RuntimeObserver } from './observer.js';
import { NodeGlobals } from './virtual/program.js';
import { ProtocolError } from './protocol-error.js';
import {
  NO_TIMER,
  type Clock,
  type NodeContext,
  type NodeProgram,
  type RandomSource,
  type ReceiveHandler,
  type Runtime,
  type TimerCallback,
  type TimerHandle,
  type Transport,
} from './seam.js';

export { ProtocolError } from './protocol-error.js';

/** What a frame is counted under in results, as the runtime sees it: the text results write. */
export interface CountedLabel {
  readonly text: string;
}

/** Options of a {@link SimulatedRuntime}. */
export interface SimulatedRuntimeOptions {
  /** Header bytes added to every frame on the wire. @default 0 */
  headerBytes?: number;
}

const IN_A_TIMER = 'in a timer';
const HANDLING_A_FRAME = 'handling a frame from';

/** Everything the runtime keeps about one node across incarnations. */
class NodeState {
  readonly storage = new MemoryDurableStore();
  readonly programs: NodeProgram[] = [];
  /** Counts crashes: a context is alive while the incarnation it was made for is current. */
  incarnation = 0;
  /** The current incarnation's context; set right after construction. */
  context!: NodeContext;
  receive: ReceiveHandler | undefined;
  /** The node's virtual globals, once a program marked with them runs on it; this runtime's timers and sends are plain bookkeeping. */
  readonly globals = new NodeGlobals({ synchronous: true });

  constructor(
    readonly name: string,
    readonly index: number,
    readonly clock: NodeClock,
  ) {}
}

/** Clock, Transport and life cycle for every node of a simulated network. */
export class SimulatedRuntime implements Runtime {
  readonly headerBytes: number;
  private readonly nodes = new Map<string, NodeState>();
  private observer: RuntimeObserver | undefined;
  /** What the next frame sent is counted under and belongs to (see {@link framed}). */
  nextLabel: CountedLabel | undefined;
  nextRow = -1;

  /** True (simulated) time, for what runs beside the nodes (see {@link Runtime.clock}). */
  readonly clock: Clock;

  constructor(
    readonly sim: Simulator,
    readonly network: Network,
    options: SimulatedRuntimeOptions = {},
  ) {
    this.headerBytes = options.headerBytes ?? 0;
    this.clock = new TrueClock(sim);
  }

  /**
   * Says what the next frame any of its transports sends is counted under in the journal
   * (`label`, or none) and which logical message (`row`, or -1) it belongs to. The messaging
   * layer's observer (the delivery ledger) calls it right before the messaging layer hands a
   * frame to the transport: that is how results know a frame's flow and message while only
   * bytes cross the Transport.
   */
  framed(label: CountedLabel | undefined, row: number): void {
    this.nextLabel = label;
    this.nextRow = row;
  }

  /** Installs the observer told about every timer and clock fault from now on (undefined removes it). */
  observe(observer: RuntimeObserver | undefined): void {
    this.observer = observer;
    for (const state of this.nodes.values()) state.clock.observer = observer;
  }

  /** The current context (Clock, Transport, storage, random) of a node of the network. */
  node(name: string): NodeContext {
    return this.state(name).context;
  }

  /** Runs `program` on a node now (if it is up) and again after every restart. */
  spawn(name: string, program: NodeProgram): void {
    const state = this.state(name);
    state.context = state.globals.adopt(program, state.context);
    state.programs.push(program);
    if (this.network.isNodeUp(state.index)) this.invoke(name, () => program(state.context), 'starting its program');
  }

  /** Crashes a node: see the module comment for what that ends. */
  crash(name: string): void {
    const state = this.state(name);
    if (!this.network.isNodeUp(state.index)) return;
    state.incarnation++;
    state.receive = undefined;
    state.clock.cancelAll();
    this.network.setNodeUp(state.index, false);
  }

  /** Restarts a crashed node: a new incarnation runs the node's programs from scratch. */
  restart(name: string): void {
    const state = this.state(name);
    if (this.network.isNodeUp(state.index)) return;
    state.context = state.globals.renew(this.contextFor(state));
    this.network.setNodeUp(state.index, true);
    for (const program of state.programs) this.invoke(name, () => program(state.context), 'restarting its program');
  }

  /** Whether a node is up: the network keeps that state, the runtime only changes it. */
  isUp(name: string): boolean {
    return this.network.isNodeUp(this.state(name).index);
  }

  /** Steps a node's clock and changes its rate (a clock fault). */
  adjustClock(name: string, adjustment: ClockAdjustment): void {
    this.state(name).clock.adjust(adjustment);
  }

  /**
   * Calls protocol code, keeping async work deterministic and errors attributed; `event`
   * says what it was doing (for the {@link ProtocolError} if it fails).
   */
  invoke(node: string, action: () => unknown, event = 'in a callback'): void {
    let result: unknown;
    try {
      result = this.state(node).globals.call(action);
    } catch (error) {
      throw new ProtocolError(node, this.sim.now, event, error);
    }
    if (result !== undefined) this.awaitResult(node, result, event);
  }

  /** {@link invoke} for a timer, without allocating a closure per timer. */
  invokeTimer(node: string, callback: TimerCallback<unknown>, data: unknown): void {
    let result: unknown;
    try {
      result = callback(data);
    } catch (error) {
      throw new ProtocolError(node, this.sim.now, IN_A_TIMER, error);
    }
    if (result !== undefined) this.awaitResult(node, result, IN_A_TIMER);
  }

  /** {@link invoke} for a receive handler, without allocating a closure per message. */
  invokeReceive(node: string, handler: ReceiveHandler, frame: Uint8Array, from: string): void {
    let result: unknown;
    try {
      result = handler(frame, from);
    } catch (error) {
      throw new ProtocolError(node, this.sim.now, `${HANDLING_A_FRAME} ${from}`, error);
    }
    if (result !== undefined) this.awaitResult(node, result, HANDLING_A_FRAME, from);
  }

  /**
   * Protocol code returned something: if it is a promise, let it settle before the next
   * event. `event` (followed by `subject`, if given) is what the code was doing.
   */
  private awaitResult(node: string, result: unknown, event: string, subject?: string): void {
    if ((typeof result === 'object' || typeof result === 'function') && result !== null) {
      const then = (result as { then?: unknown }).then;
      if (typeof then !== 'function') return;
      this.sim.requestMicrotaskDrain();
      const started = this.sim.now;
      (result as PromiseLike<unknown>).then(undefined, (error: unknown) =>
        this.sim.fail(new ProtocolError(node, this.sim.now, `in async code started at t=${started}s ${event}${subject === undefined ? '' : ` ${subject}`}`, error)),
      );
    }
  }

  private state(name: string): NodeState {
    let state = this.nodes.get(name);
    if (state === undefined) {
      const index = this.network.nodeIndex(name);
      const clock = new NodeClock(this.sim, index, (callback, data) => this.invokeTimer(name, callback, data));
      clock.observer = this.observer;
      state = new NodeState(name, index, clock);
      state.context = this.contextFor(state);
      const names = this.network.nodeNames;
      const current = state;
      this.network.onDeliver(index, (payload, src) => {
        if (current.receive !== undefined) this.invokeReceive(name, current.receive, payload as Uint8Array, names[src]!);
      });
      this.nodes.set(name, state);
    }
    return state;
  }

  /** A fresh context bound to the node's current incarnation. */
  private contextFor(state: NodeState): NodeContext {
    const incarnation = state.incarnation;
    // A crash moves the incarnation on, so this is false from the crash on, for good.
    const alive = (): boolean => state.incarnation === incarnation;
    const random = this.sim.random;
    const network = this.network;
    let neighbours: readonly string[] | undefined;
    return {
      name: state.name,
      peers: network.nodeNames,
      get neighbours(): readonly string[] {
        neighbours ??= network.neighbours(state.index).map((node) => network.nodeNames[node]!);
        return neighbours;
      },
      clock: new SimulatedClock(this.sim, state.clock, alive),
      transport: new SimulatedTransport(this, state, alive),
      storage: state.storage,
      random: (name: string): RandomSource => random.stream(`node/${state.name}/${name}`),
    };
  }
}

/**
 * The simulator's own time as a Clock: no skew, no crash. Its callbacks are msgsim's own code
 * (clients), which calls node code through {@link SimulatedRuntime.invoke}; a promise one
 * returns still settles before the next event.
 */
class TrueClock implements Clock {
  constructor(private readonly sim: Simulator) {}

  now(): number {
    return this.sim.now;
  }

  setTimer<D>(delaySeconds: number, callback: TimerCallback<D>, data?: D): TimerHandle {
    const sim = this.sim;
    return sim.schedule(delaySeconds, () => {
      const result = callback(data as D) as { then?: unknown } | undefined;
      if (typeof result?.then === 'function') sim.requestMicrotaskDrain();
    });
  }

  cancelTimer(handle: TimerHandle): boolean {
    return this.sim.cancel(handle);
  }

  sleep(delaySeconds: number): Promise<void> {
    const sim = this.sim;
    return new Promise((resolve) =>
      sim.schedule(delaySeconds, () => {
        resolve();
        sim.requestMicrotaskDrain();
      }),
    );
  }
}

/** A node's Clock for one incarnation. */
class SimulatedClock implements Clock {
  constructor(
    private readonly sim: Simulator,
    private readonly clock: NodeClock,
    private readonly alive: () => boolean,
  ) {}

  now(): number {
    return this.clock.now();
  }

  setTimer<D>(delaySeconds: number, callback: TimerCallback<D>, data?: D): TimerHandle {
    if (!this.alive()) return NO_TIMER;
    return this.clock.setTimer(delaySeconds, callback, data);
  }

  cancelTimer(handle: TimerHandle): boolean {
    return this.alive() && this.clock.cancelTimer(handle);
  }

  sleep(delaySeconds: number): Promise<void> {
    if (!this.alive()) return new Promise(() => {});
    const sim = this.sim;
    return new Promise((resolve, reject) => {
      try {
        this.clock.setTimer(delaySeconds, () => {
          resolve();
          sim.requestMicrotaskDrain();
        });
      } catch (error) {
        reject(error as Error);
      }
    });
  }
}

/** A node's Transport for one incarnation. */
class SimulatedTransport implements Transport {
  readonly headerBytes: number;
  readonly address: string;
  private lastLabel: CountedLabel | undefined;
  private lastFlowIndex = -1;
  private lastPeer: string | undefined;
  private lastPeerIndex = -1;

  constructor(
    private readonly runtime: SimulatedRuntime,
    private readonly state: NodeState,
    private readonly alive: () => boolean,
  ) {
    this.headerBytes = runtime.headerBytes;
    this.address = state.name;
  }

  send(to: string, frame: Uint8Array, paddingBytes = 0): void {
    const runtime = this.runtime;
    const label = runtime.nextLabel;
    const row = runtime.nextRow;
    runtime.nextLabel = undefined;
    runtime.nextRow = -1;
    if (!this.alive()) return;
    const network = this.runtime.network;
    const wireBytes = frame.length + this.headerBytes + paddingBytes;
    // One-entry caches: a node usually sends many messages of one flow to one peer.
    if (label !== this.lastLabel) {
      this.lastLabel = label;
      this.lastFlowIndex = label === undefined ? -1 : network.journal.flowIndex(label.text);
    }
    if (to !== this.lastPeer) {
      this.lastPeerIndex = network.nodeIndex(to);
      this.lastPeer = to;
    }
    network.send(this.state.index, this.lastPeerIndex, wireBytes, frame, this.lastFlowIndex, row);
  }

  onReceive(handler: ReceiveHandler): void {
    if (this.alive()) this.state.receive = handler;
  }
}
