/**
 * The message journal: one record per message sent, in compact typed columns.
 *
 * The network writes here as messages are sent and meet their outcome; metrics, checks and
 * CSV writers read it afterwards. A message's id is its row index, so ids follow send order.
 * A copy made by a duplicating link gets its own row, pointing at the original. Each message
 * has its precise fate (fates.ts) and, beside it, the coarse outcome that fate counts under,
 * both written by the one call that ends the message. Columns grow by doubling; a million
 * messages take about 42 MB.
 */
import { column, ColumnGroup, type ColumnsOf } from '../engine/columns.js';
import { Fate, FATE_OUTCOME, type FateCode } from './fates.js';
import { Outcome } from './outcome.js';

const INITIAL_CAPACITY = 1024;

/** Largest message size the journal can record, in bytes. */
export const MAX_MESSAGE_BYTES = 2 ** 32 - 1;

const MESSAGE_COLUMNS = {
  /** Flow index per message (see {@link MessageJournal.flowNames}), or -1 for unlabelled traffic. */
  flow: column(Int32Array),
  /** Source node index per message. */
  src: column(Int32Array),
  /** Destination node index per message. */
  dst: column(Int32Array),
  /** Size on the wire per message, in bytes. */
  bytes: column(Uint32Array),
  /** Send time per message, in seconds. */
  sentAt: column(Float64Array),
  /** Time the message was handed to its receiver, in seconds; NaN if it was not. */
  receivedAt: column(Float64Array, NaN),
  /** {@link Fate} code per message: how it ended (in_flight until it does). */
  fate: column(Uint8Array),
  /** {@link Outcome} code per message: the coarse class of its fate. */
  outcome: column(Uint8Array),
  /** For a copy made by a duplicating link, the id of the message copied; -1 otherwise. */
  copyOf: column(Int32Array, -1),
  /** The sender's trace number per message (instrumentation; see SendMeta.trace), or -1. */
  trace: column(Int32Array, -1),
};

/** The message journal's columns, indexed by message id (see MESSAGE_COLUMNS for each). */
export interface MessageJournal extends ColumnsOf<typeof MESSAGE_COLUMNS> {}

/** Per-message records of a run, column by column. */
export class MessageJournal {
  /** Number of messages recorded. */
  length = 0;
  private readonly columns = new ColumnGroup(MESSAGE_COLUMNS, INITIAL_CAPACITY, this);

  /** Flow names by flow index. */
  readonly flowNames: string[] = [];
  private readonly flowIndexByName = new Map<string, number>();

  /** The index of a flow name, or -1 if no message of that flow was recorded. */
  findFlow(name: string): number {
    return this.flowIndexByName.get(name) ?? -1;
  }

  /** The index of a flow name, registering it on first use. */
  flowIndex(name: string): number {
    let index = this.flowIndexByName.get(name);
    if (index === undefined) {
      index = this.flowNames.length;
      this.flowNames.push(name);
      this.flowIndexByName.set(name, index);
    }
    return index;
  }

  /** Makes room for `count` more messages at once, sparing repeated growth. */
  reserve(count: number): void {
    this.columns.reserve(this.length + count);
  }

  /** Records a message sent now; returns its id. */
  record(flow: number, src: number, dst: number, bytes: number, sentAt: number, trace = -1): number {
    const id = this.length;
    this.columns.fit(id);
    this.trace[id] = trace;
    this.flow[id] = flow;
    this.src[id] = src;
    this.dst[id] = dst;
    this.bytes[id] = bytes;
    this.sentAt[id] = sentAt;
    this.length = id + 1;
    return id;
  }

  /** Records a copy of message `original` made now by a link; returns its id. */
  recordCopy(original: number): number {
    const id = this.record(this.flow[original]!, this.src[original]!, this.dst[original]!, this.bytes[original]!, this.sentAt[original]!, this.trace[original]!);
    this.copyOf[id] = original;
    return id;
  }

  /** Marks a message delivered at `time`. */
  markDelivered(id: number, time: number): void {
    this.fate[id] = Fate.Delivered;
    this.outcome[id] = Outcome.Delivered;
    this.receivedAt[id] = time;
  }

  /** Gives a message its final fate, and so its outcome (not for delivery; see {@link markDelivered}). */
  markFate(id: number, fate: FateCode): void {
    this.fate[id] = fate;
    this.outcome[id] = FATE_OUTCOME[fate]!;
  }

  /** Counts of each outcome code (index = code) over all messages, or over one flow. */
  outcomeCounts(flow?: number): number[] {
    const counts = OUTCOME_CODES.map(() => 0);
    for (let id = 0; id < this.length; id++) {
      if (flow === undefined || this.flow[id] === flow) counts[this.outcome[id]!]!++;
    }
    return counts;
  }
}

const OUTCOME_CODES = Object.values(Outcome);
