/**
 * Per-flow measurements over the delivery ledger: logical messages as the messaging layer
 * saw them — delivered, duplicated, retried, given up, replied, timed out, completed — with
 * their delays, and the outcome names results write for them.
 *
 * A flow's messages are its rows that end at a receiver: every row but a publication's
 * trip to its broker (whose events to subscribers are rows of their own).
 */
import { Pattern, Settlement, SETTLEMENT_NAMES } from '../messaging/observer.js';
import { type DeliveryLedger } from './ledger.js';

/** What a flow's logical messages did. Times in seconds. */
export interface DeliveryMetrics {
  readonly flow: string;
  /** Messages, one per receiver (a request, an event to a subscriber, a broadcast to a node, a task). */
  readonly messages: number;
  /** Messages handed to the receiving application at least once. */
  readonly delivered: number;
  /** Messages handed over more than once (a task redelivered, an at-least-once duplicate). */
  readonly duplicates: number;
  /** Copies the receiver did not hand over (duplicates, filtered events, broadcasts seen before). */
  readonly suppressed: number;
  /** Messages transmitted more than once by their sender. */
  readonly retried: number;
  /** Messages whose sender gave up retransmitting. */
  readonly gaveUp: number;
  /** Requests answered, and requests that timed out. */
  readonly replied: number;
  readonly timedOut: number;
  /** Tasks completed. */
  readonly completed: number;
  /** Events never sent: the subscription had not reached the fan-out point before the publication. */
  readonly notSubscribed: number;
  /** Mean time from first send to first hand-over, over delivered messages; NaN if none. */
  readonly delayMean: number;
  /**
   * Mean time from first send to the sender's settlement (reply, acknowledgement, completion;
   * not giving up or timing out), over messages so settled; NaN if none.
   */
  readonly settleMean: number;
}

/**
 * Whether a row ends at a receiver: every row but a publication's trip to its fan-out point
 * (its broker, or its own publisher), which pub/sub opens outside any group and whose events
 * are rows of their own. The code read here is the messaging primitive that opened the row
 * (the ledger's `pattern` column), not a flow's pattern: a pattern added with
 * `registerPattern` has no code of its own, and its rows are told apart by the primitives
 * it sends with, as the built-ins' are.
 */
export function endsAtReceiver(ledger: DeliveryLedger, row: number): boolean {
  return ledger.pattern[row] !== Pattern.PubSub || ledger.group[row]! >= 0;
}

/**
 * Outcome of a ledger row, as deliveries.csv writes it: replied, timed_out or completed for
 * requests and tasks that got that far; not_subscribed for an event never sent because its
 * subscription was not yet in place; otherwise delivered, retried (delivered once, after
 * more than one transmission), delivered_duplicate (handed over more than once), gave_up
 * (never delivered; the sender ran out of retries) or not_delivered.
 */
export function deliveryOutcome(ledger: DeliveryLedger, row: number): string {
  switch (ledger.settlement[row]) {
    case Settlement.Replied:
      return 'replied';
    case Settlement.TimedOut:
      return 'timed_out';
    case Settlement.Completed:
      return 'completed';
    case Settlement.NotSubscribed:
      return 'not_subscribed';
  }
  const copies = ledger.copies[row]!;
  if (copies > 1) return 'delivered_duplicate';
  if (copies === 1) return ledger.attempts[row]! > 1 ? 'retried' : 'delivered';
  return ledger.settlement[row] === Settlement.GaveUp ? 'gave_up' : 'not_delivered';
}

/** The ledger rows of each flow, by flow name, in the order they were opened. */
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

/** Measures a flow's ledger rows (those that end at a receiver). */
export function measureDeliveries(ledger: DeliveryLedger, flow: string, rows: readonly number[]): DeliveryMetrics {
  let messages = 0;
  let delivered = 0;
  let duplicates = 0;
  let suppressed = 0;
  let retried = 0;
  let delaySum = 0;
  let settledCount = 0;
  let settleSum = 0;
  const settled = SETTLEMENT_NAMES.map(() => 0);
  for (const row of rows) {
    if (!endsAtReceiver(ledger, row)) continue;
    messages++;
    const copies = ledger.copies[row]!;
    const settlement = ledger.settlement[row]!;
    if (copies >= 1) {
      delivered++;
      delaySum += ledger.deliveredAt[row]! - ledger.openedAt[row]!;
    }
    if (copies > 1) duplicates++;
    suppressed += ledger.suppressedCopies[row]!;
    if (ledger.attempts[row]! > 1) retried++;
    settled[settlement]!++;
    if (settlement === Settlement.Acked || settlement === Settlement.Replied || settlement === Settlement.Completed) {
      settledCount++;
      settleSum += ledger.settledAt[row]! - ledger.openedAt[row]!;
    }
  }
  return {
    flow,
    messages,
    delivered,
    duplicates,
    suppressed,
    retried,
    gaveUp: settled[Settlement.GaveUp]!,
    replied: settled[Settlement.Replied]!,
    timedOut: settled[Settlement.TimedOut]!,
    completed: settled[Settlement.Completed]!,
    notSubscribed: settled[Settlement.NotSubscribed]!,
    delayMean: delivered === 0 ? NaN : delaySum / delivered,
    settleMean: settledCount === 0 ? NaN : settleSum / settledCount,
  };
}
