/**
 * Maelstrom's g-counter workload: clients `add` a delta in 0…4 (its pn-counter's deltas
 * −5…4 without the negative ones) and `read` the counter, half and half at random; each
 * client ends with a final read. Its checker (stats/history/checkers/g-counter.ts) wants
 * every final read to be the sum of the acknowledged adds plus some of those whose outcome
 * is unknown.
 */
import { replyField, type ClientWorkload } from '../workload.js';

/** Largest delta an add sends. */
export const G_COUNTER_DELTA_MAX = 4;

/** The g-counter workload. */
export function gCounterWorkload(): ClientWorkload {
  return {
    name: 'g-counter',
    next: ({ random }) =>
      random.uniform() < 0.5 ? { f: 'add', value: Math.floor(random.uniform() * (G_COUNTER_DELTA_MAX + 1)) } : { f: 'read', value: null },
    finalOps: [{ f: 'read', value: null }],
    request: (op) => (op.f === 'add' ? { type: 'add', delta: op.value } : { type: 'read' }),
    complete: (op, reply) => (op.f === 'add' ? null : replyField(reply, 'value', (value): value is number => typeof value === 'number', 'the counter (a number)')),
    readOnly: new Set(['read']),
  };
}
