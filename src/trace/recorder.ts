/**
 * The trace recorder: listens to the network, the runtime and the application as a run
 * goes, turns what they report into {@link TraceEvent}s with names, and hands each event in
 * time order to the hash chain, the invariants and whoever else listens (a list in memory,
 * a JSON Lines file). When an invariant fails it records the violation, cuts the trace
 * there and asks the run to stop.
 *
 * A frame's `transmit` is known when the frame is queued but happens later; such events wait
 * here until the run's clock reaches them, so listeners see the trace in time order.
 */
import { ItemHeap } from '../engine/heap.js';
import type { Network } from '../net/network.js';
import { FATE_NAMES, type FateCode } from '../net/fates.js';
import type { NetworkObserver } from '../net/observer.js';
import type { RuntimeObserver } from '../runtime/observer.js';
import type { AppMessage, AppObserver } from '../workload/protocol.js';
import { TRACE_EVENT_TYPES, type DropCause, type TraceEvent, type TransmitEvent } from './events.js';
import { EventHashChain } from './hash.js';
import { asViolation, type Invariant, type InvariantChecker, type Violation } from './invariants.js';


/** What to do with a run's events. */
export interface TraceOptions {
  /**
   * Keep every event in {@link TraceRecorder.events}; a number keeps them only while the trace
   * has at most that many events (past it, none are kept). @default true
   */
  keep?: boolean | number;
  /** Called with every event, in order (e.g. to write a file). */
  listener?: (event: TraceEvent) => void;
  /** Invariants checked after every event. @default none */
  invariants?: readonly Invariant[];
  /** Called once when an invariant fails (e.g. to stop the run). */
  onViolation?: (violation: Violation & { invariant: string }) => void;
  /** Leave out timer events (they are the bulk of many traces). @default false */
  omitTimers?: boolean;
}

/** The first violation of a run. */
export interface FoundViolation extends Violation {
  readonly invariant: string;
  /** Virtual time of the event that broke the invariant, in seconds. */
  readonly t: number;
}

/** What a run's trace came to. */
export interface TraceOutcome {
  /** The events, if they were kept (else empty; see {@link TraceOptions.keep}). */
  readonly events: readonly TraceEvent[];
  /** Events in the trace (kept or not), the violation included. */
  readonly count: number;
  /** Events in the trace by type. */
  readonly counts: Readonly<Record<TraceEvent['type'], number>>;
  /** Final value of the hash chain. */
  readonly hash: string;
  /** Values of the hash chain every CHECKPOINT_EVERY events. */
  readonly checkpoints: readonly string[];
  /** The first invariant violation; the trace ends there. */
  readonly violation?: FoundViolation;
}

/**
 * What the recorder reads of the network it listens to: the journal and names of frames,
 * nodes, links and link directions. A real run has no simulated links: it gives a journal
 * and names only, and its trace holds the application's and the nodes' events.
 */
export type TracedNetwork = Pick<Network, 'journal' | 'nodeNames' | 'transmitters' | 'links'>;

/** Observer of a whole run that builds its trace. */
export class TraceRecorder implements NetworkObserver, RuntimeObserver, AppObserver {
  /** The events so far, if kept. */
  readonly events: TraceEvent[] = [];
  /** The hash chain of every event so far. */
  readonly chain = new EventHashChain();
  /** The first violation, once an invariant failed. */
  violation: FoundViolation | undefined;
  /** Events so far by type. */
  readonly counts = Object.fromEntries(TRACE_EVENT_TYPES.map((type) => [type, 0])) as Record<TraceEvent['type'], number>;

  /** Keep events while the trace has at most this many (Infinity: all, 0: none). */
  private keepUpTo: number;
  private readonly listener: ((event: TraceEvent) => void) | undefined;
  private readonly checkers: { name: string; checker: InvariantChecker }[];
  private readonly omitTimers: boolean;
  private readonly deferred = new ItemHeap<TransmitEvent>();

  constructor(
    private readonly network: TracedNetwork,
    private readonly clock: () => number,
    private readonly options: TraceOptions = {},
  ) {
    const keep = options.keep ?? true;
    this.keepUpTo = keep === true ? Infinity : keep === false ? 0 : keep;
    this.listener = options.listener;
    this.omitTimers = options.omitTimers ?? false;
    this.checkers = (options.invariants ?? []).map((inv) => ({ name: inv.name, checker: inv.start() }));
  }

  /** The trace as it stands (call after {@link finish}). */
  outcome(): TraceOutcome {
    return {
      events: this.events,
      count: this.chain.count,
      counts: { ...this.counts },
      hash: this.chain.hex(),
      checkpoints: this.chain.checkpoints,
      ...(this.violation === undefined ? {} : { violation: this.violation }),
    };
  }

  /** Whether the trace was cut by a violation. */
  get cut(): boolean {
    return this.violation !== undefined;
  }

  /**
   * Ends the trace at time `end`: emits the transmissions that began by then and runs the
   * invariants' end checks (unless the trace was cut).
   */
  finish(end: number): void {
    this.flushDeferred(end);
    if (this.cut) return;
    for (const { name, checker } of this.checkers) {
      const found = asViolation(checker.end?.());
      if (found !== undefined) {
        this.fail(name, found, end);
        return;
      }
    }
  }

  // ---- the network ---------------------------------------------------------------------

  sent(id: number): void {
    const journal = this.network.journal;
    const names = this.network.nodeNames;
    const flow = journal.flow[id]!;
    const copyOf = journal.copyOf[id]!;
    this.emit({
      t: this.clock(),
      type: 'send',
      frame: id,
      from: names[journal.src[id]!]!,
      to: names[journal.dst[id]!]!,
      bytes: journal.bytes[id]!,
      ...(flow >= 0 ? { flow: journal.flowNames[flow]! } : {}),
      ...(copyOf >= 0 ? { copyOf } : {}),
    });
  }

