/**
 * What a workload's checker is given and what it gives back: the history, the run it came
 * from, and rows for summary.csv (a verdict or a measurement each, with its evidence).
 */
import type { HistoryEntry } from '../../../workload/clients/history.js';
import type { CheckRow } from '../../checks/rows.js';
import type { RunRecord } from '../../record.js';

/** What a checker reads. */
export interface CheckerInput {
  readonly history: readonly HistoryEntry[];
  readonly record: RunRecord;
  /** The subject of its rows: `workload:<kind>`. */
  readonly subject: string;
}

/** A workload's checker: rows for summary.csv. */
export type HistoryChecker = (input: CheckerInput) => CheckRow[];

/** Up to `max` items as evidence text, with how many more there are. */
export function evidenceList(items: readonly unknown[], max = 8): string {
  if (items.length === 0) return '';
  const shown = items.slice(0, max).map((item) => (typeof item === 'string' ? item : JSON.stringify(item)));
  return items.length > max ? `${shown.join(' ')} … (${items.length} in all)` : shown.join(' ');
}

/** An operation's invocation as evidence names it: `process 3 at t=1.25` (six decimals at most). */
export function invokedBy(op: { readonly process: number; readonly invokeTime?: number }): string {
  return `process ${op.process} at t=${op.invokeTime === undefined ? '?' : Number(op.invokeTime.toFixed(6))}`;
}

/**
 * Frames the nodes sent one another in a run (copies a duplicating link made left out): all
 * the journal holds, for a program's clients talk to their nodes off the network.
 */
export function framesBetweenNodes(record: RunRecord): number {
  const journal = record.journal;
  let frames = 0;
  for (let id = 0; id < journal.length; id++) if (journal.copyOf[id] === -1) frames++;
  return frames;
}
