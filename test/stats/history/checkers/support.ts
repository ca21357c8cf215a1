/**
 * Test helpers for the workload checkers: operations written as one call each, put in time
 * order; a checker's input for a hand-made history; and the verdict rows a run failed.
 */
import type { CheckRow } from '../../../../src/stats/checks/rows.js';
import type { CheckerInput } from '../../../../src/stats/history/checkers/context.js';
import type { RunRecord } from '../../../../src/stats/record.js';
import type { HistoryEntry } from '../../../../src/workload/clients/history.js';

/** How an operation ends, and the key it acts on (keyed workloads). */
export interface Ending {
  readonly type?: 'ok' | 'fail' | 'info';
  readonly key?: string | number;
}

/** An operation of process p from t0 to t1: its invocation with `input`, then its completion (an ok one records `output`). */
export function op(process: number, f: string, input: unknown, t0: number, t1: number, output: unknown = null, ending: Ending = {}): HistoryEntry[] {
  const type = ending.type ?? 'ok';
  const key = ending.key === undefined ? {} : { key: ending.key };
  return [
    { process, type: 'invoke', f, ...key, value: input, time: t0 },
    { process, type, f, ...key, value: type === 'ok' ? output : input, time: t1 },
  ];
}

/** Entries in time order (a stable sort keeps each invocation before its completion). */
export function timeline(...ops: HistoryEntry[][]): HistoryEntry[] {
  return ops.flat().sort((a, b) => a.time! - b.time!);
}

/** A checker's input: the history, and a run whose final phase began at `finalAt`. */
export function input(history: readonly HistoryEntry[], kind: string, finalAt = Infinity): CheckerInput {
  const record = { program: { nodes: [], services: [], workload: { kind }, finalAt } } as unknown as RunRecord;
  return { history, record, subject: `workload:${kind}` };
}

/** The rows that failed, as `metric=measured`. */
export function failed(rows: readonly CheckRow[]): string[] {
  return rows.filter((row) => !row.ok).map((row) => `${row.metric}=${row.measured}`);
}

/** The row of a metric. */
export function rowOf(rows: readonly CheckRow[], metric: string): CheckRow {
  const row = rows.find((candidate) => candidate.metric === metric);
  if (row === undefined) throw new Error(`no row ${metric} among ${rows.map((r) => r.metric).join(', ')}`);
  return row;
}
