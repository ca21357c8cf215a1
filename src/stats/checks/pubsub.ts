/**
 * Checks of a publish/subscribe flow:
 *
 *   subscriptions   every subscription the scenario declares reached its fan-out point (the
 *                   broker, or the publisher): subscriptions are sent reliably, and one
 *                   that never arrived would cut its subscriber off. Exact count.
 *   not_subscribed  events never sent because a publication reached the fan-out point
 *                   before the subscription did: reported, never failing (it is the
 *                   scenario's timing, not a formula).
 *   deliveries      at most once: each event sent to a subscriber is one transmission over
 *                   the route from the fan-out point to the subscriber, so with Bernoulli
 *                   loss the expected number that arrive is Σ over events of Π (1 − loss)
 *                   along the route — messages × subscribers × (1 − p) when every
 *                   publication matches every declared subscriber over like links.
 *                   The count is Poisson-binomial; compared by Wilson's interval on its
 *                   share (trials.ts).
 */
import { labelOf, Settlement } from '../../messaging/observer.js';
import type { PubSubFlowSpec } from '../../workload/pubsub.js';
import type { DeliveryContext } from './context.js';
import { lossBetween } from './path-loss.js';
import { countRow, type CheckRow } from './rows.js';
import { Trials } from './trials.js';

/** subscriptions, not_subscribed and (at most once) deliveries. */
export function pubsubRows(flow: DeliveryContext<PubSubFlowSpec>): CheckRow[] {
  const { run, spec } = flow;
  // A crash loses a broker's subscriptions and makes a subscriber subscribe again.
  if (run.record.nodeFaults.some((fault) => fault.kind === 'crash')) return [];
  const rows = [subscriptionsRow(flow, spec.subscribers.length), notSubscribedRow(flow)];
  if (spec.delivery !== 'at-most-once') return rows;
  const deliveries = deliveriesRow(flow, spec.broker ?? spec.from);
  return deliveries === undefined ? rows : [...rows, deliveries];
}

/** Declared subscriptions registered at their fan-out point, against all declared. */
function subscriptionsRow(flow: DeliveryContext, declared: number): CheckRow {
  const ledger = flow.run.record.ledger;
  const label = ledger.flowNames.indexOf(labelOf(flow.spec.name, 'subscribe').text);
  let registered = 0;
  for (let row = 0; label >= 0 && row < ledger.length; row++) if (ledger.flow[row] === label && ledger.copies[row]! > 0) registered++;
  return countRow(flow.spec.name, 'subscriptions', registered, declared, 'every declared subscription registered at its fan-out point (sent at least once)');
}

/** Events not sent because their subscription was not yet in place: informational. */
function notSubscribedRow(flow: DeliveryContext): CheckRow {
  const ledger = flow.run.record.ledger;
  let missed = 0;
  for (const row of flow.rows) if (ledger.settlement[row] === Settlement.NotSubscribed) missed++;
  return {
    ...countRow(flow.spec.name, 'not_subscribed', missed, 0, 'publications × matching subscribers reaching the fan-out point before the subscription'),
    tolerance: 'informational',
    ok: true,
  };
}

/** deliveries: events sent that reached their subscriber, against Σ Π (1 − loss). */
function deliveriesRow(flow: DeliveryContext, fanOut: string): CheckRow | undefined {
  const { run, spec } = flow;
  const ledger = run.record.ledger;
  const survival = new Map<number, number | undefined>();
  const trials = new Trials();
  for (const row of flow.rows) {
    if (ledger.group[row]! < 0 || ledger.settlement[row] === Settlement.NotSubscribed) continue;
    const dst = ledger.dst[row]!;
    if (!survival.has(dst)) {
      const loss = lossBetween(run, fanOut, ledger.nodeNames[dst]!);
      survival.set(dst, loss === undefined ? undefined : 1 - loss);
    }
    const p = survival.get(dst);
    if (p === undefined) return undefined;
    trials.add(p, ledger.copies[row]! > 0 || ledger.suppressedCopies[row]! > 0);
  }
  return trials.countRow(spec.name, 'deliveries', 'Σ events sent Π(1 - loss) over the route (messages × subscribers × (1 - p))');
}
