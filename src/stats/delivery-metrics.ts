/**
 * Per-flow measurements over the delivery ledger: logical messages as the messaging layer
 * saw them — delivered, duplicated, retried, given up, replied, timed out — and their
 * outcome names as results write them.
 */
import { Settlement, type DeliveryLedger } from '../messaging/ledger.js';

/** What a flow's logical messages did. */
export interface DeliveryMetrics {
  readonly flow: string;
  /** Ledger rows (one per message and receiver). */
  readonly messages: number;
  /** Rows handed to the receiving application at least once. */
  readonly delivered: number;
  /** Rows handed over more than once. */
  readonly duplicates: number;
  /** Copies suppressed by the receiver (de-duplication, ordering, filters, seen broadcasts). */
  readonly suppressed: number;
  /** Rows transmitted more than once. */
  readonly retried: number;
  readonly gaveUp: number;
  readonly replied: number;
  readonly timedOut: number;
  readonly completed: number;
}

/** Outcome of a ledger row, as deliveries.csv writes it. */
export function deliveryOutcome(ledger: DeliveryLedger, row: number): string {
  switch (ledger.settlement[row]) {
    case Settlement.Replied:
      return 'replied';
    case Settlement.TimedOut:
      return 'timed_out';
    case Settlement.Completed:
      return 'completed';
  }
  const copies = ledger.copies[row]!;
  if (copies > 1) return 'duplicate';
  if (copies === 1) return 'delivered';
  return ledger.settlement[row] === Settlement.GaveUp ? 'gave_up' : 'not_delivered';
}

/** The ledger rows of each flow, by flow name. */
export function ledgerRowsByFlow(ledger: DeliveryLedger): Map<string, number[]> {
  const rows = new Map<string, number[]>();
  for (let row = 0; row < ledger.length; row++) {
    const flow = ledger.flow[row]!;
    if (flow < 0) continue;
    const name = ledger.flowNames[flow]!;
    let list = rows.get(name);
    if (list === undefined) rows.set(name, (list = []));
    list.push(row);
  }
  return rows;
}

/** Measures a flow's ledger rows. */
export function measureDeliveries(ledger: DeliveryLedger, flow: string, rows: readonly number[]): DeliveryMetrics {
  let delivered = 0;
  let duplicates = 0;
  let suppressed = 0;
  let retried = 0;
  const settled = [0, 0, 0, 0, 0, 0];
  for (const row of rows) {
    const copies = ledger.copies[row]!;
    if (copies >= 1) delivered++;
    if (copies > 1) duplicates++;
    suppressed += ledger.suppressedCopies[row]!;
    if (ledger.attempts[row]! > 1) retried++;
    settled[ledger.settlement[row]!]!++;
  }
  return {
    flow,
    messages: rows.length,
    delivered,
    duplicates,
    suppressed,
    retried,
    gaveUp: settled[Settlement.GaveUp]!,
    replied: settled[Settlement.Replied]!,
    timedOut: settled[Settlement.TimedOut]!,
    completed: settled[Settlement.Completed]!,
  };
}
