/**
 * The real runtime: the seam (Clock, Transport, durable store, random streams) on the
 * monotonic clock and real sockets, so protocol code written for the simulator runs
 * unchanged between processes and machines. It runs the nodes of this process (all of a
 * scenario's, or some, with the others elsewhere), keeps a message journal of the frames
 * they send and receive (joined by the wire header's sender and frame number), and stops at
 * a time, when told to, when protocol code fails, or when nothing is left to do.
 *
 * Life cycle as in the simulated runtime: a crash ends a node's incarnation (its timers are
 * cancelled, its Clock and Transport go dead, what reaches it is dropped as
 * `receiver_down`) while its sockets stay open; a restart runs its programs again with only
 * the durable store kept. Time is true time for every node: clocks cannot be skewed here.
 *
 * At the end the nodes go dead and the runtime waits a drain window for frames still on
 * their way: those arriving in it count as in flight at the end (as the simulator counts
 * them), those never arriving as lost. Frames to nodes of other processes are known only
 * to have been sent: they stay in flight; frames from them are journalled on arrival alone
 * (no flow, no send time). Over UDP a frame's send time is when the kernel took it, just
 * after the turn that sent it (udp-link.ts), as a simulated frame's is when it enters its
 * link; over TCP it is when the node sent it (the connection's queue is the link's).
 */
import { MessageJournal } from '../../net/journal.js';
import { Fate } from '../../net/fates.js';
import { RandomStreams } from '../../engine/random.js';
import { MemoryDurableStore } from '../durable-store.js';
import { NodeGlobals } from '../virtual/program.js';
import { ProtocolError } from '../protocol-error.js';
import { NO_TIMER, type Clock, type NodeContext, type NodeProgram, type RandomSource, type ReceiveHandler, type Runtime, type TimerCallback, type TimerHandle, type Transport } from '../seam.js';
import type { SocketLink, SocketLinkOptions } from './link.js';
import { RealTimers } from './real-timers.js';
import { LOCAL_SOCKETS, type HostAddress, type SocketFactory } from './sockets.js';
import { decodeHeader, encodeDatagram, frameOf, WIRE_HEADER_BYTES } from './wire.js';

/** Opens one node's sockets: the UDP or the TCP link. */
export type LinkOpener = (options: SocketLinkOptions) => Promise<SocketLink>;

/** Options of {@link RealRuntime.open}. */
export interface RealRuntimeOptions {
  /** Every node of the deployment, in a fixed order (the wire header names senders by index). */
  readonly nodes: readonly string[];
  /** The nodes that run in this process. @default all of `nodes` */
  readonly local?: readonly string[];
  /** Where each node listens; a local node at port 0 gets a free port. */
  readonly hosts: ReadonlyMap<string, HostAddress>;
  /** Opens a node's sockets (the transport: UDP or TCP). */
  readonly openLink: LinkOpener;
  /** Where sockets come from. @default sockets of this process */
  readonly sockets?: SocketFactory;
  /**
   * Bytes every frame counts on the wire besides its own, for results (a scenario's
   * `header`); the real header, {@link WIRE_HEADER_BYTES}, is sent whatever this says. @default 0
   */
  readonly headerBytes?: number;
  /** Root seed of the nodes' random streams. @default 0 */
  readonly seed?: number;
  /** Each node's neighbours (the nodes it has a link to). @default every other node */
  readonly neighbours?: ReadonlyMap<string, readonly string[]>;
  /** Told of transport trouble that does not stop the run (refused sends, lost connections). */
  readonly onTrouble?: (node: string, message: string) => void;
}

/** Bounds of {@link RealRuntime.run}. */
export interface RealRunLimits {
  /** Stop this many seconds after time 0. @default no limit */
  readonly untilSeconds?: number;
  /**
   * Stop once nothing is left: no timer pending, no frame between local nodes on its way,
   * no frame arrived for this long (seconds). @default 0.25
   */
  readonly quietSeconds?: number;
  /**
   * Whether a quiet run ends (see quietSeconds). A process that runs only some nodes of a
   * deployment cannot know that the others are quiet: it waits for its time. @default true
   */
  readonly stopWhenIdle?: boolean;
  /** After the end, how long to wait for frames still on their way, in seconds. @default 0.25 */
  readonly drainSeconds?: number;
  /** Stops the run when aborted (e.g. on Ctrl-C): it ends as if stopped. */
  readonly signal?: AbortSignal;
}

