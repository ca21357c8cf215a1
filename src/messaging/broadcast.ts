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
 * size of the original. The origin opens one logical message per other node (in peer order)
 * and binds the broadcast's id to each in that node's key space, so a receiver finds its own
 * by (origin, id); every frame of the broadcast is reported as a frame of the first, so
 * coverage and message counts can be read back per broadcast.
 * Duplicate suppression remembers the last 65,536 broadcasts each node has seen.
 */
import type { RandomSource } from '../runtime/seam.js';
import { frameOptions, type EndpointCore, type SendOptions } from './endpoint.js';
import { Kind, type Frame } from './frames.js';
import { Pattern, type KeySpace } from './observer.js';

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
  /** Key spaces of broadcasts, by (origin, receiver). */
  private readonly keys = new Map<string, KeySpace>();

  constructor(private readonly endpoint: EndpointCore) {
    this.random = endpoint.context.random('broadcast');
    endpoint.on(Kind.Broadcast, (frame, from) => this.receive(frame, from));
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
    const base = endpoint.observer.openBlock(send.flow, Pattern.Broadcast, self, others);
    const id = this.nextId++;
    if (base >= 0) others.forEach((receiver, i) => this.keysTo(self, receiver).bind(id, base + i));
    this.remember(`${self}\u0000${id}`);
    const frame: Frame = [Kind.Broadcast, self, id, method, 1, fanout, rounds, send.wireBytes ?? null, body];
    const targets = method === 'unicast' ? others : method === 'flood' ? endpoint.context.neighbours : this.pick(fanout);
    const frameSend = frameOptions(send, base, undefined, true);
    for (const target of targets) endpoint.sendFrame(target, frame, frameSend);
  }

  /** The key space of broadcasts from `origin` to `receiver`. */
  private keysTo(origin: string, receiver: string): KeySpace {
    const key = `${origin}\u0000${receiver}`;
    let keys = this.keys.get(key);
    if (keys === undefined) this.keys.set(key, (keys = this.endpoint.observer.keys('broadcast', origin, receiver)));
    return keys;
  }

  private receive(frame: Frame, from: string): unknown {
    const [, origin, id, method, round, fanout, rounds, wireBytes, body] = frame as readonly [string, string, number, BroadcastMethod, number, number, number, number | null, unknown];
    // The origin has no logical message of its own: copies that come back to it are not counted.
    const self = this.endpoint.address;
    const row = origin === self ? -1 : this.keysTo(origin, self).find(id);
    const key = `${origin}\u0000${id}`;
    if (this.seen.has(key)) {
      this.endpoint.observer.suppressed(row);
      return undefined;
    }
    this.remember(key);
    this.endpoint.observer.delivered(row);
    const relay: Frame = [Kind.Broadcast, origin, id, method, round + 1, fanout, rounds, wireBytes, body];
    // Relays are frames of the broadcast: of its first logical message, under its flow.
    const first = this.endpoint.observer.groupOf(row);
    const flow = this.endpoint.observer.flowOf(first);
    const send = { ...(flow === undefined ? {} : { flow }), ...(wireBytes === null ? {} : { wireBytes }), row: first, related: true };
    if (method === 'flood') {
      for (const neighbour of this.endpoint.context.neighbours) if (neighbour !== from) this.endpoint.sendFrame(neighbour, relay, send);
    } else if (method === 'gossip' && round < rounds) {
      for (const target of this.pick(fanout)) this.endpoint.sendFrame(target, relay, send);
    }
    return this.handler?.(body, origin);
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
