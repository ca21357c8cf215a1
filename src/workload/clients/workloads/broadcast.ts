/**
 * Maelstrom's broadcast workload: clients `broadcast` distinct values (0, 1, 2, …) and
 * `read` a node's set of values, half and half at random; every node gets a `topology`
 * message at the start; each client ends with a final read. Its checker (stats/history/
 * checkers/broadcast.ts) wants every acknowledged value in every final read.
 */
import { topologyOf, type TopologyName } from '../topologies.js';
import { replyField, type ClientWorkload, type SetOperations } from '../workload.js';

/** Options of the broadcast workload. */
export interface BroadcastWorkloadOptions {
  /** The topology offered to nodes. @default 'grid' */
  readonly topology?: TopologyName;
}

/** How the workload's set operations are written: what adds, what reads the whole set. */
export const BROADCAST_SET: SetOperations = { add: 'broadcast', read: 'read' };

/** The broadcast workload. */
export function broadcastWorkload(options: BroadcastWorkloadOptions = {}): ClientWorkload {
  let nextValue = 0;
  const topology = options.topology ?? 'grid';
  return {
    name: 'broadcast',
    setup: (_node, nodes) => [{ type: 'topology', topology: topologyOf(topology, nodes) }],
    next: ({ random }) => (random.uniform() < 0.5 ? { f: 'broadcast', value: nextValue++ } : { f: 'read', value: null }),
    finalOps: [{ f: 'read', value: null }],
    request: (op) => (op.f === 'broadcast' ? { type: 'broadcast', message: op.value } : { type: 'read' }),
    complete: (op, reply) => (op.f === 'broadcast' ? null : replyField(reply, 'messages', Array.isArray, 'a list of values')),
    readOnly: new Set(['read']),
    set: BROADCAST_SET,
  };
}