/** How a real run ended. */
export interface RealRunResult {
  readonly reason: 'idle' | 'until' | 'stopped';
  /** Seconds since time 0 when it ended (before the drain window). */
  readonly now: number;
  /** Timers fired and frames received. */
  readonly events: number;
}

/** How often a run without work left checks whether it is quiet, in milliseconds. */
const QUIET_CHECK_MS = 10;

class NodeState {
  readonly storage = new MemoryDurableStore();
  readonly programs: NodeProgram[] = [];
  incarnation = 0;
  up = true;
  context!: NodeContext;
  receive: ReceiveHandler | undefined;
  link!: SocketLink;
  /** Frames this node sent, by frame number: their journal ids. */
  readonly sent: number[] = [];
  /** The timers of the current incarnation. */
  readonly timers = new Set<number>();
  /** The node's virtual globals, once a program marked with them runs on it (on the real clock). */
  readonly globals = new NodeGlobals();

  constructor(
    readonly name: string,
    readonly index: number,
  ) {}
}

/** Protocol code on the monotonic clock and real sockets. */
export class RealRuntime implements Runtime {
  readonly headerBytes: number;
  /** The frames local nodes sent, and when each arrived. */
  readonly journal = new MessageJournal();
  /** True time since time 0; every node's clock reads it too. */
  readonly clock: Clock;
  readonly timers: RealTimers;
  private readonly states = new Map<string, NodeState>();
  private readonly nodeIndex = new Map<string, number>();
  private readonly random: RandomStreams;
  private nextLabelFlow = -1;
  private nextRow = -1;
  private failure: ProtocolError | undefined;
  private finishing: (() => void) | undefined;
  private stopRequested = false;
  private ended = false;
  private draining = false;
  /** Frames sent to local nodes and not arrived. */
  private onTheirWay = 0;
  private lastArrival = 0;
  private events = 0;
  /** Datagrams that were not msgsim's, or named no known frame. */
  strayDatagrams = 0;
  /** Second arrivals of a frame (a network may duplicate datagrams). */
  duplicateDatagrams = 0;

  private constructor(
    readonly nodes: readonly string[],
    private readonly options: RealRuntimeOptions,
  ) {
    this.headerBytes = options.headerBytes ?? 0;
    this.random = new RandomStreams(options.seed ?? 0);
    this.timers = new RealTimers();
    this.clock = new TrueClock(this);
    nodes.forEach((node, index) => this.nodeIndex.set(node, index));
  }

  /** Opens the sockets of the local nodes and returns the runtime, its time 0 being now. */
  static async open(options: RealRuntimeOptions): Promise<RealRuntime> {
    const runtime = new RealRuntime(options.nodes, options);
    const peers = new Map(options.hosts);
    const local = options.local ?? options.nodes;
    const opened: SocketLink[] = [];
    try {
      for (const name of local) {
        const index = runtime.nodeIndex.get(name);
        const address = peers.get(name);
        if (index === undefined || address === undefined) throw new Error(`node "${name}" is not in the deployment`);
        const state = new NodeState(name, index);
        state.link = await options.openLink({
          node: name,
          address,
          peers,
          sockets: options.sockets ?? LOCAL_SOCKETS,
          onDatagram: (datagram) => runtime.arrive(state, datagram),
          ...(options.onTrouble === undefined ? {} : { onTrouble: (message: string) => options.onTrouble!(name, message) }),
        });
        opened.push(state.link);
        peers.set(name, state.link.address);
        state.context = runtime.contextFor(state);
        runtime.states.set(name, state);
      }
    } catch (error) {
      await Promise.all(opened.map((link) => link.close()));
      throw error;
    }
    return runtime;
  }

  /** Where each local node listens (actual ports). */
  addresses(): Map<string, HostAddress> {
    return new Map([...this.states].map(([name, state]) => [name, state.link.address]));
  }

  /** The current context of a local node. */
  node(name: string): NodeContext {
    return this.state(name).context;
  }

