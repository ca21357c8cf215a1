/**
 * Maelstrom's g-set workload: clients `add` distinct elements (0, 1, 2, …) and `read` the
 * whole set, half and half at random; each client ends with a final read. Its checker is
 * Jepsen's set-full (stats/history/checkers/set-full.ts), as for broadcast.
 */
import { replyField, type ClientWorkload, type SetOperations } from '../workload.js';

/** How the workload's set operations are written: what adds, what reads the whole set. */
export const G_SET: SetOperations = { add: 'add', read: 'read' };

/** The g-set workload. */
export function gSetWorkload(): ClientWorkload {
  let nextElement = 0;
  return {
    name: 'g-set',
    next: ({ random }) => (random.uniform() < 0.5 ? { f: 'add', value: nextElement++ } : { f: 'read', value: null }),
    finalOps: [{ f: 'read', value: null }],
    request: (op) => (op.f === 'add' ? { type: 'add', element: op.value } : { type: 'read' }),
    complete: (op, reply) => (op.f === 'add' ? null : replyField(reply, 'value', Array.isArray, 'a list of elements')),
    readOnly: new Set(['read']),
    set: G_SET,
  };
}
