/**
 * The hop journal: one record per hop a message takes (each admission to a transmitter),
 * in typed columns, in the order hops happened. With the message journal it lets analysis
 * retrace every message hop by hop: where it waited, when it arrived, where it ended.
 * About 25 bytes a hop.
 */
import { column, ColumnGroup, type ColumnsOf } from '../engine/columns.js';
import { Fate, type FateCode } from './fates.js';

const INITIAL_CAPACITY = 1024;

const HOP_COLUMNS = {
  /** Message id per hop. */
  message: column(Int32Array),
  /** Transmitter index per hop (see Network.transmitters). */
  transmitter: column(Int32Array),
  /** Time the message was offered to the transmitter, in seconds. */
  admittedAt: column(Float64Array),
  /** Time it reached the far end intact, in seconds; NaN if it did not. */
  arrivedAt: column(Float64Array, NaN),
  /** {@link Fate} code per hop: in_flight, arrived, or how the frame was destroyed on it. */
  fate: column(Uint8Array),
};

/** The hop journal's columns, indexed by hop (see HOP_COLUMNS for each). */
export interface HopJournal extends ColumnsOf<typeof HOP_COLUMNS> {}

/** Per-hop records of a run, column by column. */
export class HopJournal {
  /** Number of hops recorded. */
  length = 0;
  private readonly columns = new ColumnGroup(HOP_COLUMNS, INITIAL_CAPACITY, this);

  /** Records a hop starting now; returns its index. */
  record(message: number, transmitter: number, admittedAt: number): number {
    const hop = this.length;
    this.columns.fit(hop);
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
    this.columns.reserve(this.length + count);
  }
}
