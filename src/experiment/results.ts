/**
 * The result files of one run, as CSV text: messages.csv (one row per message on the wire),
 * links.csv (one row per link direction), summary.csv (one row per checked metric) and
 * history.jsonl (what a workload's clients observed);
 * delivery-results.ts writes those of logical messages. Written with
 * csv-stringify; the CLI puts them on disk. Columns are documented in the README.
 */
import { stringify } from 'csv-stringify/sync';
import { countsByOutcome, FATE_NAMES } from '../net/fates.js';
import { Outcome, OUTCOME_NAMES } from '../net/outcome.js';
import { allRows, type CheckReport } from '../stats/checks/index.js';
import { messagePaths } from '../stats/paths.js';
import type { RunRecord } from '../stats/record.js';
import { formatHistoryLine } from '../stats/history/jsonl.js';
import type { HistoryEntry } from '../workload/clients/history.js';
import { numberCell } from './format.js';

/** Columns of messages.csv. */
export const MESSAGE_COLUMNS = ['flow', 'id', 'src', 'dst', 'bytes', 'sent_s', 'received_s', 'delay_s', 'outcome', 'reason', 'hops', 'copy_of', 'row'] as const;

/** Columns of links.csv. */
export const LINK_COLUMNS = [
  'link',
  'direction',
  'bytes',
  'messages',
  'utilisation',
  'mean_queue',
  'max_queue',
  'dropped_queue',
  'dropped_fault',
  'lost',
  'corrupted',
  'duplicated',
] as const;

/** Columns of summary.csv. */
export const SUMMARY_COLUMNS = ['flow', 'metric', 'measured', 'expected', 'abs_error', 'rel_error', 'formula', 'ok', 'tolerance', 'evidence'] as const;

/** Rows per chunk of messages.csv, bounding memory for big runs. */
const CHUNK_ROWS = 20_000;

/** messages.csv of a run, in chunks of text (the first one is the header). */
export function* messagesCsv(record: RunRecord): Generator<string> {
  const journal = record.journal;
  const nodes = record.nodeNames;
  const flows = journal.flowNames;
  const paths = messagePaths(record);
  yield stringify([[...MESSAGE_COLUMNS]]);
  for (let start = 0; start < journal.length; start += CHUNK_ROWS) {
    const end = Math.min(start + CHUNK_ROWS, journal.length);
    const rows: string[][] = [];
    for (let id = start; id < end; id++) {
      const flow = journal.flow[id]!;
      const sent = journal.sentAt[id]!;
      const received = journal.receivedAt[id]!;
      const copyOf = journal.copyOf[id]!;
      const trace = journal.trace[id]!;
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
        FATE_NAMES[journal.fate[id]!]!,
        String(paths.start[id + 1]! - paths.start[id]!),
        copyOf < 0 ? '' : String(copyOf),
        trace < 0 ? '' : String(trace),
      ]);
    }
    yield stringify(rows);
  }
}

/** links.csv of a run: per link direction, traffic, queueing, and the messages it destroyed, by outcome. */
export function linksCsv(record: RunRecord): string {
  const end = record.endTime;
  const rows = record.transmitters.map((t) => {
    const ended = countsByOutcome(t.stats.drops);
    return [
      t.link.name,
      `${record.nodeNames[t.from]}>${record.nodeNames[t.to]}`,
      String(t.stats.bytes),
      String(t.stats.messages),
      numberCell(end > 0 ? t.busySeconds / end : NaN),
      numberCell(end > 0 ? t.waitSeconds / end : NaN),
      String(t.stats.maxQueue),
      String(ended[Outcome.Dropped]),
      String(ended[Outcome.DroppedFault]),
      String(ended[Outcome.Lost]),
      String(ended[Outcome.Corrupted]),
      String(t.stats.duplicated),
    ];
  });
  return stringify([[...LINK_COLUMNS], ...rows]);
}

/** summary.csv of a run's checks. */
export function summaryCsv(report: CheckReport): string {
  const rows = allRows(report).map((row) => [
    row.flow,
    row.metric,
    numberCell(row.measured),
    numberCell(row.expected),
    numberCell(row.absError),
    numberCell(row.relError),
    row.formula,
    row.ok ? 'true' : 'false',
    row.tolerance,
    row.evidence ?? '',
  ]);
  return stringify([[...SUMMARY_COLUMNS], ...rows]);
}

/** history.jsonl of a run: one line per entry of its clients' history, in the order they happened. */
export function historyJsonl(history: readonly HistoryEntry[]): string {
  let text = '';
  for (const entry of history) text += `${formatHistoryLine(entry)}\n`;
  return text;
}
