/**
 * Maelstrom's kafka workload: append-only logs by string key. Clients `send {key, msg}`
 * (the node answers `send_ok {offset}`), `poll {offsets}` from positions of their own
 * (`poll_ok {msgs: {key: [[offset, msg], …]}}`), `commit_offsets {offsets}` after each poll
 * that returned messages (the highest offset polled per key, as Maelstrom's client commits),
 * and `list_committed_offsets {keys}` to (re)start consuming from the committed offsets.
 *
 * Keys and messages come the way Jepsen's list-append generator (which Maelstrom's uses)
 * makes them: a pool of `keyCount` keys, key i of the pool drawn with weight 2^i; a key
 * retires after `maxWritesPerKey` sends and a fresh key takes its place; messages are
 * distinct integers. A client process starts by listing the committed offsets of the pool's
 * keys and polls from the offset after each (0 for a key with none); afterwards its
 * operations are sends and polls, half and half, and with probability 1/64 it restarts its
 * consumer (listing committed offsets again and forgetting its positions), in place of
 * Maelstrom's assigns and client crashes. A process that comes after an `info` starts afresh.
 *
 * Final phase: each client seeks to offset 0 on every key known to have messages and polls
 * (`U(0, 0.4 s)` apart, Jepsen's stagger) until it has read past the highest offset any
 * operation saw when the phase began; none starts {@link KAFKA_FINAL_SECONDS} or more into the phase.
 *
 * History: `send` has the key, the message as value, the offset on `ok`; `poll` the offsets
 * it asked for, the `msgs` map on `ok`; `commit_offsets` the offsets; `list_committed_offsets`
 * the keys, the offsets map on `ok`.
 */
import type { Body } from '../../../messaging/maelstrom/body.js';
import { replyField, type ClientWorkload, type FinalStep, type GeneratorContext, type Invocation } from '../workload.js';

/** Options of the kafka workload. */
export interface KafkaWorkloadOptions {
  /** Keys in use at a time. @default 10 */
  readonly keyCount?: number;
  /** Sends to a key before it retires (Maelstrom's --max-writes-per-key). @default 16 */
  readonly maxWritesPerKey?: number;
}

/** How long the final polls may go on, in seconds (Maelstrom clips its final polls to 10 s). */
export const KAFKA_FINAL_SECONDS = 10;

/** Probability that an operation restarts the client's consumer instead (Jepsen's assign probability). */
const RESTART_P = 1 / 64;

/** Longest gap between final polls, in seconds (twice the mean of Jepsen's stagger of 1/5 s). */
const FINAL_GAP_MAX_SECONDS = 0.4;

/** A map of keys to offsets (an offset per key), as polls, commits and listings write it. */
export type Offsets = Record<string, number>;

/** A poll's result: messages per key, as [offset, message] pairs. */
export type PolledMessages = Record<string, [number, unknown][]>;

/** What a client process consumes: its keys and the next offset to poll from on each. */
interface Consumer {
  positions: Map<string, number> | undefined;
  /** The highest offsets of its last poll, committed by its next operation. */
  toCommit: Offsets | undefined;
  /** In the final phase: whether it has sought to the beginning. */
  sought: boolean;
}

/** Whether a value is a map of keys to integer offsets. */
export function isOffsets(value: unknown): value is Offsets {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every((offset) => Number.isInteger(offset));
}

/** Whether a value is a map of keys to lists of [offset, message] pairs. */
export function isPolledMessages(value: unknown): value is PolledMessages {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  return Object.values(value).every((pairs) => Array.isArray(pairs) && pairs.every((pair) => Array.isArray(pair) && pair.length === 2 && Number.isInteger(pair[0])));
}

