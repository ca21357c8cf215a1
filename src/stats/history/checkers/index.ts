/**
 * Checks of what a workload's clients observed: the workload's own checker (its verdicts,
 * with evidence), then what Maelstrom reports of every workload — availability, messages per
 * operation and latency quantiles per function. Rows go to summary.csv under the subject
 * `workload:<kind>`; the workload's `targets` make verdicts of the rows they bound.
 */
import { infoRow, type CheckRow } from '../../checks/rows.js';
import type { RunRecord } from '../../record.js';
import { pairOperations } from '../entry.js';
import { checkEcho } from './echo.js';
import { framesBetweenNodes, type CheckerInput, type HistoryChecker } from './context.js';
import { checkGCounter } from './g-counter.js';
import { checkKafka } from './kafka.js';
import { checkLinKv } from './lin-kv.js';
import { checkUniqueIds } from './unique-ids.js';
import { LATENCY_QUANTILES, quantile, setRows } from './set-full.js';
import { BROADCAST_SET } from '../../../workload/clients/workloads/broadcast.js';
import { G_SET } from '../../../workload/clients/workloads/g-set.js';
import { frameRows } from './frames.js';
import { applyTargets, type WorkloadTargets } from './targets.js';

/** Each workload kind's checker. */
const CHECKERS: Readonly<Record<string, HistoryChecker>> = {
  echo: checkEcho,
  broadcast: (input) => [...setRows(input, BROADCAST_SET, input.record.program!.finalAt), ...frameRows(input)],
  'unique-ids': checkUniqueIds,
  'g-counter': checkGCounter,
  'g-set': (input) => setRows(input, G_SET, input.record.program!.finalAt),
  kafka: checkKafka,
  'lin-kv': checkLinKv,
};

/** The rows of a run's workload: none without one. */
export function workloadRows(record: RunRecord): CheckRow[] {
  const kind = record.program?.workload?.kind;
  if (kind === undefined || record.history === undefined) return [];
  const input: CheckerInput = { history: record.history, record, subject: `workload:${kind}` };
  const rows = [...(CHECKERS[kind]?.(input) ?? []), ...operationRows(input)];
  return applyTargets(rows, record.program!.workload!['targets'] as WorkloadTargets | undefined);
}

/**
 * Availability (operations that succeeded ÷ operations), messages per operation (frames
 * between nodes ÷ client operations, as Maelstrom's server msgs-per-op: clients talk to
 * their node off the network) and, per function, latency quantiles of its `ok` operations.
 */
function operationRows({ history, record, subject }: CheckerInput): CheckRow[] {
  const operations = pairOperations(history);
  const ok = operations.filter((op) => op.outcome === 'ok').length;
  const frames = framesBetweenNodes(record);
  const rows = [
    infoRow(subject, 'operations', operations.length, 'operations clients invoked'),
    infoRow(subject, 'availability', operations.length === 0 ? NaN : ok / operations.length, 'ok operations / operations'),
    infoRow(subject, 'msgs_per_op', operations.length === 0 ? NaN : frames / operations.length, 'frames sent between nodes / operations'),
  ];
  const functions = [...new Set(operations.map((op) => op.f))];
  for (const f of functions) {
    const latencies = operations
      .filter((op) => op.f === f && op.outcome === 'ok')
      .map((op) => (op.returnTime ?? 0) - (op.invokeTime ?? 0))
      .sort((a, b) => a - b);
    for (const [name, q] of LATENCY_QUANTILES) {
      if (name === 'p0') continue;
      rows.push(infoRow(subject, `latency_${f}_${name}`, quantile(latencies, q), `latency of ok ${f} operations (invoke to completion), quantile ${q}`));
    }
  }
  return rows;
}
