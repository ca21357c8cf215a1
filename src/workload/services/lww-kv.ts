/**
 * Maelstrom's `lww-kv` service: an intentionally pathological last-write-wins key-value
 * store. It simulates {@link LWW_KV_REPLICAS} independent replicas; each request is served
 * by one replica drawn at random, which answers from its own state alone (read, write, cas
 * as kv.ts answers them). Each replica keeps a Lamport clock: a write is stamped with
 * (clock, replica) and advances the clock. Every {@link LWW_KV_GOSSIP_SECONDS} each replica
 * merges the state of another replica drawn at random: per key the higher stamp wins, and
 * the clock becomes the larger of the two.
 *
 * So a read may return a stale value, a cas may succeed against one, and of two writes the
 * one made on the replica with the higher clock wins, whatever their order in time. As in
 * Maelstrom's service.clj (which merges one random pair per request rather than on a timer).
 */
import type { Body } from '../../messaging/maelstrom/body.js';
import type { MaelstromNode } from '../../messaging/maelstrom/node.js';
import type { RandomSource } from '../../runtime/seam.js';
import { answerOutcome, kvStep, KV_REQUESTS, type KvOutcome } from './kv.js';

/** Replicas inside the service (Maelstrom's documented default). */
export const LWW_KV_REPLICAS = 5;

/** Time between gossip rounds, in seconds. */
export const LWW_KV_GOSSIP_SECONDS = 0.1;

/** A value with its stamp: the writer's clock at the write, then the writer's index. */
interface Stamped {
  readonly value: unknown;
  readonly clock: number;
  readonly replica: number;
}

interface Replica {
  readonly index: number;
  clock: number;
  readonly entries: Map<string, Stamped>;
}

/** What a request did: its outcome, and the replica that served it. */
export interface LwwAnswer {
  readonly outcome: KvOutcome;
  readonly replica: number;
}

/** The replicas of an lww-kv store; see the module comment. */
export class LwwKv {
  private readonly replicas: Replica[];

  /** @param random draws the replica of each request and the gossip partners */
  constructor(
    private readonly random: RandomSource,
    replicas = LWW_KV_REPLICAS,
  ) {
    if (!(replicas >= 1)) throw new RangeError(`lww-kv: needs at least one replica, got ${replicas}`);
    this.replicas = Array.from({ length: replicas }, (_, index) => ({ index, clock: 0, entries: new Map() }));
  }

  /** Handles `body` (read, write or cas) on a replica drawn at random. */
  handle(body: Body): LwwAnswer {
    const replica = this.replicas[this.draw(this.replicas.length)]!;
    const { entries } = replica;
    const outcome = kvStep({ has: (key) => entries.has(key), get: (key) => entries.get(key)?.value }, body);
    if ('write' in outcome && outcome.write !== undefined) {
      entries.set(outcome.write.key, { value: outcome.write.value, clock: replica.clock, replica: replica.index });
      replica.clock++;
    }
    return { outcome, replica: replica.index };
  }

  /** One gossip round: each replica merges the state of another drawn at random. */
  gossip(): void {
    const n = this.replicas.length;
    if (n < 2) return;
    for (const replica of this.replicas) {
      const other = this.replicas[(replica.index + 1 + this.draw(n - 1)) % n]!;
      merge(replica, other);
    }
  }

  /** The value each replica holds for `key` (by kv.ts's storeKey), undefined where it has none. */
  valuesOf(key: string): unknown[] {
    return this.replicas.map((replica) => replica.entries.get(key)?.value);
  }

  private draw(n: number): number {
    return Math.floor(this.random.uniform() * n);
  }
}

/** Merges `from` into `into`: per key the higher stamp, and the larger clock. */
function merge(into: Replica, from: Replica): void {
  into.clock = Math.max(into.clock, from.clock);
  for (const [key, theirs] of from.entries) {
    const ours = into.entries.get(key);
    if (ours === undefined || newer(theirs, ours)) into.entries.set(key, theirs);
  }
}

function newer(a: Stamped, b: Stamped): boolean {
  return a.clock !== b.clock ? a.clock > b.clock : a.replica > b.replica;
}

/** The lww-kv service on a node. */
export function lwwKv(node: MaelstromNode): void {
  const store = new LwwKv(node.random('lww-kv'));
  for (const type of KV_REQUESTS) node.on(type, (request) => answerOutcome(node, request, store.handle(request.body).outcome));
  node.setInterval(() => store.gossip(), LWW_KV_GOSSIP_SECONDS * 1000);
}
