/**
 * The simulated network: named nodes, links between them, routing, faults, and the path of
 * each message from send to fate.
 *
 * A send records the message in the journal and forwards it: the router names the
 * transmitter towards the destination, the transmitter admits the message (or refuses it),
 * and one event at the computed arrival time ends the hop, where the transmitter decides its
 * fate (`Transmitter.endHop`): destroyed by a fault, lost, corrupted, or arrived; arrived,
 * it is delivered or forwarded again: store and forward, each hop serialising the whole
 * message. Routes are looked up hop by hop, so a fault that changes routes also redirects
 * messages already on their way.
 *
 * Faults: a link can go down, a partition can cut the links between groups of nodes, a node
 * can crash. Each moves the state of the link directions it touches (link-state.ts: what
 * each state does to frames); routing uses a direction only while it is up. A node is up or
 * down; its directions take `sender_down` and `receiver_down` from it. Every frame that
 * does not arrive ends in {@link drop} with its fate from the table in fates.ts.
 */
import type { Simulator } from '../engine/simulator.js';
import { Fate, type FateCode } from './fates.js';
import { HopJournal } from './hop-journal.js';
import { MessageJournal, MAX_MESSAGE_BYTES } from './journal.js';
import { Condition, type ConditionBit } from './link-state.js';
import { Transmitter, TransmitterLanes, type LinkConfig } from './link.js';
import type { LossSpec } from './loss.js';
import { InFlightTable } from './in-flight.js';
import type { NetworkObserver } from './observer.js';
import { Router, type RoutingMetric } from './routing.js';

/** Receives the messages delivered to one node. */
export type DeliveryHandler = (payload: unknown, src: number, messageId: number) => void;

/** Options of a {@link Network}. */
export interface NetworkOptions {
  /** What shortest path means for routing. @default 'hops' */
  routing?: RoutingMetric;
}

/** A partition: groups of nodes (by index) that cannot reach each other. */
export interface Partition {
  /** The groups; nodes in no group form one more group together. */
  readonly groups: readonly (readonly number[])[];
  /** If true, an earlier group cannot reach a later one but the later can reach the earlier. @default false */
  readonly oneWay?: boolean;
}

/** A set of nodes and full-duplex links, running on a {@link Simulator}. */
export class Network {
  /** Per-message records of every send. */
  readonly journal: MessageJournal;
  /** Per-hop records of every admission to a transmitter. */
  readonly hops = new HopJournal();
  /** Node names by node index. */
  readonly nodeNames: string[] = [];
  /** Links in the order they were added. */
  readonly links: LinkConfig[] = [];
  /** Both transmitters of every link: link i has 2i (a→b) and 2i+1 (b→a). */
  readonly transmitters: Transmitter[] = [];
  /** The per-hop numbers of every transmitter, side by side (see TransmitterLanes). */
  private readonly lanes = new TransmitterLanes();
  readonly routing: RoutingMetric;

  private readonly nodeIndexByName = new Map<string, number>();
  private readonly linkIndexByName = new Map<string, number>();
  private readonly receivers: (DeliveryHandler | undefined)[] = [];
  /** Each node's own state, up or down; its link directions follow it (sender_down, receiver_down). */
  private readonly nodeUp: boolean[] = [];
  private router: Router | undefined;
  private adjacency: number[][] | undefined;
  private readonly inFlight = new InFlightTable(this.hops);
  private observer: NetworkObserver | undefined;
  /** In-flight slots of frames waiting at the far end of a held direction, by transmitter, in arrival order. */
  private readonly heldFrames = new Map<number, number[]>();
  private readonly arrive = (slot: number): void => this.endHop(slot);
  private readonly arriveLocally = (slot: number): void => this.deliverLocal(slot);

  constructor(
    private readonly sim: Simulator,
    options: NetworkOptions = {},
    journal: MessageJournal = new MessageJournal(),
  ) {
    this.journal = journal;
    this.routing = options.routing ?? 'hops';
  }

  /** Adds a node; returns its index. Names must be unique. */
  addNode(name: string): number {
    if (this.nodeIndexByName.has(name)) throw new Error(`duplicate node name "${name}"`);
    const index = this.nodeNames.length;
    this.nodeNames.push(name);
    this.nodeIndexByName.set(name, index);
    this.receivers.push(undefined);
    this.nodeUp.push(true);
    this.router = undefined;
    return index;
  }

