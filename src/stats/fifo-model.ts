/**
 * A reference model of the network's schedule, written independently of net/: from the
 * send times and sizes in the journal alone, it predicts when each message arrives and
 * which messages a drop-tail queue refuses. The checks compare the simulator with it.
 *
 * Per link direction, messages are served first come, first served (the journal's id order
 * is the order of sending). This is Lindley's recursion:
 *
 *     start_i   = max(sent_i, finish_{i-1})
 *     finish_i  = start_i + size_i / bandwidth
 *     arrival_i = finish_i + propagation
 *
 * A message is refused when, at its send time, the messages already waiting (admitted, not
 * yet started) plus itself exceed the queue's capacity. Those are found by binary search in
 * the non-decreasing list of start times, with prefix sums for bytes.
 */
import type { LinkConfig } from '../net/link.js';
import type { RunRecord } from './record.js';
import { transmissionSeconds } from './formulas.js';

/** Predicted fate of every message, indexed by message id. */
export interface SchedulePrediction {
  /** Predicted start of transmission, in seconds; NaN for refused messages. */
  readonly start: Float64Array;
  /** Predicted arrival time at the far end, in seconds; NaN for refused messages. */
  readonly arrival: Float64Array;
  /** 1 where the queue refuses the message. */
  readonly refused: Uint8Array;
}

/** Admitted messages of one link direction, in order. */
class DirectionModel {
  finish = 0;
  readonly starts: number[] = [];
  /** bytesBefore[i] = bytes of admitted messages 0..i-1. */
  readonly bytesBefore: number[] = [0];

  constructor(readonly link: LinkConfig) {}

  /** Returns [start, arrival], or NaNs when the queue refuses the message. */
  offer(sent: number, bytes: number): [number, number] {
    const admitted = this.starts.length;
    const started = countAtMost(this.starts, sent);
    const waiting = admitted - started;
    const waitingBytes = this.bytesBefore[admitted]! - this.bytesBefore[started]!;
    const queue = this.link.queue;
    if (queue !== undefined && this.finish > sent) {
      const full = 'messages' in queue ? waiting + 1 > queue.messages : waitingBytes + bytes > queue.bytes;
      if (full) return [NaN, NaN];
    }
    const start = Math.max(sent, this.finish);
    this.finish = start + transmissionSeconds(bytes, this.link.bandwidthBitsPerSecond);
    this.starts.push(start);
    this.bytesBefore.push(this.bytesBefore[admitted]! + bytes);
    return [start, this.finish + this.link.delaySeconds];
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

/** Predicts arrival times and queue refusals for every message of a run. */
export function predictSchedule(record: RunRecord): SchedulePrediction {
  const journal = record.journal;
  const directions = new Map<string, DirectionModel>();
  for (const link of record.links) {
    const [a, b] = link.between;
    directions.set(`${a}>${b}`, new DirectionModel(link));
    directions.set(`${b}>${a}`, new DirectionModel(link));
  }
  const start = new Float64Array(journal.length);
  const arrival = new Float64Array(journal.length);
  const refused = new Uint8Array(journal.length);
  for (let id = 0; id < journal.length; id++) {
    const key = `${record.nodeNames[journal.src[id]!]}>${record.nodeNames[journal.dst[id]!]}`;
    const direction = directions.get(key);
    if (direction === undefined) throw new Error(`no link carries messages ${key}`);
    const [predictedStart, predictedArrival] = direction.offer(journal.sentAt[id]!, journal.bytes[id]!);
    start[id] = predictedStart;
    arrival[id] = predictedArrival;
    if (Number.isNaN(predictedArrival)) refused[id] = 1;
  }
  return { start, arrival, refused };
}