/** The kafka workload. */
export function kafkaWorkload(options: KafkaWorkloadOptions = {}): ClientWorkload {
  const keyCount = options.keyCount ?? 10;
  const maxWrites = options.maxWritesPerKey ?? 16;
  const pool = Array.from({ length: keyCount }, (_, i) => String(i));
  let freshKey = keyCount;
  const writes = new Map<string, number>();
  let nextMessage = 0;
  const consumers = new Map<number, Consumer>();
  /** Which consumer made each operation, for its completion. */
  const owners = new WeakMap<Invocation, Consumer>();
  /** The highest offset any operation saw, per key. */
  const highest = new Map<string, number>();
  let finalPhase: { readonly at: number; readonly targets: ReadonlyMap<string, number> } | undefined;

  const consumerOf = (process: number): Consumer => {
    let consumer = consumers.get(process);
    if (consumer === undefined) consumers.set(process, (consumer = { positions: undefined, toCommit: undefined, sought: false }));
    return consumer;
  };
  const owned = (consumer: Consumer, op: Invocation): Invocation => {
    owners.set(op, consumer);
    return op;
  };
  const poll = (consumer: Consumer): Invocation => owned(consumer, { f: 'poll', value: Object.fromEntries(consumer.positions ?? []) });
  const sawOffset = (key: string, offset: number): void => {
    if (offset > (highest.get(key) ?? -1)) highest.set(key, offset);
  };

  /** Key i of the pool with weight 2^i; a key that reaches its writes retires. */
  const sendKey = (random: GeneratorContext['random']): string => {
    // j = n − 1 − i falls with weight 2^−j: the inverse transform of that truncated geometric law.
    const n = pool.length;
    const j = Math.floor(-Math.log2(1 - random.uniform() * (1 - 2 ** -n)));
    const index = n - 1 - Math.min(n - 1, j);
    const key = pool[index]!;
    const count = (writes.get(key) ?? 0) + 1;
    writes.set(key, count);
    if (count >= maxWrites) pool[index] = String(freshKey++);
    return key;
  };

  return {
    name: 'kafka',
    next({ random, process }) {
      const consumer = consumerOf(process);
      if (consumer.toCommit !== undefined) {
        const offsets = consumer.toCommit;
        consumer.toCommit = undefined;
        return { f: 'commit_offsets', value: offsets };
      }
      if (consumer.positions === undefined || random.uniform() < RESTART_P) {
        consumer.positions = undefined;
        return owned(consumer, { f: 'list_committed_offsets', value: [...pool] });
      }
      if (random.uniform() < 0.5) return { f: 'send', key: sendKey(random), value: nextMessage++ };
      return poll(consumer);
    },
    finalOps: [],
    finalNext({ process, time, random }): FinalStep | undefined {
      finalPhase ??= { at: time, targets: new Map(highest) };
      const consumer = consumerOf(process);
      if (!consumer.sought) {
        consumer.sought = true;
        if (finalPhase.targets.size === 0) return undefined;
        consumer.positions = new Map([...finalPhase.targets.keys()].map((key) => [key, 0]));
        return { op: poll(consumer), delaySeconds: 0 };
      }
      const positions = consumer.positions ?? new Map<string, number>();
      const caughtUp = [...finalPhase.targets].every(([key, target]) => (positions.get(key) ?? 0) > target);
      const delaySeconds = random.uniform() * FINAL_GAP_MAX_SECONDS;
      if (caughtUp || time + delaySeconds - finalPhase.at >= KAFKA_FINAL_SECONDS) return undefined;
      return { op: poll(consumer), delaySeconds };
    },
    request(op): Body {
      switch (op.f) {
        case 'send':
          return { type: 'send', key: op.key, msg: op.value };
        case 'poll':
          return { type: 'poll', offsets: op.value };
        case 'commit_offsets':
          return { type: 'commit_offsets', offsets: op.value };
        default:
          return { type: 'list_committed_offsets', keys: op.value };
      }
    },
    complete(op, reply) {
      switch (op.f) {
        case 'send': {
          const offset = replyField(reply, 'offset', (value): value is number => Number.isInteger(value), 'the offset (an integer)');
          sawOffset(String(op.key), offset);
          return offset;
        }
        case 'poll': {
          const msgs = replyField(reply, 'msgs', isPolledMessages, 'a map of keys to lists of [offset, message]');
          polled(owners.get(op)!, msgs, sawOffset);
          return msgs;
        }
        case 'commit_offsets':
          return null;
        default: {
          const offsets = replyField(reply, 'offsets', isOffsets, 'a map of keys to offsets');
          const consumer = owners.get(op)!;
          consumer.positions = new Map((op.value as string[]).map((key) => [key, offsets[key] === undefined ? 0 : offsets[key] + 1]));
          return offsets;
        }
      }
    },
    readOnly: new Set(['poll', 'list_committed_offsets']),
  };
}

/** A consumer's poll returned `msgs`: it moves past the highest offset of each key and will commit those. */
function polled(consumer: Consumer, msgs: PolledMessages, saw: (key: string, offset: number) => void): void {
  const commit: Offsets = {};
  for (const [key, pairs] of Object.entries(msgs)) {
    if (pairs.length === 0) continue;
    const top = Math.max(...pairs.map(([offset]) => offset));
    saw(key, top);
    commit[key] = top;
    consumer.positions ??= new Map();
    consumer.positions.set(key, Math.max(consumer.positions.get(key) ?? 0, top + 1));
  }
  if (Object.keys(commit).length > 0) consumer.toCommit = commit;
}
