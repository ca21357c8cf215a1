/**
 * Frames a broadcast protocol sends, against the formula of its method, exactly: where a
 * scenario names the method its protocol uses (`workload.frames`), the frames sent between
 * nodes must equal the acknowledged broadcasts times the method's frames per broadcast over
 * the topology offered to the nodes. It holds with no loss and no faults: then every value
 * reaches every node, each node forwarding it once.
 */
import { countRow, type CheckRow } from '../../checks/rows.js';
import { topologyOf, type TopologyName } from '../../../workload/clients/topologies.js';
import { pairOperations } from '../entry.js';
import { framesBetweenNodes, type CheckerInput } from './context.js';

/** Broadcast methods whose frame counts have a formula. */
export const FRAME_FORMULAS = ['flooding', 'flooding-acked', 'direct', 'direct-acked'] as const;

/** A method of {@link FRAME_FORMULAS}. */
export type FrameFormula = (typeof FRAME_FORMULAS)[number];

/**
 * Frames per broadcast of `method` over `topology` (node → neighbours) of N nodes:
 * flooding, Σ deg(v) − (N − 1) (the origin sends to all its neighbours, every other node,
 * once, to all but the one it first got the value from); direct, N − 1 (the origin to every
 * other node); an acknowledged method twice its count.
 */
export function framesPerBroadcast(method: FrameFormula, topology: Readonly<Record<string, readonly string[]>>, nodes: number): number {
  let degrees = 0;
  for (const neighbours of Object.values(topology)) degrees += neighbours.length;
  const once = method.startsWith('flooding') ? degrees - (nodes - 1) : nodes - 1;
  return method.endsWith('-acked') ? 2 * once : once;
}

/** The `frames_sent` row of a broadcast run whose scenario names its method; none otherwise. */
export function frameRows({ history, record, subject }: CheckerInput): CheckRow[] {
  const workload = record.program?.workload;
  const method = workload?.['frames'] as FrameFormula | undefined;
  if (method === undefined) return [];
  const nodes = record.program!.nodes;
  const topologyName = (workload!['topology'] as TopologyName | undefined) ?? 'grid';
  const perBroadcast = framesPerBroadcast(method, topologyOf(topologyName, nodes), nodes.length);
  const broadcasts = pairOperations(history).filter((op) => op.f === 'broadcast' && op.outcome === 'ok').length;
  const frames = framesBetweenNodes(record);
  const formula = method.startsWith('flooding') ? 'Σ deg(v) − (N − 1)' : 'N − 1';
  const acked = method.endsWith('-acked') ? '2 × ' : '';
  const over = method.startsWith('flooding') ? ` over ${topologyName}` : '';
  return [countRow(subject, 'frames_sent', frames, broadcasts * perBroadcast, `acknowledged broadcasts × ${acked}(${formula}) (${method}${over}: ${perBroadcast} a broadcast)`)];
}
