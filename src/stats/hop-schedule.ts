/**
 * A reference model of every hop, written independently of net/: given when each message
 * was offered to a transmitter (the hop journal's admission times) and the link's
 * parameters, it predicts when the message starts and finishes serialisation, when it
 * arrives, and whether the drop-tail queue refuses it. Per transmitter, in admission order,
 * this is Lindley's recursion:
 *
 *     start_i   = max(admitted_i, finish_{i−1})
 *     finish_i  = start_i + size_i · 8 / bandwidth
 *     arrival_i = finish_i + delay                      (links without jitter)
 *
 * and a message is refused when the transmitter is busy and the messages waiting (admitted,
 * not started) plus it would exceed the capacity; occupancy comes from the non-decreasing
 * start times (a pointer that admissions, coming in time order, only move forward), with
 * prefix sums for bytes. An unbounded queue keeps none of this. Each direction's parameters
 * and state are slots of typed arrays, so a run with many links costs one cheap step per hop.
 *
 * A first hop is admitted at the send time; a later hop at the arrival of the previous one.
 * Checking every hop's arrival against this prediction therefore checks, by induction, the
 * whole schedule against the model run from the send times alone. Hops admitted after a
 * fault touched their transmitter are not predicted (its schedule follows no formula then).
 */
import type { RunRecord } from './record.js';
import { transmissionSeconds } from './formulas.js';
import { linkColumns } from './link-columns.js';

/** Predictions per hop, indexed like the hop journal; NaN where not predicted. */
export interface HopSchedule {
  readonly start: Float64Array;
  readonly finish: Float64Array;
  /** NaN also on links with jitter, where arrival is random. */
  readonly arrival: Float64Array;
  /** 1 where the model refuses the hop. */
  readonly refused: Uint8Array;
  /** 1 where the hop was predicted at all (its transmitter not yet touched by a fault). */
  readonly predicted: Uint8Array;
}

/**
 * The drop-tail queue of one bounded direction: start times and byte prefix sums of the
 * messages it admitted, and how many of them had started by the latest admission.
 */
class QueueModel {
  private readonly starts: number[] = [];
  /** bytesBefore[i] = bytes of admitted messages 0..i-1. */
  private readonly bytesBefore: number[] = [0];
  private started = 0;
  private lastAdmitted = -Infinity;

  constructor(
    readonly limitMessages: number,
    readonly limitBytes: number,
  ) {}

  /** Whether, with the line busy until `busyUntil`, the messages waiting at `admitted` leave no room for `bytes` more. */
  refuses(admitted: number, bytes: number, busyUntil: number): boolean {
    if (busyUntil <= admitted) return false;
    const count = this.starts.length;
    // Admissions come in time order, so the started prefix only grows: a pointer moves over
    // it (linear in all), and a binary search restarts it should time ever go back.
    if (admitted < this.lastAdmitted) this.started = countAtMost(this.starts, admitted);
    while (this.started < count && this.starts[this.started]! <= admitted) this.started++;
    this.lastAdmitted = admitted;
    const waiting = count - this.started;
    const waitingBytes = this.bytesBefore[count]! - this.bytesBefore[this.started]!;
    return waiting + 1 > this.limitMessages || waitingBytes + bytes > this.limitBytes;
  }

  /** Records an admitted message starting at `start`. */
  admit(start: number, bytes: number): void {
    this.starts.push(start);
    this.bytesBefore.push(this.bytesBefore[this.bytesBefore.length - 1]! + bytes);
  }
}

/** Number of leading entries ≤ value in a non-decreasing array. */
function countAtMost(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (sorted[mid]! <= value) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** The drop-tail queue of each bounded direction, by transmitter index. */
function queueModels(record: RunRecord): (QueueModel | undefined)[] {
  return record.transmitters.map(({ link: { queue } }) =>
    queue === undefined ? undefined : new QueueModel('messages' in queue ? queue.messages : Infinity, 'bytes' in queue ? queue.bytes : Infinity),
  );
}

/** Predicts every hop of a run. */
export function scheduleHops(record: RunRecord): HopSchedule {
  const { message, transmitter, admittedAt, length: n } = record.hops;
  const bytesOf = record.journal.bytes;
  const { bandwidthBitsPerSecond: bandwidth, delaySeconds: delay, faultedAt, jitter } = linkColumns(record);
  const queues = queueModels(record);
  // Until when each line is busy: the finish of the last message it admitted.
  const busyUntil = new Float64Array(record.transmitters.length);
  // Every hop's three times are written below, NaN where not predicted, so no fill is needed.
  const start = new Float64Array(n);
  const finish = new Float64Array(n);
  const arrival = new Float64Array(n);
  const schedule = { start, finish, arrival, refused: new Uint8Array(n), predicted: new Uint8Array(n) };
  for (let h = 0; h < n; h++) {
    const t = transmitter[h]!;
    const admitted = admittedAt[h]!;
    const bytes = bytesOf[message[h]!]!;
    const queue = queues[t];
    if (admitted < faultedAt[t]!) schedule.predicted[h] = 1;
    if (schedule.predicted[h] === 1 && queue !== undefined && queue.refuses(admitted, bytes, busyUntil[t]!)) schedule.refused[h] = 1;
    if (schedule.predicted[h] === 0 || schedule.refused[h] === 1) {
      start[h] = finish[h] = arrival[h] = NaN;
      continue;
    }
    const begin = Math.max(admitted, busyUntil[t]!);
    const end = begin + transmissionSeconds(bytes, bandwidth[t]!);
    busyUntil[t] = end;
    queue?.admit(begin, bytes);
    start[h] = begin;
    finish[h] = end;
    arrival[h] = jitter[t] === 0 ? end + delay[t]! : NaN;
  }
  return schedule;
}
