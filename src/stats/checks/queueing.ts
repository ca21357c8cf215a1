/**
 * Queueing checks of a flow. `dropped`: the hops a drop-tail queue refused, against the
 * hop schedule's prediction (exact). `wait_mean`: for a lone Poisson flow over one link, the
 * mean time a message waits in the queue against the M/G/1 (Pollaczek–Khinchine) formula —
 * M/D/1 for a constant size, M/M/1 for exponential sizes — with a batch-means interval, which
 * decides only when enough messages waited for it to be trusted.
 */
import { cdfOf, meanOf, secondMomentOf, type Distribution } from '../../engine/distributions.js';
import { CODECS } from '../../messaging/codec.js';
import { Fate } from '../../net/fates.js';
import { largestWireBytes } from '../../workload/schedule.js';
import { meanWaitMG1 } from '../formulas.js';
import { batchMeans } from '../intervals.js';
import { hopsOf } from '../paths.js';
import type { RunRecord } from '../record.js';
import { carriesOnly, type FlowContext } from './context.js';
import { hopTally } from './hop-tallies.js';
import { countRow, informational, intervalRow, type CheckRow } from './rows.js';

/** dropped: refused hops against the schedule, for flows through a bounded queue. */
export function droppedRows(flow: FlowContext): CheckRow[] {
  const tally = hopTally(flow.run, flow.index);
  return tally.bounded ? [countRow(flow.name, 'dropped', tally.refused, tally.refusedExpected, 'drop-tail queue (hop schedule)')] : [];
}

/**
 * Fewest waiting messages a batch must hold, on average, for batch means to give a verdict.
 * Below it the batch means are sums of a few rare waits, far from normal, and their Student
 * t interval covers the mean far less often than it says (down to never, when no message
 * waited and the interval has no width); docs/formulas.md shows the measurement.
 */
export const MIN_WAITS_PER_BATCH = 5;

/** wait_mean for a lone Poisson flow over one unbounded, fault-free link direction. */
export function waitRows(flow: FlowContext): CheckRow[] {
  const { record, paths, schedule } = flow.run;
  if (!flow.scheduled || flow.spec.interval.kind !== 'exp' || flow.ids.length !== flow.originals.length || flow.originals.length === 0) return [];
  const hops = record.hops;
  const first = hopsOf(paths, flow.originals[0]!)[0];
  if (first === undefined) return [];
  const transmitter = record.transmitters[hops.transmitter[first]!]!;
  const link = transmitter.link;
  if (link.queue !== undefined || link.jitter !== undefined || transmitter.faultedAt !== Infinity) return [];
  if (!carriesOnly(flow.run, transmitter.index, flow.index)) return [];
  const waits: number[] = [];
  for (const id of flow.originals) {
    const path = hopsOf(paths, id);
    if (path.length !== 1 || hops.transmitter[path[0]!] !== transmitter.index) return [];
    const hop = path[0]!;
    if (!served(hops.fate[hop]!)) continue;
    // start = max(admitted, previous finish): the admission itself when the line was idle, so
    // the wait is exactly 0 then and positive otherwise (delay_matched holds the simulator to it).
    waits.push(schedule.start[hop]! - hops.admittedAt[hop]!);
  }
  const estimate = batchMeans(waits);
  if (estimate === undefined) return [];
  const size = wireSizeMoments(flow.spec.size, smallestWireBytes(record, flow));
  const bandwidth = link.bandwidthBitsPerSecond;
  const expected = meanWaitMG1(1 / meanOf(flow.spec.interval), (8 * size.mean) / bandwidth, (64 * size.secondMoment) / (bandwidth * bandwidth));
  if (!Number.isFinite(expected)) return [];
  const formula =
    flow.spec.size.kind === 'constant' ? 'M/D/1: rho/(2mu(1-rho))' : flow.spec.size.kind === 'exp' ? 'M/M/1: rho/(mu-lambda)' : 'M/G/1: lambda E[S^2]/(2(1-rho))';
  const row = intervalRow(flow.name, 'wait_mean', estimate.mean, expected, estimate.interval, `batch means (${estimate.batches})`, formula);
  const waited = positiveCount(waits, estimate.warmup, estimate.warmup + estimate.batches * estimate.batchSize);
  const needed = MIN_WAITS_PER_BATCH * estimate.batches;
  return [waited >= needed ? row : informational(row, `${waited} messages waited, batch means needs ${needed}`)];
}

/** Whether a hop was served to its end: serialised and sent (arrived, lost or damaged). */
function served(fate: number): boolean {
  return fate === Fate.Arrived || fate === Fate.Lost || fate === Fate.Corrupted;
}

/** Values above 0 in values[from .. to). */
function positiveCount(values: readonly number[], from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) if (values[i]! > 0) count++;
  return count;
}

/** Smallest size on the wire of the flow's messages: its largest encoded message + header. */
function smallestWireBytes(record: RunRecord, flow: FlowContext): number {
  const codec = CODECS[record.codec]!;
  return largestWireBytes(codec, record.headerBytes, flow.pattern.sizedFrames(flow.spec, record.nodeNames), flow.spec);
}

/** Largest number of whole sizes summed exactly; beyond it, continuous moments are used. */
const MAX_EXACT_SIZES = 2_000_000;

/**
 * E[B] and E[B²] of the bytes on the wire, B = max(minimum, round(X)) for a size X drawn
 * from `size` (a constant is used as it is). Summed exactly over whole sizes when that is
 * cheap; otherwise from the continuous moments with Sheppard's correction (+1/12 for E[B²]).
 */
export function wireSizeMoments(size: Distribution, minimum: number): { mean: number; secondMoment: number } {
  if (size.kind === 'constant') return { mean: size.value, secondMoment: size.value ** 2 };
  const tail = (k: number): number => 1 - cdfOf(size, k + 0.5);
  let last = Math.max(minimum, Math.ceil(meanOf(size)));
  while (tail(last) > 1e-18 && last - minimum < MAX_EXACT_SIZES) last = last * 2 + 1;
  if (last - minimum >= MAX_EXACT_SIZES) {
    return { mean: meanOf(size), secondMoment: secondMomentOf(size) + 1 / 12 };
  }
  const below = cdfOf(size, minimum - 0.5);
  let mean = below * minimum;
  let secondMoment = below * minimum * minimum;
  for (let k = minimum; k <= last; k++) {
    const p = cdfOf(size, k + 0.5) - cdfOf(size, k - 0.5);
    mean += p * k;
    secondMoment += p * k * k;
  }
  return { mean, secondMoment };
}