  /** Runs `program` on a node of this process now, and after every restart; a node that runs elsewhere runs its own. */
  spawn(node: string, program: NodeProgram): void {
    const state = this.states.get(node);
    if (state === undefined) {
      if (!this.nodeIndex.has(node)) throw new Error(`node "${node}" is not in the deployment`);
      return;
    }
    state.context = state.globals.adopt(program, state.context);
    state.programs.push(program);
    if (state.up) this.invoke(node, () => program(state.context), 'starting its program');
  }

  /** Whether a node is up; a node of another process counts as up. */
  isUp(node: string): boolean {
    return this.states.get(node)?.up ?? true;
  }

  /** A named random stream of the run, derived from its root seed (e.g. for clients beside the nodes). */
  randomStream(name: string): RandomSource {
    return this.random.stream(name);
  }

  /** Crashes a local node (see the module comment). */
  crash(node: string): void {
    const state = this.state(node);
    if (!state.up) return;
    state.up = false;
    state.incarnation++;
    state.receive = undefined;
    for (const handle of state.timers) this.timers.cancel(handle);
    state.timers.clear();
  }

  /** Restarts a crashed local node: its programs run again from scratch. */
  restart(node: string): void {
    const state = this.state(node);
    if (state.up || this.ended) return;
    state.up = true;
    state.context = state.globals.renew(this.contextFor(state));
    for (const program of state.programs) this.invoke(node, () => program(state.context), 'restarting its program');
  }

  /**
   * Says what the next frame sent is counted under (a flow's label text, or none) and which
   * logical message (`row`, or -1) it belongs to; see SimulatedRuntime.framed.
   */
  framed(label: { readonly text: string } | undefined, row: number): void {
    this.nextLabelFlow = label === undefined ? -1 : this.journal.flowIndex(label.text);
    this.nextRow = row;
  }

  invoke(node: string, action: () => unknown, event = 'in a callback'): void {
    if (this.ended) return;
    let result: unknown;
    try {
      const state = this.states.get(node);
      result = state === undefined ? action() : state.globals.call(action);
    } catch (error) {
      this.fail(new ProtocolError(node, this.timers.now(), event, error));
      return;
    }
    this.watch(node, result, event);
  }

  /** Records the first failure of protocol code and ends the run with it. */
  fail(error: ProtocolError): void {
    this.failure ??= error;
    this.stop();
  }

  /** Ends the run now (e.g. a workload's clients are done). */
  stop(): void {
    this.stopRequested = true;
    this.finishing?.();
  }

  /**
   * Runs until a limit is reached, then drains; resolves to how it ended, or rejects with the
   * {@link ProtocolError} of protocol code that failed. Sockets stay open: {@link close} them.
   */
  run(limits: RealRunLimits = {}): Promise<RealRunResult> {
    const quietSeconds = limits.quietSeconds ?? 0.25;
    return new Promise<RealRunResult>((resolve, reject) => {
      let reason: RealRunResult['reason'] | undefined;
      const until = limits.untilSeconds;
      const untilTimer = until === undefined ? undefined : setTimeout(() => end('until'), Math.max(0, until - this.timers.now()) * 1000);
      const stopWhenIdle = limits.stopWhenIdle ?? true;
      const quiet = setInterval(() => {
        if (stopWhenIdle && this.timers.size === 0 && (this.onTheirWay === 0 || this.timers.now() - this.lastArrival >= quietSeconds)) end('idle');
      }, QUIET_CHECK_MS);
      const onAbort = (): void => this.stop();
      limits.signal?.addEventListener('abort', onAbort);
      const end = (why: RealRunResult['reason']): void => {
        if (reason !== undefined) return;
        reason = why;
        this.finishing = undefined;
        if (untilTimer !== undefined) clearTimeout(untilTimer);
        clearInterval(quiet);
        limits.signal?.removeEventListener('abort', onAbort);
        const now = until !== undefined && why === 'until' ? until : this.timers.now();
        this.endNodes();
        setTimeout(() => {
          this.settleJournal();
          if (this.failure !== undefined) reject(this.failure);
          else resolve({ reason: why, now, events: this.events });
        }, (limits.drainSeconds ?? 0.25) * 1000);
      };
      this.finishing = () => end('stopped');
      if (this.stopRequested || limits.signal?.aborted === true) end('stopped');
    });
  }

