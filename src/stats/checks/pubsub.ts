/**
 * The delivery check of a publish/subscribe flow sent at most once: each event to a
 * subscriber is one transmission over the route from whoever fans out (the publisher, or the
 * broker) to the subscriber, so with Bernoulli loss the expected number that arrive is
 * Σ over events of Π (1 − loss) along the route — messages × subscribers × (1 − p) when every
 * publication matches every subscriber over like links. The count is Poisson-binomial;
 * compared by Wilson's interval on its share (trials.ts).
 */
import type { DeliveryContext } from './context.js';
import { lossBetween } from './path-loss.js';
import type { CheckRow } from './rows.js';
import { Trials } from './trials.js';

/** deliveries: events that reached their subscriber, against Σ Π (1 − loss). */
export function pubsubRows(flow: DeliveryContext): CheckRow[] {
  const { run, spec } = flow;
  if (spec.pattern !== 'pubsub' || spec.delivery !== 'at-most-once') return [];
  if (run.record.nodeFaults.some((fault) => fault.kind === 'crash')) return [];
  const ledger = run.record.ledger;
  const fanOut = spec.broker ?? spec.from;
  const survival = new Map<number, number | undefined>();
  const trials = new Trials();
  for (const row of flow.rows) {
    if (ledger.group[row]! < 0) continue;
    const dst = ledger.dst[row]!;
    if (!survival.has(dst)) {
      const loss = lossBetween(run, fanOut, ledger.nodeNames[dst]!);
      survival.set(dst, loss === undefined ? undefined : 1 - loss);
    }
    const p = survival.get(dst);
    if (p === undefined) return [];
    trials.add(p, ledger.copies[row]! > 0 || ledger.suppressedCopies[row]! > 0);
  }
  const row = trials.countRow(spec.name, 'deliveries', 'Σ events Π(1 - loss) over the route (messages × subscribers × (1 - p))');
  return row === undefined ? [] : [row];
}