  enqueued(id: number, transmitter: number, start: number, finish: number): void {
    const t = this.network.transmitters[transmitter]!;
    const names = this.network.nodeNames;
    const from = names[t.from]!;
    const to = names[t.to]!;
    const link = t.link.name;
    this.emit({ t: this.clock(), type: 'enqueue', frame: id, link, from, to });
    const transmit: TransmitEvent = { t: start, type: 'transmit', frame: id, link, from, to, end: finish };
    if (start <= this.clock()) this.emit(transmit);
    else this.defer(transmit);
  }

  arrived(id: number, node: number): void {
    this.emit({ t: this.clock(), type: 'arrive', frame: id, node: this.network.nodeNames[node]! });
  }

  delivered(id: number, node: number): void {
    const names = this.network.nodeNames;
    this.emit({ t: this.clock(), type: 'deliver', frame: id, node: names[node]!, from: names[this.network.journal.src[id]!]! });
  }

  dropped(id: number, fate: FateCode, node: number, transmitter: number): void {
    const link = transmitter >= 0 ? this.network.transmitters[transmitter]!.link.name : undefined;
    const cause = FATE_NAMES[fate] as DropCause;
    this.emit({ t: this.clock(), type: 'drop', frame: id, cause, node: this.network.nodeNames[node]!, ...(link === undefined ? {} : { link }) });
  }

  nodeChanged(node: number, up: boolean): void {
    this.emit({ t: this.clock(), type: 'fault', fault: up ? 'restart' : 'crash', node: this.network.nodeNames[node]! });
  }

  linkChanged(link: number, up: boolean): void {
    this.emit({ t: this.clock(), type: 'fault', fault: up ? 'link-up' : 'link-down', link: this.network.links[link]!.name });
  }

  heldChanged(link: number, held: boolean): void {
    this.emit({ t: this.clock(), type: 'fault', fault: held ? 'hold' : 'release', link: this.network.links[link]!.name });
  }

  partitioned(partition: { groups: readonly (readonly number[])[]; oneWay?: boolean } | undefined): void {
    const names = this.network.nodeNames;
    if (partition === undefined) {
      this.emit({ t: this.clock(), type: 'fault', fault: 'heal' });
      return;
    }
    this.emit({
      t: this.clock(),
      type: 'fault',
      fault: 'partition',
      groups: partition.groups.map((group) => group.map((node) => names[node]!)),
      oneWay: partition.oneWay === true,
    });
  }

  degraded(link: number): void {
    this.emit({ t: this.clock(), type: 'fault', fault: 'degrade', link: this.network.links[link]!.name });
  }

  // ---- the runtime ---------------------------------------------------------------------

  timerSet(node: number, timer: number, due: number): void {
    if (!this.omitTimers) this.emit({ t: this.clock(), type: 'timer', node: this.network.nodeNames[node]!, action: 'set', timer, due });
  }

  timerFired(node: number, timer: number): void {
    if (!this.omitTimers) this.emit({ t: this.clock(), type: 'timer', node: this.network.nodeNames[node]!, action: 'fire', timer });
  }

  timerCancelled(node: number, timer: number): void {
    if (!this.omitTimers) this.emit({ t: this.clock(), type: 'timer', node: this.network.nodeNames[node]!, action: 'cancel', timer });
  }

  clockAdjusted(node: number): void {
    this.emit({ t: this.clock(), type: 'fault', fault: 'clock', node: this.network.nodeNames[node]! });
  }

  // ---- the application -----------------------------------------------------------------

  appSent(message: AppMessage): void {
    this.emit({
      t: this.clock(),
      type: 'app_send',
      node: message.from,
      to: message.to,
      msg: message.id,
      seq: message.seq,
      ...(message.kind === 'request' ? { request: true } : {}),
    });
  }

  appDelivered(node: string, message: AppMessage): void {
    this.emit({ t: this.clock(), type: 'app_deliver', node, from: message.from, msg: message.id, seq: message.seq });
  }

  appReplied(node: string, reply: AppMessage): void {
    this.emit({ t: this.clock(), type: 'app_reply', node, from: reply.from, msg: reply.id });
  }

  // ---- emitting ------------------------------------------------------------------------

  private emit(event: TraceEvent): void {
    if (this.cut) return;
    if (this.deferred.size > 0) this.flushDeferred(event.t);
    this.record(event);
  }

  private record(event: TraceEvent): void {
    if (this.cut) return;
    this.chain.add(event);
    this.counts[event.type]++;
    if (this.chain.count <= this.keepUpTo) this.events.push(event);
    else if (this.events.length > 0) this.events.length = 0;
    this.listener?.(event);
    for (const { name, checker } of this.checkers) {
      const found = asViolation(checker.event?.(event));
      if (found !== undefined) {
        this.fail(name, found, event.t);
        return;
      }
    }
  }

  private fail(name: string, found: Violation, t: number): void {
    const violation: FoundViolation = { invariant: name, t, ...found };
    this.record({ t, type: 'violation', invariant: name, message: found.message });
    this.violation = violation;
    this.options.onViolation?.(violation);
  }

  /** Keeps a transmission that starts later, in a min-heap by start time. */
  private defer(event: TransmitEvent): void {
    this.deferred.push(event.t, event);
  }

  /** Emits the deferred transmissions that start at or before `t`, earliest first. */
  private flushDeferred(t: number): void {
    const heap = this.deferred;
    while (heap.size > 0 && heap.topKey() <= t) this.record(heap.pop());
  }
}
