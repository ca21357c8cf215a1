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
 * not started) plus it would exceed the capacity; occupancy comes from a binary search in
 * the non-decreasing start times, with prefix sums for bytes.
 *
 * A first hop is admitted at the send time; a later hop at the arrival of the previous one.
 * Checking every hop's arrival against this prediction therefore checks, by induction, the
 * whole schedule against the model run from the send times alone. Hops admitted after a
 * fault touched their transmitter are not predicted (its schedule follows no formula then).
 */
import type { RunRecord } from './record.js';
import { transmissionSeconds } from './formulas.js';

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

class DirectionModel {
  finish = 0;
  readonly starts: number[] = [];
  /** bytesBefore[i] = bytes of admitted messages 0..i-1. */
  readonly bytesBefore: number[] = [0];

  constructor(
    readonly bandwidth: number,
    readonly delay: number,
    readonly limitMessages: number,
    readonly limitBytes: number,
  ) {}

  /** [start, finish], or undefined when the queue refuses the message. */
  offer(admitted: number, bytes: number): [number, number] | undefined {
    const count = this.starts.length;
    if (this.finish > admitted) {
      const started = countAtMost(this.starts, admitted);
      const waiting = count - started;
      const waitingBytes = this.bytesBefore[count]! - this.bytesBefore[started]!;
      if (waiting + 1 > this.limitMessages || waitingBytes + bytes > this.limitBytes) return undefined;
    }
    const start = Math.max(admitted, this.finish);
    this.finish = start + transmissionSeconds(bytes, this.bandwidth);
    this.starts.push(start);
    this.bytesBefore.push(this.bytesBefore[count]! + bytes);
    return [start, this.finish];
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

/** Predicts every hop of a run. */
export function scheduleHops(record: RunRecord): HopSchedule {
  const hops = record.hops;
  const models = record.transmitters.map((t) => {
    const queue = t.link.queue;
    return new DirectionModel(
      t.link.bandwidthBitsPerSecond,
      t.link.delaySeconds,
      queue !== undefined && 'messages' in queue ? queue.messages : Infinity,
      queue !== undefined && 'bytes' in queue ? queue.bytes : Infinity,
    );
  });
  const n = hops.length;
  const schedule = {
    start: new Float64Array(n).fill(NaN),
    finish: new Float64Array(n).fill(NaN),
    arrival: new Float64Array(n).fill(NaN),
    refused: new Uint8Array(n),
    predicted: new Uint8Array(n),
  };
  for (let h = 0; h < n; h++) {
    const transmitter = record.transmitters[hops.transmitter[h]!]!;
    const admitted = hops.admittedAt[h]!;
    if (admitted >= transmitter.faultedAt) continue;
    schedule.predicted[h] = 1;
    const times = models[transmitter.index]!.offer(admitted, record.journal.bytes[hops.message[h]!]!);
    if (times === undefined) {
      schedule.refused[h] = 1;
      continue;
    }
    schedule.start[h] = times[0];
    schedule.finish[h] = times[1];
    if (transmitter.link.jitter === undefined) schedule.arrival[h] = times[1] + transmitter.link.delaySeconds;
  }
  return schedule;
}
