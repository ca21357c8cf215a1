/**
 * The hop journal: one record per hop a message takes (each admission to a transmitter),
 * in typed columns, in the order hops happened. With the message journal it lets analysis
 * retrace every message hop by hop: where it waited, when it arrived, where it ended.
 * About 25 bytes a hop.
 */
import { resized } from '../engine/columns.js';
import { Fate, type FateCode } from './fates.js';

const INITIAL_CAPACITY = 1024;

/** Per-hop records of a run, column by column. */
export class HopJournal {
  /** Number of hops recorded. */
  length = 0;
  /** Message id per hop. */
  message = new Int32Array(INITIAL_CAPACITY);
  /** Transmitter index per hop (see Network.transmitters). */
  transmitter = new Int32Array(INITIAL_CAPACITY);
  /** Time the message was offered to the transmitter, in seconds. */
  admittedAt = new Float64Array(INITIAL_CAPACITY);
  /** Time it reached the far end intact, in seconds; NaN if it did not. */
  arrivedAt = new Float64Array(INITIAL_CAPACITY).fill(NaN);
  /** {@link Fate} code per hop: in_flight, arrived, or how the frame was destroyed on it. */
  fate = new Uint8Array(INITIAL_CAPACITY);

  /** Records a hop starting now; returns its index. */
  record(message: number, transmitter: number, admittedAt: number): number {
    const hop = this.length;
    if (hop === this.message.length) this.resize(hop * 2);
    this.message[hop] = message;
    this.transmitter[hop] = transmitter;
    this.admittedAt[hop] = admittedAt;
    this.length = hop + 1;
    return hop;
  }

  /** Marks a hop arrived at `time`. */
  markArrived(hop: number, time: number): void {
    this.fate[hop] = Fate.Arrived;
    this.arrivedAt[hop] = time;
  }

  /** Gives a hop its final fate (not for arrival; see {@link markArrived}). */
  markFate(hop: number, fate: FateCode): void {
    this.fate[hop] = fate;
  }

  /** Makes room for `count` more hops at once. */
  reserve(count: number): void {
    if (this.length + count > this.message.length) this.resize(this.length + count);
  }

  private resize(capacity: number): void {
    this.message = resized(this.message, capacity);
    this.transmitter = resized(this.transmitter, capacity);
    this.admittedAt = resized(this.admittedAt, capacity);
    this.arrivedAt = resized(this.arrivedAt, capacity, NaN);
    this.fate = resized(this.fate, capacity);
  }
}
