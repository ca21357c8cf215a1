/**
 * Per-hop Bernoulli checks of a flow: `reliability` (each transmission over a link with
 * Bernoulli loss p survives with probability 1 − p: successful over total transmissions)
 * and `corruption` (each surviving transmission over a link that corrupts with probability
 * c arrives intact with probability 1 − c). Trials are hops, the fate of each decided by its
 * own draw (trials.ts gives the interval).
 */
import { HopFate } from '../../net/outcome.js';
import type { FlowContext } from './context.js';
import type { CheckRow } from './rows.js';
import { Trials } from './trials.js';

/** reliability (Bernoulli loss) and corruption rows over the flow's hops. */
export function bernoulliRows(flow: FlowContext): CheckRow[] {
  const { record, links } = flow.run;
  const hops = record.hops;
  const loss = new Trials();
  const corruption = new Trials();
  let corrupting = false;
  for (const hop of flow.hops) {
    const t = hops.transmitter[hop]!;
    if (hops.admittedAt[hop]! >= links.faultedAt[t]!) continue;
    const fate = hops.fate[hop]!;
    const passedLoss = fate === HopFate.Arrived || fate === HopFate.Corrupted;
    const p = links.bernoulliLoss[t]!;
    if (!Number.isNaN(p) && (passedLoss || fate === HopFate.Lost)) loss.add(1 - p, passedLoss);
    const c = links.corrupt[t]!;
    if (c > 0) corrupting = true;
    if (passedLoss) corruption.add(1 - c, fate === HopFate.Arrived);
  }
  const rows = [loss.ratioRow(flow.name, 'reliability', '1 - loss (per transmission)')];
  if (corrupting) rows.push(corruption.ratioRow(flow.name, 'corruption', '1 - corrupt (per transmission)'));
  return rows.filter((row): row is CheckRow => row !== undefined);
}
