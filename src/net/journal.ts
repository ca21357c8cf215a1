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
import { resized } from '../engine/columns.js';
import { Fate, FATE_OUTCOME, type FateCode } from './fates.js';
import { Outcome } from './outcome.js';

const INITIAL_CAPACITY = 1024;

/** Largest message size the journal can record, in bytes. */
export const MAX_MESSAGE_BYTES = 2 ** 32 - 1;

/** Per-message records of a run, column by column. */
export class MessageJournal {
  /** Number of messages recorded. */
  length = 0;
  /** Flow index per message (see {@link flowNames}), or -1 for unlabelled traffic. */
  flow = new Int32Array(INITIAL_CAPACITY);
  /** Source node index per message. */
  src = new Int32Array(INITIAL_CAPACITY);
  /** Destination node index per message. */
  dst = new Int32Array(INITIAL_CAPACITY);
  /** Size on the wire per message, in bytes. */
  bytes = new Uint32Array(INITIAL_CAPACITY);
  /** Send time per message, in seconds. */
  sentAt = new Float64Array(INITIAL_CAPACITY);
  /** Time the message was handed to its receiver, in seconds; NaN if it was not. */
  receivedAt = new Float64Array(INITIAL_CAPACITY).fill(NaN);
  /** {@link Fate} code per message: how it ended (in_flight until it does). */
  fate = new Uint8Array(INITIAL_CAPACITY);
  /** {@link Outcome} code per message: the coarse class of its fate. */
  outcome = new Uint8Array(INITIAL_CAPACITY);
  /** For a copy made by a duplicating link, the id of the message copied; -1 otherwise. */
  copyOf = new Int32Array(INITIAL_CAPACITY).fill(-1);
  /** The sender's trace number per message (instrumentation; see SendMeta.trace), or -1. */
  trace = new Int32Array(INITIAL_CAPACITY).fill(-1);

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
    const needed = this.length + count;
    if (needed > this.flow.length) this.resize(needed);
  }

  /** Records a message sent now; returns its id. */
  record(flow: number, src: number, dst: number, bytes: number, sentAt: number, trace = -1): number {
    const id = this.length;
    if (id === this.flow.length) this.grow();
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

  private grow(): void {
    this.resize(this.flow.length * 2);
  }

  private resize(capacity: number): void {
    this.flow = resized(this.flow, capacity);
    this.src = resized(this.src, capacity);
    this.dst = resized(this.dst, capacity);
    this.bytes = resized(this.bytes, capacity);
    this.sentAt = resized(this.sentAt, capacity);
    this.receivedAt = resized(this.receivedAt, capacity, NaN);
    this.fate = resized(this.fate, capacity);
    this.outcome = resized(this.outcome, capacity);
    this.copyOf = resized(this.copyOf, capacity, -1);
    this.trace = resized(this.trace, capacity, -1);
  }
}

const OUTCOME_CODES = Object.values(Outcome);
