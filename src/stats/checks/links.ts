/**
 * Checks of link directions, reported under the subject `link:<link>:<from>><to>`:
 * `loss_rate` for Gilbert–Elliott loss (the stationary formula, with a Wilson interval whose
 * number of trials accounts for the chain's correlation), `duplicate_rate` for duplication,
 * and `jitter_mean` for jitter on links that may reorder (where FIFO holding does not bias
 * it). The hop journal is grouped by direction once, so the checks cost one pass over hops.
 */
import { meanOf, secondMomentOf } from '../../engine/distributions.js';
import { Fate } from '../../net/fates.js';
import { longRunLossRate, lossRateVariance } from '../../net/loss.js';
import { groupByKey } from '../grouped.js';
import { effectiveWilsonInterval, normalInterval, wilsonInterval } from '../intervals.js';
import type { TransmitterRecord } from '../record.js';
import type { RunContext } from './context.js';
import { intervalRow, type CheckRow } from './rows.js';

/** What one direction's hops (before any fault) show. */
interface DirectionTally {
  /** Hops that met the loss draw, and those it lost. */
  lossTrials: number;
  lost: number;
  /** Hops the queue admitted. */
  admitted: number;
  /** Extra delay of each arrival whose schedule was predicted. */
  jitter: number[];
}

/** Rows for every link direction that has something random to check. */
export function linkRows(run: RunContext): CheckRow[] {
  const { record } = run;
  const checked = record.transmitters.filter(({ link }) => typeof (link.loss ?? 0) !== 'number' || (link.duplicate ?? 0) > 0 || (link.jitter !== undefined && link.reorder === true));
  if (checked.length === 0) return [];
  const hops = record.hops;
  const byDirection = groupByKey(record.transmitters.length, hops.length, (hop) => hops.transmitter[hop]!);
  const copiesMade = copiesByDirection(run);
  const rows: CheckRow[] = [];
  for (const t of checked) {
    const link = t.link;
    const subject = `link:${link.name}:${record.nodeNames[t.from]}>${record.nodeNames[t.to]}`;
    const tally = tallyDirection(run, t, byDirection.items.subarray(byDirection.start[t.index]!, byDirection.start[t.index + 1]!));
    const loss = link.loss;
    if (loss !== undefined && typeof loss !== 'number' && tally.lossTrials > 0) {
      const measured = tally.lost / tally.lossTrials;
      const rate = longRunLossRate(loss);
      const interval = effectiveWilsonInterval(measured, tally.lossTrials, lossRateVariance(loss), rate);
      rows.push(intervalRow(subject, 'loss_rate', measured, rate, interval, 'Wilson (Markov)', '(1-pi_bad)*loss_good + pi_bad*loss_bad, pi_bad = p/(p+r)'));
    }
    if ((link.duplicate ?? 0) > 0 && tally.admitted > 0) {
      const made = copiesMade[t.index]!;
      rows.push(intervalRow(subject, 'duplicate_rate', made / tally.admitted, link.duplicate!, wilsonInterval(made, tally.admitted), 'Wilson', 'duplicate'));
    }
    const jitter = tally.jitter;
    if (link.jitter !== undefined && link.reorder === true && jitter.length > 1 && Number.isFinite(secondMomentOf(link.jitter))) {
      const mean = jitter.reduce((a, b) => a + b, 0) / jitter.length;
      const variance = jitter.reduce((a, b) => a + (b - mean) ** 2, 0) / (jitter.length - 1);
      rows.push(intervalRow(subject, 'jitter_mean', mean, meanOf(link.jitter), normalInterval(mean, variance, jitter.length), 'normal', 'E[jitter]'));
    }
  }
  return rows;
}

/** Counts a direction's hops admitted before any fault touched it. */
function tallyDirection(run: RunContext, t: TransmitterRecord, directionHops: Int32Array): DirectionTally {
  const { hops } = run.record;
  const { schedule } = run;
  const tally: DirectionTally = { lossTrials: 0, lost: 0, admitted: 0, jitter: [] };
  for (const h of directionHops) {
    if (hops.admittedAt[h]! >= t.faultedAt) continue;
    const fate = hops.fate[h]!;
    if (fate !== Fate.QueueFull) tally.admitted++;
    if (fate === Fate.Arrived || fate === Fate.Corrupted || fate === Fate.Lost) tally.lossTrials++;
    if (fate === Fate.Lost) tally.lost++;
    if (fate === Fate.Arrived && schedule.predicted[h] === 1) tally.jitter.push(hops.arrivedAt[h]! - schedule.finish[h]! - t.link.delaySeconds);
  }
  return tally;
}

/** Copies made by each direction: a copy's first hop is on the direction that made it. */
function copiesByDirection(run: RunContext): Float64Array {
  const { record, paths } = run;
  const copiesMade = new Float64Array(record.transmitters.length);
  for (let id = 0; id < record.journal.length; id++) {
    if (record.journal.copyOf[id] === -1 || paths.start[id]! === paths.start[id + 1]!) continue;
    copiesMade[record.hops.transmitter[paths.hops[paths.start[id]!]!]!]!++;
  }
  return copiesMade;
}
