/**
 * What every label's hops show, tallied in one pass over the hop journal in the order the
 * hops happened (so the journal is read front to back, not once per flow at scattered
 * places): the Bernoulli trials of loss and of corruption that bernoulli.ts checks, and the
 * refusals of bounded queues against the hop schedule's that queueing.ts checks. Hops of
 * messages sent before the warm-up ends are left out, and so are hops admitted after a fault
 * touched their direction where the checks say so.
 */
import { Fate } from '../../net/fates.js';
import type { RunContext } from './context.js';
import { Trials } from './trials.js';

/** One label's hops, tallied. */
export interface HopTally {
  /** Each hop over a link with Bernoulli loss p: survived the loss draw, with probability 1 − p. */
  readonly loss: Trials;
  /** Each hop that survived loss: arrived intact, with probability 1 − corrupt. */
  readonly corruption: Trials;
  /** Whether a hop went over a link that corrupts. */
  corrupting: boolean;
  /** Whether a hop went over a bounded queue. */
  bounded: boolean;
  /** Hops the schedule predicted that a full queue refused, and that the schedule refuses. */
  refused: number;
  refusedExpected: number;
}

const talliesByRun = new WeakMap<RunContext, HopTally[]>();

/** The tally of label `label`'s hops (an empty one for a label that sent nothing). */
export function hopTally(run: RunContext, label: number): HopTally {
  let tallies = talliesByRun.get(run);
  if (tallies === undefined) {
    tallies = tallyHops(run);
    talliesByRun.set(run, tallies);
  }
  return tallies[label] ?? emptyTally();
}

function emptyTally(): HopTally {
  return { loss: new Trials(), corruption: new Trials(), corrupting: false, bounded: false, refused: 0, refusedExpected: 0 };
}

function tallyHops(run: RunContext): HopTally[] {
  const { record, links, schedule, since } = run;
  const { journal, hops } = record;
  const tallies = journal.flowNames.map(() => emptyTally());
  for (let hop = 0; hop < hops.length; hop++) {
    const id = hops.message[hop]!;
    const tally = tallies[journal.flow[id]!];
    if (tally === undefined || journal.sentAt[id]! < since) continue;
    const t = hops.transmitter[hop]!;
    const fate = hops.fate[hop]!;
    if (links.bounded[t] === 1) tally.bounded = true;
    if (schedule.predicted[hop] === 1) {
      if (fate === Fate.QueueFull) tally.refused++;
      if (schedule.refused[hop] === 1) tally.refusedExpected++;
    }
    if (hops.admittedAt[hop]! >= links.faultedAt[t]!) continue;
    const passedLoss = fate === Fate.Arrived || fate === Fate.Corrupted;
    const p = links.bernoulliLoss[t]!;
    if (!Number.isNaN(p) && (passedLoss || fate === Fate.Lost)) tally.loss.add(1 - p, passedLoss);
    const c = links.corrupt[t]!;
    if (c > 0) tally.corrupting = true;
    if (passedLoss) tally.corruption.add(1 - c, fate === Fate.Arrived);
  }
  return tallies;
}
