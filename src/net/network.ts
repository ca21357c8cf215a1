/**
 * The simulated network: named nodes, links between them, and the path of each message
 * from send to outcome.
 *
 * A send records the message in the journal, picks the link towards the destination and
 * admits the message to that direction's transmitter; one event at the computed arrival
 * time then applies the loss draw and hands the payload to the destination's receiver.
 * Payloads travel beside the journal (not in it) and are released on arrival.
 */
import type { EventCallback } from '../engine/event-queue.js';
import type { Simulator } from '../engine/simulator.js';
import { MessageJournal, MAX_MESSAGE_BYTES } from './journal.js';
import { Transmitter, type LinkConfig } from './link.js';
import { Outcome } from './outcome.js';

/** Receives the messages delivered to one node. */
export type DeliveryHandler = (payload: unknown, src: number, messageId: number) => void;

/**
 * Messages between send and arrival: their ids and payloads in recycled slots, so memory
 * follows the number of messages in flight, not the number ever sent.
 */
class InFlightTable {
  private ids = new Float64Array(64);
  private readonly payloads: unknown[] = [];
  private free: number[] = [];
  private used = 0;

  /** Stores a message; returns its slot. */
  add(id: number, payload: unknown): number {
    let slot = this.free.pop();
    if (slot === undefined) {
      slot = this.used++;
      if (slot === this.ids.length) {
        const ids = new Float64Array(slot * 2);
        ids.set(this.ids);
        this.ids = ids;
      }
    }
    this.ids[slot] = id;
    this.payloads[slot] = payload;
    return slot;
  }

  idOf(slot: number): number {
    return this.ids[slot]!;
  }

  /** Frees a slot; returns the payload it held. */
  remove(slot: number): unknown {
    const payload = this.payloads[slot];
    this.payloads[slot] = undefined;
    this.free.push(slot);
    return payload;
  }
}

/** A transmitter with the event callback for arrivals over it. */
interface Hop {
  transmitter: Transmitter;
  arrive: EventCallback<number>;
}

/** Thrown when a message is sent between nodes that no link joins. */
export class NoRouteError extends Error {
  constructor(from: string, to: string) {
    super(`no link from ${from} to ${to}`);
    this.name = 'NoRouteError';
  }
}

/** A set of nodes and full-duplex links, running on a {@link Simulator}. */
export class Network {
  /** Per-message records of every send. */
  readonly journal: MessageJournal;
  /** Node names by node index. */
  readonly nodeNames: string[] = [];
  /** Links in the order they were added. */
  readonly links: LinkConfig[] = [];
  /** Both transmitters of every link, in link order (a→b, then b→a). */
  readonly transmitters: Transmitter[] = [];

  private readonly nodeIndexByName = new Map<string, number>();
  /** Per node: the way out towards each neighbour, by neighbour index. */
  private readonly outgoing: Map<number, Hop>[] = [];
  private readonly receivers: (DeliveryHandler | undefined)[] = [];
  /** Messages on their way between nodes, by in-flight slot (recycled). */
  private readonly inFlight = new InFlightTable();

  constructor(
    private readonly sim: Simulator,
    journal: MessageJournal = new MessageJournal(),
  ) {
    this.journal = journal;
  }

  /** Adds a node; returns its index. Names must be unique. */
  addNode(name: string): number {
    if (this.nodeIndexByName.has(name)) throw new Error(`duplicate node name "${name}"`);
    const index = this.nodeNames.length;
    this.nodeNames.push(name);
    this.nodeIndexByName.set(name, index);
    this.outgoing.push(new Map());
    this.receivers.push(undefined);
    return index;
  }

  /** The index of a node by name; throws if there is none. */
  nodeIndex(name: string): number {
    const index = this.nodeIndexByName.get(name);
    if (index === undefined) throw new Error(`unknown node "${name}"`);
    return index;
  }

  /** Adds a full-duplex link between two existing nodes. */
  addLink(config: LinkConfig): void {
    const [aName, bName] = config.between;
    const a = this.nodeIndex(aName);
    const b = this.nodeIndex(bName);
    if (a === b) throw new Error(`link "${config.name}" joins ${aName} to itself`);
    if (this.outgoing[a]!.has(b)) throw new Error(`a link already joins ${aName} and ${bName}`);
    this.links.push(config);
    for (const [from, to] of [
      [a, b],
      [b, a],
    ] as const) {
      const stream = this.sim.random.stream(
        `link/${config.name}/${this.nodeNames[from]}>${this.nodeNames[to]}/loss`,
      );
      const transmitter = new Transmitter(config, from, to, stream);
      this.transmitters.push(transmitter);
      const arrive = (id: number): void => this.arrive(transmitter, id);
      this.outgoing[from]!.set(to, { transmitter, arrive });
    }
  }

  /** Installs the handler that receives messages delivered to `node` (one per node). */
  onDeliver(node: number, handler: DeliveryHandler): void {
    this.receivers[node] = handler;
  }

  /**
   * Sends a message of `wireBytes` bytes from `src` to `dst` now; returns its id. The
   * outcome is recorded in the journal; `payload` reaches the receiver if it is delivered.
   */
  send(src: number, dst: number, wireBytes: number, payload: unknown, flow = -1): number {
    if (!(wireBytes >= 0 && wireBytes <= MAX_MESSAGE_BYTES && Number.isInteger(wireBytes))) {
      throw new RangeError(`message size must be a whole number of bytes, got ${wireBytes}`);
    }
    const hop = this.outgoing[src]!.get(dst);
    if (hop === undefined) {
      throw new NoRouteError(this.nodeNames[src]!, this.nodeNames[dst]!);
    }
    const now = this.sim.now;
    const id = this.journal.record(flow, src, dst, wireBytes, now);
    const arrival = hop.transmitter.admit(now, wireBytes);
    if (arrival < 0) {
      this.journal.markOutcome(id, Outcome.Dropped);
      return id;
    }
    this.sim.scheduleAt(arrival, hop.arrive, this.inFlight.add(id, payload));
    return id;
  }

  /** A message finished propagating over `transmitter`: lose it or deliver it. */
  private arrive(transmitter: Transmitter, slot: number): void {
    const id = this.inFlight.idOf(slot);
    const payload = this.inFlight.remove(slot);
    if (transmitter.shouldLose()) {
      this.journal.markOutcome(id, Outcome.Lost);
      return;
    }
    const node = transmitter.to;
    this.journal.markDelivered(id, this.sim.now);
    const receiver = this.receivers[node];
    if (receiver !== undefined) receiver(payload, this.journal.src[id]!, id);
  }
}
