/**
 * The g-counter workload's checker, as Maelstrom's pn-counter checker judges a history:
 * every final read (a read invoked in the final phase that succeeded) must be the sum of
 * the acknowledged adds plus the deltas of some subset of the adds whose outcome is unknown
 * (each may or may not have happened); failed adds did not. The acceptable sums are kept as
 * disjoint integer ranges, merged as they touch.
 */
import { countRow, infoRow, withEvidence, type CheckRow } from '../../checks/rows.js';
import { pairOperations, type Operation } from '../entry.js';
import { evidenceList, type CheckerInput } from './context.js';

/** Closed integer ranges [low, high], sorted and disjoint. */
export type Ranges = readonly (readonly [number, number])[];

/** Ranges kept before the set is widened to one range (a bound, not exact, past it). */
const RANGES_MAX = 10_000;

/** The sums the counter may hold: the acknowledged deltas' sum, plus any subset of the unknown ones. */
export function acceptableSums(adds: readonly Operation[]): Ranges {
  const definite = deltaSum(adds, 'ok');
  let ranges: [number, number][] = [[definite, definite]];
  for (const op of adds) {
    const delta = Number(op.input);
    if (op.outcome !== 'unknown' || delta === 0 || !Number.isFinite(delta)) continue;
    ranges = mergeRanges([...ranges, ...ranges.map(([low, high]): [number, number] => [low + delta, high + delta])]);
    if (ranges.length > RANGES_MAX) ranges = [[ranges[0]![0], ranges[ranges.length - 1]![1]]];
  }
  return ranges;
}

/** The sum of the deltas of the adds with this outcome. */
function deltaSum(adds: readonly Operation[], outcome: Operation['outcome']): number {
  return adds.filter((op) => op.outcome === outcome).reduce((sum, op) => sum + Number(op.input), 0);
}

/** Sorts ranges and merges those that overlap or touch. */
function mergeRanges(ranges: [number, number][]): [number, number][] {
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [low, high] of ranges) {
    const last = merged[merged.length - 1];
    if (last !== undefined && low <= last[1] + 1) last[1] = Math.max(last[1], high);
    else merged.push([low, high]);
  }
  return merged;
}

/** Whether `value` is an integer in one of the ranges. */
export function inRanges(ranges: Ranges, value: unknown): boolean {
  return typeof value === 'number' && Number.isInteger(value) && ranges.some(([low, high]) => value >= low && value <= high);
}

function rangesText(ranges: Ranges): string {
  const shown = ranges.slice(0, 4).map(([low, high]) => (low === high ? `${low}` : `${low}..${high}`));
  return ranges.length > 4 ? `${shown.join(', ')}, … (${ranges.length} ranges)` : shown.join(', ');
}

/** Rows: final reads outside the acceptable sums (must be none), then the sums. */
export function checkGCounter({ history, record, subject }: CheckerInput): CheckRow[] {
  const finalAt = record.program?.finalAt ?? Infinity;
  const operations = pairOperations(history);
  const adds = operations.filter((op) => op.f === 'add');
  const acceptable = acceptableSums(adds);
  const finals = operations.filter((op) => op.f === 'read' && op.outcome === 'ok' && (op.invokeTime ?? 0) >= finalAt);
  const wrong = finals.filter((op) => !inRanges(acceptable, op.output));
  const evidence = evidenceList(wrong.map((op) => `process ${op.process} read ${JSON.stringify(op.output ?? null)}, acceptable ${rangesText(acceptable)}`), 3);
  const definite = deltaSum(adds, 'ok');
  const unknown = deltaSum(adds, 'unknown');
  return [
    withEvidence(countRow(subject, 'wrong_final_reads', wrong.length, 0, 'final reads other than the acknowledged adds plus some of the unknown ones'), evidence),
    infoRow(subject, 'final_reads', finals.length, 'successful reads invoked in the final phase'),
    infoRow(subject, 'acknowledged_sum', definite, 'sum of the acknowledged deltas'),
    infoRow(subject, 'possible_sum_max', definite + unknown, 'sum of the acknowledged deltas and those of unknown outcome'),
  ];
}
