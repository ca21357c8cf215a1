/**
 * The result files of one run, as CSV text: messages.csv (one row per message) and
 * summary.csv (one row per flow and checked metric). Written with csv-stringify; the CLI
 * puts them on disk. Columns are documented in the README.
 */
import { stringify } from 'csv-stringify/sync';
import { OUTCOME_NAMES } from '../net/outcome.js';
import type { FlowCheck } from '../stats/checks.js';
import type { RunRecord } from '../stats/record.js';
import { numberCell } from './format.js';

/** Columns of messages.csv. */
export const MESSAGE_COLUMNS = ['flow', 'id', 'src', 'dst', 'bytes', 'sent_s', 'received_s', 'delay_s', 'outcome'] as const;

/** Columns of summary.csv. */
export const SUMMARY_COLUMNS = [
  'flow',
  'metric',
  'measured',
  'expected',
  'abs_error',
  'rel_error',
  'formula',
  'ok',
  'tolerance',
] as const;

/** Rows per chunk of messages.csv, bounding memory for big runs. */
const CHUNK_ROWS = 20_000;

/** messages.csv of a run, in chunks of text (the first one starts with the header). */
export function* messagesCsv(record: RunRecord): Generator<string> {
  const journal = record.journal;
  const nodes = record.nodeNames;
  const flows = journal.flowNames;
  yield stringify([MESSAGE_COLUMNS as unknown as string[]]);
  for (let start = 0; start < journal.length; start += CHUNK_ROWS) {
    const end = Math.min(start + CHUNK_ROWS, journal.length);
    const rows: string[][] = [];
    for (let id = start; id < end; id++) {
      const flow = journal.flow[id]!;
      const sent = journal.sentAt[id]!;
      const received = journal.receivedAt[id]!;
      rows.push([
        flow < 0 ? '' : flows[flow]!,
        String(id),
        nodes[journal.src[id]!]!,
        nodes[journal.dst[id]!]!,
        String(journal.bytes[id]!),
        numberCell(sent),
        numberCell(received),
        numberCell(received - sent),
        OUTCOME_NAMES[journal.outcome[id]!]!,
      ]);
    }
    yield stringify(rows);
  }
}

/** summary.csv of a run's checks. */
export function summaryCsv(checks: readonly FlowCheck[]): string {
  const rows = checks.flatMap((check) =>
    check.rows.map((row) => [
      row.flow,
      row.metric,
      numberCell(row.measured),
      numberCell(row.expected),
      numberCell(row.absError),
      numberCell(row.relError),
      row.formula,
      row.ok ? 'true' : 'false',
      row.tolerance,
    ]),
  );
  return stringify([SUMMARY_COLUMNS as unknown as string[], ...rows]);
}