  /** The index of a node by name; throws if there is none. */
  nodeIndex(name: string): number {
    const index = this.nodeIndexByName.get(name);
    if (index === undefined) throw new Error(`unknown node "${name}"`);
    return index;
  }

  /** The index of a link by name; throws if there is none. */
  linkIndex(name: string): number {
    const index = this.linkIndexByName.get(name);
    if (index === undefined) throw new Error(`unknown link "${name}"`);
    return index;
  }

  /** Adds a full-duplex link between two existing nodes; returns its index. */
  addLink(config: LinkConfig): number {
    const [aName, bName] = config.between;
    const a = this.nodeIndex(aName);
    const b = this.nodeIndex(bName);
    if (a === b) throw new Error(`link "${config.name}" joins ${aName} to itself`);
    if (this.linkIndexByName.has(config.name)) throw new Error(`duplicate link name "${config.name}"`);
    const index = this.links.length;
    this.links.push(config);
    this.linkIndexByName.set(config.name, index);
    for (const [from, to] of [
      [a, b],
      [b, a],
    ] as const) {
      const prefix = `link/${config.name}/${this.nodeNames[from]}>${this.nodeNames[to]}`;
      const random = this.sim.random;
      const streams = {
        loss: () => random.stream(`${prefix}/loss`),
        jitter: () => random.stream(`${prefix}/jitter`),
        duplicate: () => random.stream(`${prefix}/duplicate`),
        corrupt: () => random.stream(`${prefix}/corrupt`),
      };
      const transmitter = new Transmitter(config, this.transmitters.length, from, to, streams, this.lanes);
      transmitter.strictOrder = this.sim.exploration !== undefined;
      this.transmitters.push(transmitter);
    }
    this.router = undefined;
    this.adjacency = undefined;
    return index;
  }

  /** Nodes with a direct link to `node`, by index, in link order. */
  neighbours(node: number): readonly number[] {
    if (this.adjacency === undefined) {
      const adjacency: number[][] = this.nodeNames.map(() => []);
      for (const t of this.transmitters) adjacency[t.from]!.push(t.to);
      this.adjacency = adjacency;
    }
    return this.adjacency[node]!;
  }

  /** Installs the observer told about every frame and fault from now on (one; undefined removes it). */
  observe(observer: NetworkObserver | undefined): void {
    this.observer = observer;
  }

  /** Installs the handler that receives messages delivered to `node` (one per node). */
  onDeliver(node: number, handler: DeliveryHandler): void {
    this.receivers[node] = handler;
  }

  /**
   * Sends a message of `wireBytes` bytes from `src` to `dst` now; returns its id. The
   * outcome is recorded in the journal; `payload` reaches the receiver if it is delivered.
   */
  send(src: number, dst: number, wireBytes: number, payload: unknown, flow = -1, trace = -1): number {
    if (!(wireBytes >= 0 && wireBytes <= MAX_MESSAGE_BYTES && Number.isInteger(wireBytes))) {
      throw new RangeError(`message size must be a whole number of bytes, got ${wireBytes}`);
    }
    if (!(dst >= 0 && dst < this.nodeNames.length)) throw new RangeError(`no node with index ${dst}`);
    const id = this.journal.record(flow, src, dst, wireBytes, this.sim.now, trace);
    this.observer?.sent(id);
    if (!this.nodeUp[src]) {
      this.drop(id, Fate.SenderDown, src, -1, -1, -1);
    } else if (src === dst) {
      this.sim.scheduleAt(this.sim.now, this.arriveLocally, this.inFlight.add(id, payload));
    } else {
      this.forward(id, src, this.inFlight.add(id, payload));
    }
    return id;
  }

  /** Sends message `id`, held in in-flight `slot`, on from `node`. */
  private forward(id: number, node: number, slot: number): void {
    const dst = this.journal.dst[id]!;
    const edge = this.routes().next(node, dst);
    if (edge < 0) {
      // No route because the destination is down is the same cause as arriving there.
      this.drop(id, this.nodeUp[dst] ? Fate.NoRoute : Fate.ReceiverDown, node, -1, -1, slot);
      return;
    }
    this.admit(id, this.transmitters[edge]!, slot);
  }

