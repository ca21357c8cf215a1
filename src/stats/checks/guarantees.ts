/**
 * Checks of delivery guarantees, over a flow's ledger rows.
 *
 * `delivered_ratio` and `attempts_mean` (point-to-point, at-least-once or exactly-once):
 * when each transmission is an independent trial — data surviving the route with
 * probability 1 − p, its acknowledgement surviving the way back with 1 − p_ack — a message
 * sent up to r + 1 times is delivered with probability 1 − p^(r+1), and the sender makes
 * (1 − q^(r+1)) / (1 − q) transmissions on average, q = 1 − (1 − p)(1 − p_ack) the chance
 * that a round trip fails. The second holds only while every acknowledgement that comes back
 * arrives before the next retransmission; a run where one came late is not compared.
 *
 * `duplicates` (exactly-once): no message handed over twice. `reordered` (ordered): no
 * message handed over before one sent earlier on its channel (sender → receiver).
 */
import { Settlement } from '../../messaging/observer.js';
import { Outcome } from '../../net/outcome.js';
import type { P2pFlowSpec } from '../../workload/p2p.js';
import { endsAtReceiver } from '../delivery-metrics.js';
import { normalInterval } from '../intervals.js';
import { framesOf } from '../traces.js';
import type { DeliveryContext } from './context.js';
import { lossBetween } from './path-loss.js';
import { countRow, intervalRow, type CheckRow } from './rows.js';
import { Trials } from './trials.js';

/**
 * duplicates and reordered, as the flow's guarantee calls for: for patterns whose receivers
 * hand each message over once, in order per channel, when the guarantee says so (not a work
 * queue, whose tasks may run twice, nor a broadcast, always at most once).
 */
export function guaranteeRows(flow: DeliveryContext): CheckRow[] {
  const spec = flow.spec;
  const rows: CheckRow[] = [];
  if (spec.delivery === 'exactly-once') {
    rows.push(countRow(spec.name, 'duplicates', flow.metrics.duplicates, 0, 'exactly-once: no message handed over twice'));
  }
  if (spec.ordered) rows.push(countRow(spec.name, 'reordered', reordered(flow), 0, 'FIFO: handed over in send order per channel'));
  return rows;
}

/** Rows handed over before a row opened earlier on the same channel. */
function reordered(flow: DeliveryContext): number {
  const ledger = flow.run.record.ledger;
  const latest = new Map<number, number>();
  let count = 0;
  for (const row of flow.rows) {
    const order = ledger.deliveryOrder[row]!;
    if (order < 0 || !endsAtReceiver(ledger, row)) continue;
    const channel = ledger.src[row]! * ledger.nodeNames.length + ledger.dst[row]!;
    const before = latest.get(channel) ?? -1;
    if (order < before) count++;
    else latest.set(channel, order);
  }
  return count;
}

/** delivered_ratio and attempts_mean of a reliable point-to-point flow, when the model applies. */
export function retryRows(flow: DeliveryContext<P2pFlowSpec>): CheckRow[] {
  const { run, spec } = flow;
  const record = run.record;
  const ledger = record.ledger;
  if (spec.delivery === 'at-most-once') return [];
  if (record.nodeFaults.some((fault) => fault.kind !== 'clock') || flow.rows.length === 0) return [];
  if (flow.rows.some((row) => ledger.settlement[row] === Settlement.Open)) return [];
  const p = lossBetween(run, spec.from, spec.to);
  const pAck = lossBetween(run, spec.to, spec.from);
  if (p === undefined) return [];
  const r = spec.retry.maxRetries;
  const delivered = new Trials();
  for (const row of flow.rows) delivered.add(1 - p ** (r + 1), ledger.copies[row]! > 0 || ledger.suppressedCopies[row]! > 0);
  const rows = [delivered.ratioRow(spec.name, 'delivered_ratio', '1 - p^(r+1), p = 1 - Π(1 - loss) over the route')!];
  if (pAck === undefined || flow.rows.some((row) => ackCameLate(flow, row))) return rows;
  const q = p + pAck - p * pAck;
  const expected = q === 1 ? r + 1 : (1 - q ** (r + 1)) / (1 - q);
  let sum = 0;
  let sumSquares = 0;
  for (const row of flow.rows) {
    const attempts = ledger.attempts[row]!;
    sum += attempts;
    sumSquares += attempts * attempts;
  }
  const n = flow.rows.length;
  const mean = sum / n;
  const variance = n > 1 ? (sumSquares - n * mean * mean) / (n - 1) : 0;
  rows.push(
    intervalRow(
      spec.name,
      'attempts_mean',
      mean,
      expected,
      normalInterval(mean, Math.max(variance, 0), n),
      'normal',
      '(1 - q^(r+1))/(1 - q), q = 1 - (1 - p)(1 - p_ack)',
    ),
  );
  return rows;
}

/**
 * Whether an acknowledgement of the row arrived after the sender had retransmitted the data
 * it acknowledged: the first ack to arrive answers the copy delivered when it was sent, and no
 * copy may have left the sender between then and its arrival.
 */
function ackCameLate(flow: DeliveryContext, row: number): boolean {
  const journal = flow.run.record.journal;
  const frames = framesOf(flow.run.frames, row);
  const data = journal.findFlow(flow.spec.name);
  let ackSent = NaN;
  let ackArrived = Infinity;
  for (const id of frames) {
    if (journal.flow[id] === data || journal.outcome[id] !== Outcome.Delivered) continue;
    if (journal.receivedAt[id]! < ackArrived) {
      ackArrived = journal.receivedAt[id]!;
      ackSent = journal.sentAt[id]!;
    }
  }
  if (ackArrived === Infinity) return false;
  for (const id of frames) {
    if (journal.flow[id] !== data || journal.copyOf[id] !== -1) continue;
    const sent = journal.sentAt[id]!;
    if (sent > ackSent && sent < ackArrived) return true;
  }
  return false;
}
