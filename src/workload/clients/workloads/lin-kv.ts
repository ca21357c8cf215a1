/**
 * Maelstrom's lin-kv workload (Jepsen's linearizable-register test over independent keys):
 * clients `read`, `write` and `cas` small integer values (0…4) on integer keys 0, 1, 2, …
 * The threads form groups of 2n (n: the nodes clients talk to; all threads when fewer); each
 * group works on a key of its own, the first half of its threads reading and the others
 * writing or compare-and-setting (one write to two cas), until the group has run about
 * `perKeyLimit` operations on the key (0.9–1 times it, drawn per key, so that groups drift
 * apart); then it moves on to the next fresh key. A group of one thread mixes reads in too.
 * History entries carry the key, so the checker judges each key on its own.
 */
import { replyField, type ClientWorkload, type GeneratorContext, type Invocation } from '../workload.js';

/** Options of the lin-kv workload. */
export interface LinKvWorkloadOptions {
  /** Operations per key, before the 0.9–1 factor. @default 128 */
  readonly perKeyLimit?: number;
}

/** Values written and compared are 0…VALUES − 1. */
const VALUES = 5;

interface Group {
  key: number;
  operations: number;
  limit: number;
}

/** The lin-kv workload. */
export function linKvWorkload(options: LinKvWorkloadOptions = {}): ClientWorkload {
  const perKeyLimit = options.perKeyLimit ?? 128;
  const groups = new Map<number, Group>();
  let nextKey = 0;

  const groupOf = (context: GeneratorContext, index: number): Group => {
    let group = groups.get(index);
    if (group === undefined || group.operations >= group.limit) {
      group = { key: nextKey++, operations: 0, limit: Math.floor((0.9 + 0.1 * context.random.uniform()) * perKeyLimit) };
      groups.set(index, group);
    }
    return group;
  };

  return {
    name: 'lin-kv',
    next(context) {
      const { threads, nodes, random, process } = context;
      const size = Math.min(2 * nodes.length, threads);
      const thread = process % threads;
      const index = Math.floor(thread / size);
      // The last group has the threads left over.
      const members = Math.min(size, threads - index * size);
      const member = thread - index * size;
      const group = groupOf(context, index);
      group.operations++;
      const key = group.key;
      const value = (): number => Math.floor(random.uniform() * VALUES);
      // A group's first half reads; the rest writes or cas-es (a group of one does all three).
      const choice = members === 1 ? Math.floor(random.uniform() * 4) - 1 : member < Math.floor(members / 2) ? -1 : Math.floor(random.uniform() * 3);
      if (choice < 0) return { f: 'read', key, value: null };
      if (choice === 0) return { f: 'write', key, value: value() };
      return { f: 'cas', key, value: [value(), value()] };
    },
    finalOps: [],
    request: (op: Invocation) => {
      if (op.f === 'read') return { type: 'read', key: op.key };
      if (op.f === 'write') return { type: 'write', key: op.key, value: op.value };
      const [from, to] = op.value as [number, number];
      return { type: 'cas', key: op.key, from, to };
    },
    complete: (op, reply) => (op.f === 'read' ? replyField(reply, 'value', (value): value is unknown => value !== undefined, 'the value read') : null),
    readOnly: new Set(['read']),
  };
}