  /** Closes every local node's sockets and cancels what is left. */
  async close(): Promise<void> {
    this.endNodes();
    await Promise.all([...this.states.values()].map((state) => state.link.close()));
  }

  private state(name: string): NodeState {
    const state = this.states.get(name);
    if (state === undefined) throw new Error(`node "${name}" does not run in this process`);
    return state;
  }

  /** The run is over: no protocol code runs again, arrivals only count as in flight. */
  private endNodes(): void {
    if (this.ended) return;
    this.ended = true;
    this.draining = true;
    this.timers.stop();
    for (const state of this.states.values()) {
      state.incarnation++;
      state.receive = undefined;
      state.timers.clear();
    }
  }

  /** After the drain window: frames between local nodes that never arrived were lost. */
  private settleJournal(): void {
    this.draining = false;
    const journal = this.journal;
    for (let id = 0; id < journal.length; id++) {
      if (journal.fate[id] !== Fate.InFlight || !(journal.receivedAt[id]! < 0)) continue;
      journal.markFate(id, Fate.Lost);
      journal.receivedAt[id] = NaN;
    }
  }

  /** A promise protocol code returned: its rejection fails the run. */
  private watch(node: string, result: unknown, event: string): void {
    if ((typeof result !== 'object' && typeof result !== 'function') || result === null) return;
    if (typeof (result as { then?: unknown }).then !== 'function') return;
    const started = this.timers.now();
    (result as PromiseLike<unknown>).then(undefined, (error: unknown) =>
      this.fail(new ProtocolError(node, this.timers.now(), `in async code started at t=${started}s ${event}`, error)),
    );
  }

  /** Sends a frame of local node `from` (its Transport's send, once the incarnation is checked). */
  sendFrom(from: string, to: string, frame: Uint8Array, paddingBytes: number): void {
    const state = this.state(from);
    const flow = this.nextLabelFlow;
    const row = this.nextRow;
    this.nextLabelFlow = -1;
    this.nextRow = -1;
    const dst = this.nodeIndex.get(to);
    if (dst === undefined) throw new Error(`node "${to}" is not in the deployment`);
    const frameNumber = state.sent.length;
    const id = this.journal.record(flow, state.index, dst, frame.length + this.headerBytes + paddingBytes, this.timers.now(), row);
    state.sent.push(id);
    const local = this.states.has(to);
    if (local) this.onTheirWay++;
    // Pending arrival: receivedAt < 0 marks a frame a local node is waiting for (NaN: not known).
    this.journal.receivedAt[id] = local ? -1 : NaN;
    const datagram = encodeDatagram(state.index, frameNumber, frame, paddingBytes);
    // A frame is sent when the network gets it, as a simulated one is when it enters its link.
    const handedOver = (): void => void (this.journal.sentAt[id] = this.timers.now());
    if (!state.link.send(to, datagram, handedOver)) {
      this.journal.markFate(id, Fate.Lost);
      this.journal.receivedAt[id] = NaN;
      if (local) this.onTheirWay--;
    }
  }

  private arrive(state: NodeState, datagram: Uint8Array): void {
    const now = this.timers.now();
    const header = decodeHeader(datagram);
    const sender = header === undefined ? undefined : this.nodes[header.sender];
    if (header === undefined || sender === undefined) {
      this.strayDatagrams++;
      return;
    }
    const senderState = this.states.get(sender);
    const id = senderState === undefined ? -1 : (senderState.sent[header.frameNumber] ?? -1);
    const journal = this.journal;
    if (id >= 0) {
      if (!(journal.receivedAt[id]! < 0) || journal.fate[id] !== Fate.InFlight) {
        this.duplicateDatagrams++;
        return;
      }
      this.onTheirWay--;
      this.lastArrival = now;
      if (this.draining) {
        journal.receivedAt[id] = NaN;
        return;
      }
      if (!state.up) {
        journal.receivedAt[id] = NaN;
        journal.markFate(id, Fate.ReceiverDown);
        return;
      }
      journal.markDelivered(id, now);
    } else if (senderState !== undefined) {
      this.strayDatagrams++;
      return;
    } else {
      // From a node of another process: its send is in that process's journal, so this
      // one records the arrival alone (no flow, no send time).
      const arrived = journal.record(-1, header.sender, state.index, datagram.length - WIRE_HEADER_BYTES + this.headerBytes, NaN);
      if (state.up && !this.draining) journal.markDelivered(arrived, now);
      else journal.markFate(arrived, this.draining ? Fate.InFlight : Fate.ReceiverDown);
      if (!state.up || this.draining) return;
    }
    const receive = state.receive;
    if (receive === undefined || this.ended) return;
    this.events++;
    const frame = frameOf(datagram, header);
    let result: unknown;
    try {
      result = receive(frame, sender);
    } catch (error) {
      this.fail(new ProtocolError(state.name, now, `handling a frame from ${sender}`, error));
      return;
    }
    this.watch(state.name, result, `handling a frame from ${sender}`);
  }