  /** Offers message `id`, held in in-flight `slot`, to a transmitter; on success schedules the end of the hop. */
  private admit(id: number, transmitter: Transmitter, slot: number): void {
    const now = this.sim.now;
    const hop = this.hops.record(id, transmitter.index, now);
    const finish = transmitter.admit(now, this.journal.bytes[id]!);
    if (finish < 0) {
      this.drop(id, Fate.QueueFull, transmitter.from, transmitter.index, hop, slot);
      return;
    }
    const arrival = transmitter.arrivalTime(finish);
    this.observer?.enqueued(id, transmitter.index, transmitter.lastStart, finish);
    this.inFlight.setHop(slot, hop, transmitter.state.mark, finish);
    this.sim.scheduleAt(arrival, this.arrive, slot);
    if (transmitter.shouldDuplicate()) {
      transmitter.duplicated++;
      const copy = this.journal.recordCopy(id);
      this.observer?.sent(copy);
      this.admit(copy, transmitter, this.inFlight.addCopy(copy, slot));
    }
  }

  /** A message reached the far end of a hop: its transmitter decides its fate; deliver or forward it if it arrived. */
  private endHop(slot: number): void {
    const id = this.inFlight.idOf(slot);
    const transmitter = this.transmitters[this.inFlight.transmitterOf(slot)]!;
    if (transmitter.state.has(Condition.Held)) {
      this.keepHeld(transmitter, slot);
      return;
    }
    const fate = transmitter.endHop(this.inFlight.markOf(slot), this.inFlight.finishOf(slot));
    const hop = this.inFlight.hopOf(slot);
    const node = transmitter.to;
    if (fate !== Fate.Arrived) {
      this.drop(id, fate, node, transmitter.index, hop, slot);
      return;
    }
    this.hops.markArrived(hop, this.sim.now);
    if (node !== this.journal.dst[id]) {
      this.observer?.arrived(id, node);
      this.forward(id, node, slot);
      return;
    }
    this.deliver(id, slot);
  }

  /** Keeps the frame in `slot` at the far end of held `transmitter` until its release. */
  private keepHeld(transmitter: Transmitter, slot: number): void {
    // Its delay is the hold's, not the link's: formula checks leave it out, and everything admitted since.
    transmitter.faultedAt = Math.min(transmitter.faultedAt, this.hops.admittedAt[this.inFlight.hopOf(slot)]!);
    const waiting = this.heldFrames.get(transmitter.index);
    if (waiting === undefined) this.heldFrames.set(transmitter.index, [slot]);
    else waiting.push(slot);
  }

  private deliverLocal(slot: number): void {
    const id = this.inFlight.idOf(slot);
    const node = this.journal.dst[id]!;
    if (!this.nodeUp[node]) {
      this.drop(id, Fate.ReceiverDown, node, -1, -1, slot);
      return;
    }
    this.deliver(id, slot);
  }

  /**
   * Ends message `id` with a fate that destroys it, at `node`: on `transmitter` and its hop
   * journal row `hop` (-1 for none), freeing in-flight `slot` (-1 for none). Every frame that
   * does not arrive ends here.
   */
  private drop(id: number, fate: FateCode, node: number, transmitter: number, hop: number, slot: number): void {
    if (hop >= 0) this.hops.markFate(hop, fate);
    this.journal.markFate(id, fate);
    this.observer?.dropped(id, fate, node, transmitter);
    if (slot >= 0) this.inFlight.remove(slot);
  }

  private deliver(id: number, slot: number): void {
    const payload = this.inFlight.remove(slot);
    const node = this.journal.dst[id]!;
    this.journal.markDelivered(id, this.sim.now);
    this.observer?.delivered(id, node);
    const receiver = this.receivers[node];
    if (receiver !== undefined) receiver(payload, this.journal.src[id]!, id);
  }

  // ---- faults ------------------------------------------------------------------------

  /** Whether a node is up (not crashed). */
  isNodeUp(node: number): boolean {
    return this.nodeUp[node]!;
  }

  /** Whether a link is up (not taken down; partitions aside). */
  isLinkUp(link: number): boolean {
    return !this.transmitters[2 * link]!.state.has(Condition.LinkDown);
  }

  /** Takes a link down (both directions cut, everything on it destroyed) or brings it back. */
  setLinkUp(link: number, up: boolean): void {
    if (this.isLinkUp(link) === up) return;
    this.observer?.linkChanged(link, up);
    for (const t of [this.transmitters[2 * link]!, this.transmitters[2 * link + 1]!]) this.setCondition(t, Condition.LinkDown, !up);
  }

