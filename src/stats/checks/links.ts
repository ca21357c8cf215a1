/**
 * Checks of link directions, reported under the subject `link:<link>:<from>><to>`:
 * `loss_rate` for Gilbert–Elliott loss (the stationary formula, with an interval that
 * accounts for the chain's correlation), `duplicate_rate` for duplication, and `jitter_mean`
 * for jitter on links that may reorder (where FIFO holding does not bias it).
 */
import { meanOf, secondMomentOf } from '../../engine/distributions.js';
import { HopFate } from '../../net/outcome.js';
import { longRunLossRate, lossRateVariance } from '../../net/loss.js';
import { normalInterval, wilsonInterval } from '../intervals.js';
import type { RunContext } from './context.js';
import { intervalRow, type CheckRow } from './rows.js';

/** Rows for every link direction that has something random to check. */
export function linkRows(run: RunContext): CheckRow[] {
  const { record, schedule } = run;
  const hops = record.hops;
  const rows: CheckRow[] = [];
  const copiesMade = new Float64Array(record.transmitters.length);
  for (let id = 0; id < record.journal.length; id++) {
    if (record.journal.copyOf[id] === -1) continue;
    const firstHop = run.paths.hops[run.paths.start[id]!];
    if (firstHop !== undefined && run.paths.start[id]! < run.paths.start[id + 1]!) copiesMade[hops.transmitter[firstHop]!]!++;
  }
  for (const t of record.transmitters) {
    const link = t.link;
    const subject = `link:${link.name}:${record.nodeNames[t.from]}>${record.nodeNames[t.to]}`;
    let lossTrials = 0;
    let lost = 0;
    let admitted = 0;
    const jitter: number[] = [];
    for (let h = 0; h < hops.length; h++) {
      if (hops.transmitter[h] !== t.index || hops.admittedAt[h]! >= t.faultedAt) continue;
      const fate = hops.fate[h]!;
      if (fate !== HopFate.Refused) admitted++;
      if (fate === HopFate.Arrived || fate === HopFate.Corrupted || fate === HopFate.Lost) lossTrials++;
      if (fate === HopFate.Lost) lost++;
      if (fate === HopFate.Arrived && schedule.predicted[h] === 1) jitter.push(hops.arrivedAt[h]! - schedule.finish[h]! - link.delaySeconds);
    }
    const loss = link.loss;
    if (loss !== undefined && typeof loss !== 'number' && lossTrials > 0) {
      const measured = lost / lossTrials;
      rows.push(
        intervalRow(subject, 'loss_rate', measured, longRunLossRate(loss), normalInterval(measured, lossRateVariance(loss), lossTrials), 'normal (Markov)', '(1-pi_bad)*loss_good + pi_bad*loss_bad, pi_bad = p/(p+r)'),
      );
    }
    if ((link.duplicate ?? 0) > 0 && admitted > 0) {
      const made = copiesMade[t.index]!;
      rows.push(intervalRow(subject, 'duplicate_rate', made / admitted, link.duplicate!, wilsonInterval(made, admitted), 'Wilson', 'duplicate'));
    }
    if (link.jitter !== undefined && link.reorder === true && jitter.length > 1 && Number.isFinite(secondMomentOf(link.jitter))) {
      const mean = jitter.reduce((a, b) => a + b, 0) / jitter.length;
      const variance = jitter.reduce((a, b) => a + (b - mean) ** 2, 0) / (jitter.length - 1);
      rows.push(intervalRow(subject, 'jitter_mean', mean, meanOf(link.jitter), normalInterval(mean, variance, jitter.length), 'normal', 'E[jitter]'));
    }
  }
  return rows;
}
