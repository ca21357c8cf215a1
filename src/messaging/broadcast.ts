/**
 * Broadcast to every node, three ways:
 *
 *   unicast  the origin sends one copy to every other node
 *   flood    the origin sends to its neighbours; every node, the first time it receives a
 *            broadcast, forwards it to all its neighbours but the one it came from, and
 *            ignores later copies. On a connected graph without loss that is exactly
 *            Σ degree − (n − 1) messages per broadcast.
 *   gossip   push gossip: the origin sends to `fanout` distinct nodes picked at random;
 *            every node, the first time it receives a broadcast of round k < `rounds`,
 *            pushes it on to `fanout` random nodes in round k + 1.
 *
 * Frames are ["b", origin, id, method, round, fanout, rounds, wireBytes, body]; relays are
 * padded to the origin's `wireBytes` (null: not padded), so every copy of a broadcast has the
 * size of the original. The origin opens one
 * ledger row per other node (in peer order), and every frame of the broadcast carries the
 * first row as its trace, so coverage and message counts can be read back per broadcast.
 * Duplicate suppression remembers the last 65,536 broadcasts each node has seen.
 */
import type { RandomSource } from '../runtime/seam.js';
import type { EndpointCore, SendOptions } from './endpoint.js';
import { Kind, type Frame } from './frames.js';
import { Pattern } from './ledger.js';

/** How a broadcast spreads. */
export type BroadcastMethod = 'unicast' | 'flood' | 'gossip';

/** Handles a broadcast; may be async. */
export type BroadcastHandler = (body: unknown, origin: string) => unknown;

/** Options of a broadcast. */
export interface BroadcastOptions extends SendOptions {
  method: BroadcastMethod;
  /** Gossip: nodes each informed node pushes to. @default 3 */
  fanout?: number;
  /** Gossip: rounds of pushing, the origin's included. @default 5 */
  rounds?: number;
}

/** Broadcasts seen and remembered per node. */
const SEEN_LIMIT = 65_536;

/** A node's part in broadcasts: starting them, receiving and relaying them. */
export class Broadcaster {
  private nextId = 0;
  private handler: BroadcastHandler | undefined;
  private readonly seen = new Set<string>();
  private readonly random: RandomSource;
  private readonly offset: number;

  constructor(private readonly endpoint: EndpointCore) {
    this.random = endpoint.context.random('broadcast');
    this.offset = endpoint.context.peers.indexOf(endpoint.address);
    endpoint.on(Kind.Broadcast, (frame, from, trace) => this.receive(frame, from, trace));
  }

  /** Sets the handler of arriving broadcasts. */
  onBroadcast(handler: BroadcastHandler): void {
    this.handler = handler;
  }

  /** Broadcasts `body` from this node to every other. */
  broadcast(body: unknown, options: BroadcastOptions): void {
    const { method, fanout = 3, rounds = 5, ...send } = options;
    const endpoint = this.endpoint;
    const self = endpoint.address;
    const others = endpoint.context.peers.filter((peer) => peer !== self);
    const base = endpoint.ledger.openBlock(send.flow, Pattern.Broadcast, self, others);
    const id = this.nextId++;
    this.remember(`${self}\u0000${id}`);
    const frame: Frame = [Kind.Broadcast, self, id, method, 1, fanout, rounds, send.wireBytes ?? null, body];
    const targets = method === 'unicast' ? others : method === 'flood' ? endpoint.context.neighbours : this.pick(fanout);
    for (const target of targets) endpoint.sendFrame(target, frame, { ...send, trace: base, related: true });
  }

  private receive(frame: Frame, from: string, trace: number): unknown {
    const [, origin, id, method, round, fanout, rounds, wireBytes, body] = frame as readonly [string, string, number, BroadcastMethod, number, number, number, number | null, unknown];
    // The origin has no row of its own: copies that come back to it are not counted.
    const row = trace < 0 || origin === this.endpoint.address ? -1 : trace + this.rowOffset(origin);
    const key = `${origin}\u0000${id}`;
    if (this.seen.has(key)) {
      this.endpoint.ledger.suppressed(row);
      return undefined;
    }
    this.remember(key);
    this.endpoint.ledger.delivered(row);
    const relay: Frame = [Kind.Broadcast, origin, id, method, round + 1, fanout, rounds, wireBytes, body];
    const flow = trace < 0 ? undefined : this.endpoint.ledger.flowOf(trace);
    const send = { ...(flow === undefined ? {} : { flow }), ...(wireBytes === null ? {} : { wireBytes }), trace, related: true };
    if (method === 'flood') {
      for (const neighbour of this.endpoint.context.neighbours) if (neighbour !== from) this.endpoint.sendFrame(neighbour, relay, send);
    } else if (method === 'gossip' && round < rounds) {
      for (const target of this.pick(fanout)) this.endpoint.sendFrame(target, relay, send);
    }
    return this.handler?.(body, origin);
  }

  /** Position of this node's row in a broadcast's block: peer order without the origin. */
  private rowOffset(origin: string): number {
    return this.offset - (this.endpoint.context.peers.indexOf(origin) < this.offset ? 1 : 0);
  }

  /** `count` distinct random other nodes (all of them if there are fewer). */
  private pick(count: number): string[] {
    const peers = this.endpoint.context.peers;
    const chosen = new Set<string>();
    const others = peers.length - 1;
    while (chosen.size < Math.min(count, others)) {
      const candidate = peers[Math.floor(this.random.uniform() * peers.length)]!;
      if (candidate !== this.endpoint.address) chosen.add(candidate);
    }
    return [...chosen];
  }

  private remember(key: string): void {
    this.seen.add(key);
    if (this.seen.size > SEEN_LIMIT) this.seen.delete(this.seen.values().next().value!);
  }
}
