/**
 * The result files of a run's logical messages, as CSV text: deliveries.csv (one row per
 * ledger row: a message to one receiver, with its attempts, copies and outcome) and
 * broadcasts.csv (one row per broadcast: how far it reached and what it cost). Columns are
 * documented in the README.
 */
import { stringify } from 'csv-stringify/sync';
import { Pattern, PATTERN_NAMES, SETTLEMENT_NAMES } from '../messaging/observer.js';
import { deliveryOutcome } from '../stats/delivery-metrics.js';
import type { RunRecord } from '../stats/record.js';
import { framesOf, rowFrames, type RowFrames } from '../stats/traces.js';
import { numberCell } from './format.js';

/** Columns of deliveries.csv. */
export const DELIVERY_COLUMNS = [
  'flow',
  'pattern',
  'row',
  'group',
  'src',
  'dst',
  'sent_s',
  'delivered_s',
  'delay_s',
  'attempts',
  'copies',
  'suppressed',
  'outcome',
  'settlement',
  'settled_s',
] as const;

/** Columns of broadcasts.csv. */
export const BROADCAST_COLUMNS = ['flow', 'broadcast', 'origin', 'sent_s', 'receivers', 'reached', 'coverage', 'messages', 'suppressed', 'last_delivery_s'] as const;

/** Rows per chunk of deliveries.csv, bounding memory for big runs. */
const CHUNK_ROWS = 20_000;

/** deliveries.csv of a run, in chunks of text (the first one is the header). */
export function* deliveriesCsv(record: RunRecord): Generator<string> {
  const ledger = record.ledger;
  yield stringify([[...DELIVERY_COLUMNS]]);
  for (let start = 0; start < ledger.length; start += CHUNK_ROWS) {
    const end = Math.min(start + CHUNK_ROWS, ledger.length);
    const rows: string[][] = [];
    for (let row = start; row < end; row++) {
      const flow = ledger.flow[row]!;
      const group = ledger.group[row]!;
      const opened = ledger.openedAt[row]!;
      const delivered = ledger.deliveredAt[row]!;
      rows.push([
        flow < 0 ? '' : ledger.flowNames[flow]!,
        PATTERN_NAMES[ledger.pattern[row]!]!,
        String(row),
        group < 0 ? '' : String(group),
        ledger.nodeNames[ledger.src[row]!]!,
        ledger.nodeNames[ledger.dst[row]!]!,
        numberCell(opened),
        numberCell(delivered),
        numberCell(delivered - opened),
        String(ledger.attempts[row]!),
        String(ledger.copies[row]!),
        String(ledger.suppressedCopies[row]!),
        deliveryOutcome(ledger, row),
        SETTLEMENT_NAMES[ledger.settlement[row]!]!,
        numberCell(ledger.settledAt[row]!),
      ]);
    }
    yield stringify(rows);
  }
}

/** broadcasts.csv of a run: per broadcast, its reach, the messages it took and the copies suppressed. */
export function broadcastsCsv(record: RunRecord): string {
  const ledger = record.ledger;
  const journal = record.journal;
  // Grouping the journal by row costs a pass over it: only for runs that broadcast.
  let frames: RowFrames | undefined;
  const rows: string[][] = [];
  let row = 0;
  while (row < ledger.length) {
    if (ledger.pattern[row] !== Pattern.Broadcast || ledger.group[row] !== row) {
      row++;
      continue;
    }
    const first = row;
    let reached = 0;
    let suppressed = 0;
    let lastDelivery = NaN;
    for (; row < ledger.length && ledger.group[row] === first; row++) {
      if (ledger.copies[row]! > 0) {
        reached++;
        const at = ledger.deliveredAt[row]!;
        if (!(at <= lastDelivery)) lastDelivery = at;
      }
      suppressed += ledger.suppressedCopies[row]!;
    }
    const receivers = row - first;
    let messages = 0;
    frames ??= rowFrames(record);
    for (const id of framesOf(frames, first)) if (journal.copyOf[id] === -1) messages++;
    const flow = ledger.flow[first]!;
    rows.push([
      flow < 0 ? '' : ledger.flowNames[flow]!,
      String(first),
      ledger.nodeNames[ledger.src[first]!]!,
      numberCell(ledger.openedAt[first]!),
      String(receivers),
      String(reached),
      numberCell(reached / receivers),
      String(messages),
      String(suppressed),
      numberCell(lastDelivery),
    ]);
  }
  return stringify([[...BROADCAST_COLUMNS], ...rows]);
}