  /**
   * Crashes a node or brings it back. A crash cuts its outgoing transmitters (what it had
   * not finished sending is destroyed; what is already propagating goes on) and every message
   * reaching it until it is back is dropped. Its handlers are the runtime's business.
   */
  setNodeUp(node: number, up: boolean): void {
    if (this.nodeUp[node] === up) return;
    this.nodeUp[node] = up;
    this.observer?.nodeChanged(node, up);
    for (const t of this.transmitters) {
      if (t.from === node) this.setCondition(t, Condition.SenderDown, !up);
      if (t.to === node) this.setCondition(t, Condition.ReceiverDown, !up);
    }
  }

  /** Whether a link's traffic is held. */
  isLinkHeld(link: number): boolean {
    return this.transmitters[2 * link]!.state.has(Condition.Held);
  }

  /**
   * Holds a link's traffic (both directions) or releases it. While held, the link admits
   * frames as usual and they wait at its far end; at release they arrive in the order they
   * got there, judged then (a cut meanwhile destroys them, loss is drawn then).
   */
  setHeld(link: number, held: boolean): void {
    if (this.isLinkHeld(link) === held) return;
    this.observer?.heldChanged(link, held);
    for (const t of [this.transmitters[2 * link]!, this.transmitters[2 * link + 1]!]) {
      this.setCondition(t, Condition.Held, held);
      if (held) continue;
      const waiting = this.heldFrames.get(t.index);
      if (waiting === undefined) continue;
      this.heldFrames.delete(t.index);
      // One event, now, ends their hops in order, so receivers run as they do at any arrival.
      this.sim.scheduleAt(this.sim.now, () => waiting.forEach((slot) => this.endHop(slot)));
    }
  }

  /** Starts a partition (replacing any other) or, with undefined, heals it. */
  setPartition(partition: Partition | undefined): void {
    const group = new Int32Array(this.nodeNames.length).fill(partition?.groups.length ?? 0);
    partition?.groups.forEach((members, g) => members.forEach((node) => (group[node] = g)));
    for (const t of this.transmitters) {
      const from = group[t.from]!;
      const to = group[t.to]!;
      const cut = partition === undefined ? false : partition.oneWay === true ? from < to : from !== to;
      this.setCondition(t, Condition.Partitioned, cut);
    }
    this.observer?.partitioned(partition);
  }

  /** Changes a link's bandwidth, delay or loss, both directions, for messages admitted from now. */
  degradeLink(link: number, changes: { bandwidthBitsPerSecond?: number; delaySeconds?: number; loss?: LossSpec }): void {
    for (const t of [2 * link, 2 * link + 1]) this.transmitters[t]!.degrade(this.sim.now, changes);
    this.observer?.degraded(link);
    if (changes.delaySeconds !== undefined && this.routing === 'delay') this.router = undefined;
  }

  /** Enters or leaves a condition of a link direction; routing follows its state. */
  private setCondition(t: Transmitter, condition: ConditionBit, holds: boolean): void {
    if (holds) t.enter(condition, this.sim.now);
    else t.leave(condition);
    this.router?.setUsable(t.index, t.state.isUp);
  }

  /**
   * Settles what a run's end leaves open: messages whose transmitter was cut while they were
   * on it get the cut's fate, even if their arrival lay beyond the end. Call once, at the end.
   */
  finishRun(): void {
    this.inFlight.forEach((slot) => {
      const transmitterIndex = this.inFlight.transmitterOf(slot);
      if (transmitterIndex < 0) return;
      const transmitter = this.transmitters[transmitterIndex]!;
      const fate = transmitter.settle(this.inFlight.markOf(slot), this.inFlight.finishOf(slot));
      if (fate !== Fate.InFlight) this.drop(this.inFlight.idOf(slot), fate, transmitter.to, transmitterIndex, this.inFlight.hopOf(slot), slot);
    });
  }

  /** The router, built on first use after the topology changed; a direction is usable while it is up. */
  private routes(): Router {
    if (this.router === undefined) {
      this.router = new Router(
        this.nodeNames.length,
        this.transmitters.map((t) => ({ from: t.from, to: t.to, delaySeconds: t.delaySeconds })),
        this.routing,
      );
      for (const t of this.transmitters) this.router.setUsable(t.index, t.state.isUp);
    }
    return this.router;
  }
}
