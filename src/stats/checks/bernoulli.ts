/**
 * Per-hop Bernoulli checks of a flow: `reliability` (each transmission over a link with
 * Bernoulli loss p survives with probability 1 − p: successful over total transmissions)
 * and `corruption` (each surviving transmission over a link that corrupts with probability
 * c arrives intact with probability 1 − c). Trials are hops, the fate of each decided by its
 * own draw; with one probability for all trials the interval is Wilson's, otherwise the
 * normal approximation of the Poisson-binomial count.
 */
import { HopFate } from '../../net/outcome.js';
import { normalInterval, wilsonInterval } from '../intervals.js';
import { hopsOf } from '../paths.js';
import type { FlowContext } from './context.js';
import { intervalRow, type CheckRow } from './rows.js';

/** Trials of one kind: how many, how many succeeded, and their success probabilities. */
class Trials {
  count = 0;
  successes = 0;
  private expectedSum = 0;
  private varianceSum = 0;
  private first: number | undefined;
  private uniform = true;

  add(successProbability: number, success: boolean): void {
    this.count++;
    if (success) this.successes++;
    this.expectedSum += successProbability;
    this.varianceSum += successProbability * (1 - successProbability);
    this.first ??= successProbability;
    if (successProbability !== this.first) this.uniform = false;
  }

  row(flow: string, metric: string, formula: string): CheckRow | undefined {
    if (this.count === 0) return undefined;
    const measured = this.successes / this.count;
    const expected = this.expectedSum / this.count;
    if (this.uniform) return intervalRow(flow, metric, measured, expected, wilsonInterval(this.successes, this.count), 'Wilson', formula);
    const interval = normalInterval(measured, this.varianceSum / this.count, this.count);
    return intervalRow(flow, metric, measured, expected, interval, 'normal', formula);
  }
}

/** reliability (Bernoulli loss) and corruption rows over the flow's hops. */
export function bernoulliRows(flow: FlowContext): CheckRow[] {
  const { record, paths } = flow.run;
  const hops = record.hops;
  const loss = new Trials();
  const corruption = new Trials();
  let corrupting = false;
  for (const id of flow.ids) {
    for (const hop of hopsOf(paths, id)) {
      const transmitter = record.transmitters[hops.transmitter[hop]!]!;
      if (hops.admittedAt[hop]! >= transmitter.faultedAt) continue;
      const fate = hops.fate[hop]!;
      const passedLoss = fate === HopFate.Arrived || fate === HopFate.Corrupted;
      const p = transmitter.link.loss ?? 0;
      if (typeof p === 'number' && (passedLoss || fate === HopFate.Lost)) loss.add(1 - p, passedLoss);
      const c = transmitter.link.corrupt ?? 0;
      if (c > 0) corrupting = true;
      if (passedLoss) corruption.add(1 - c, fate === HopFate.Arrived);
    }
  }
  const rows = [loss.row(flow.spec.name, 'reliability', '1 - loss (per transmission)')];
  if (corrupting) rows.push(corruption.row(flow.spec.name, 'corruption', '1 - corrupt (per transmission)'));
  return rows.filter((row): row is CheckRow => row !== undefined);
}
