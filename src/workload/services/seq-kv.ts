/**
 * Maelstrom's `seq-kv` service: a sequentially consistent key-value store, modelled as
 * Maelstrom's service.clj models it. The store keeps its sequence of states (state 0 is
 * empty; each write makes the next) and, for each requesting node, the index of the latest
 * state that node has seen or made. A request from a node acts on a state drawn uniformly
 * from the node's own index up to the latest (only the last {@link SEQ_KV_STATES} are kept):
 *
 * - if it leaves that state unchanged (a read, a failed cas, a write of the value already
 *   there), it is answered from that state — possibly stale — and the node's index moves to it;
 * - otherwise it would fork the timeline, so it is applied to the latest state instead,
 *   making a new latest state, and the node's index moves there.
 *
 * So every request takes effect at one point of one total order (the states, with the
 * non-changing requests at the state they saw), each node's requests appear in that order
 * in the order the node made them, and a node reads its own writes; but a node may read a
 * state older than another node's acknowledged write. Reads, writes and cas are kv.ts's.
 */
import type { Body } from '../../messaging/maelstrom/body.js';
import type { MaelstromNode } from '../../messaging/maelstrom/node.js';
import type { RandomSource } from '../../runtime/seam.js';
import { answerOutcome, kvStep, KV_REQUESTS, sameValue, type KvOutcome, type KvView } from './kv.js';

/** States a request may still act on: the latest and the ones before it (Maelstrom's ring buffer of 32). */
export const SEQ_KV_STATES = 32;

/** How the write that made state `index` changed its key: what the key held before. */
interface Undo {
  readonly index: number;
  readonly key: string;
  readonly had: boolean;
  readonly before: unknown;
}

/** What a request did: its outcome, and the index of the state it acted on (or made). */
export interface SequentialAnswer {
  readonly outcome: KvOutcome;
  readonly index: number;
}

/** The sequentially consistent store; see the module comment. */
export class SequentialKv {
  private readonly latest = new Map<string, unknown>();
  /** Index of the latest state. */
  private last = 0;
  /** The writes that made the kept states after the oldest, oldest first. */
  private readonly undo: Undo[] = [];
  /** Per requesting node, the index of the latest state it has seen or made. */
  private readonly seen = new Map<string, number>();

  /** @param random draws the state each request acts on */
  constructor(
    private readonly random: RandomSource,
    private readonly states = SEQ_KV_STATES,
  ) {}

  /** Handles `body` (read, write or cas) from `client`. */
  handle(client: string, body: Body): SequentialAnswer {
    const oldest = Math.max(0, this.last - (this.states - 1));
    const from = Math.max(this.seen.get(client) ?? 0, oldest);
    const index = from + Math.floor(this.random.uniform() * (this.last - from + 1));
    const view = this.stateAt(index);
    const outcome = kvStep(view, body);
    if (!changes(view, outcome)) {
      this.seen.set(client, index);
      return { outcome, index };
    }
    const applied = kvStep(this.latest, body);
    if ('write' in applied && applied.write !== undefined) this.apply(applied.write.key, applied.write.value);
    this.seen.set(client, this.last);
    return { outcome: applied, index: this.last };
  }

  /** The state of index `index` (one of the kept ones), read through the writes made since. */
  private stateAt(index: number): KvView {
    if (index === this.last) return this.latest;
    const later = this.undo.filter((undo) => undo.index > index);
    const earliest = (key: string): Undo | undefined => later.find((undo) => undo.key === key);
    return {
      has: (key) => earliest(key)?.had ?? this.latest.has(key),
      get: (key) => {
        const undo = earliest(key);
        return undo === undefined ? this.latest.get(key) : undo.before;
      },
    };
  }

  private apply(key: string, value: unknown): void {
    this.last++;
    this.undo.push({ index: this.last, key, had: this.latest.has(key), before: this.latest.get(key) });
    if (this.undo.length > this.states - 1) this.undo.shift();
    this.latest.set(key, value);
  }
}

/** Whether an outcome changes the state it was computed on. */
function changes(view: KvView, outcome: KvOutcome): boolean {
  if (!('write' in outcome) || outcome.write === undefined) return false;
  const { key, value } = outcome.write;
  return !(view.has(key) && sameValue(view.get(key), value));
}

/** The seq-kv service on a node. */
export function seqKv(node: MaelstromNode): void {
  const store = new SequentialKv(node.random('seq-kv'));
  for (const type of KV_REQUESTS) node.on(type, (request) => answerOutcome(node, request, store.handle(request.src, request.body).outcome));
}