  /** Runs a timer's callback as code of `node`. */
  fire(node: string, callback: TimerCallback<unknown>, data: unknown): void {
    if (this.ended) return;
    this.events++;
    let result: unknown;
    try {
      result = callback(data);
    } catch (error) {
      this.fail(new ProtocolError(node, this.timers.now(), 'in a timer', error));
      return;
    }
    this.watch(node, result, 'in a timer');
  }

  private contextFor(state: NodeState): NodeContext {
    const incarnation = state.incarnation;
    const alive = (): boolean => state.incarnation === incarnation;
    const neighbours = this.options.neighbours?.get(state.name) ?? this.nodes.filter((node) => node !== state.name);
    const random = this.random;
    return {
      name: state.name,
      peers: this.nodes,
      neighbours,
      clock: new NodeRealClock(this, state, alive),
      transport: new RealTransport(this, state, alive),
      storage: state.storage,
      random: (name: string): RandomSource => random.stream(`node/${state.name}/${name}`),
    };
  }
}

/** Time since time 0 for what runs beside the nodes; its callbacks are msgsim's own (clients). */
class TrueClock implements Clock {
  constructor(private readonly runtime: RealRuntime) {}

  now(): number {
    return this.runtime.timers.now();
  }

  setTimer<D>(delaySeconds: number, callback: TimerCallback<D>, data?: D): TimerHandle {
    return this.runtime.timers.set(delaySeconds, () => this.runtime.fire('(runtime)', callback as TimerCallback<unknown>, data));
  }

  cancelTimer(handle: TimerHandle): boolean {
    return this.runtime.timers.cancel(handle);
  }

  sleep(delaySeconds: number): Promise<void> {
    return new Promise((resolve) => this.runtime.timers.set(delaySeconds, resolve));
  }
}

/** A node's Clock for one incarnation: true time, timers that die with the incarnation. */
class NodeRealClock implements Clock {
  constructor(
    private readonly runtime: RealRuntime,
    private readonly state: NodeState,
    private readonly alive: () => boolean,
  ) {}

  now(): number {
    return this.runtime.timers.now();
  }

  setTimer<D>(delaySeconds: number, callback: TimerCallback<D>, data?: D): TimerHandle {
    if (!this.alive()) return NO_TIMER;
    const state = this.state;
    const handle = this.runtime.timers.set(delaySeconds, () => {
      state.timers.delete(handle);
      this.runtime.fire(state.name, callback as TimerCallback<unknown>, data);
    });
    state.timers.add(handle);
    return handle;
  }

  cancelTimer(handle: TimerHandle): boolean {
    if (!this.alive() || !this.state.timers.delete(handle)) return false;
    return this.runtime.timers.cancel(handle);
  }

  sleep(delaySeconds: number): Promise<void> {
    if (!this.alive()) return new Promise(() => {});
    return new Promise((resolve) => this.setTimer(delaySeconds, resolve));
  }
}

/** A node's Transport for one incarnation. */
class RealTransport implements Transport {
  readonly address: string;
  readonly headerBytes: number;

  constructor(
    private readonly runtime: RealRuntime,
    private readonly state: NodeState,
    private readonly alive: () => boolean,
  ) {
    this.address = state.name;
    this.headerBytes = runtime.headerBytes;
  }

  send(to: string, frame: Uint8Array, paddingBytes = 0): void {
    if (!this.alive()) {
      this.runtime.framed(undefined, -1);
      return;
    }
    this.runtime.sendFrom(this.state.name, to, frame, paddingBytes);
  }

  onReceive(handler: ReceiveHandler): void {
    if (this.alive()) this.state.receive = handler;
  }
}

