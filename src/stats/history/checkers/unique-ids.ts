/**
 * The unique-ids workload's checker, as Jepsen's unique-ids checker (which Maelstrom uses)
 * judges a history: no id may be handed out to two acknowledged generate operations. And,
 * as the Gossip Glomers challenge asks (total availability, even under partitions), every
 * operation must be acknowledged.
 */
import { boundRow, countRow, infoRow, withEvidence, type CheckRow } from '../../checks/rows.js';
import { pairOperations } from '../entry.js';
import { evidenceList, invokedBy, type CheckerInput } from './context.js';

/** Rows: duplicated ids (must be none), acknowledged share (must be 1), and counts. */
export function checkUniqueIds({ history, subject }: CheckerInput): CheckRow[] {
  const operations = pairOperations(history).filter((op) => op.f === 'generate');
  const acknowledged = operations.filter((op) => op.outcome === 'ok');
  const holders = new Map<string, number[]>();
  for (const op of acknowledged) {
    const id = JSON.stringify(op.output ?? null);
    const list = holders.get(id);
    if (list === undefined) holders.set(id, [op.process]);
    else list.push(op.process);
  }
  const duplicated = [...holders].filter(([, processes]) => processes.length > 1);
  const evidence = evidenceList(duplicated.map(([id, processes]) => `id ${id} to processes ${processes.join(', ')}`), 5);
  const unacknowledged = operations.filter((op) => op.outcome !== 'ok');
  const failures = evidenceList(unacknowledged.map((op) => `${invokedBy(op)}: ${op.outcome}`), 3);
  return [
    withEvidence(countRow(subject, 'duplicated_ids', duplicated.length, 0, 'ids handed out to more than one acknowledged generate'), evidence),
    withEvidence(
      boundRow(subject, 'total_availability', operations.length === 0 ? 1 : acknowledged.length / operations.length, 1, 'at-least', 'acknowledged generates / generates (every one must be)'),
      failures,
    ),
    infoRow(subject, 'acknowledged', acknowledged.length, 'acknowledged generates'),
    infoRow(subject, 'distinct_ids', holders.size, 'distinct ids acknowledged'),
  ];
}
