/**
 * The delivery ledger: one row per logical message and intended receiver, as the messaging
 * layer sees it — a p2p message, a request, a publication to one subscriber, a broadcast to
 * one node, a task — whatever frames it took on the wire. Messaging code opens rows and
 * reports attempts, deliveries to the application, suppressed duplicates and how the sender
 * settled; the ledger stamps them with the time of the clock it was given (in a simulation,
 * true virtual time, whatever the nodes' clocks say).
 *
 * A row's number travels with its frames as their trace (SendMeta.trace), which joins the
 * ledger to the network's message journal without adding a byte on the wire.
 */

import { resized } from '../engine/columns.js';

/** Patterns a row can belong to. */
export const Pattern = { P2p: 0, RequestReply: 1, PubSub: 2, Broadcast: 3, WorkQueue: 4 } as const;
/** One of the {@link Pattern} codes. */
export type PatternCode = (typeof Pattern)[keyof typeof Pattern];
/** Pattern names by code, as results write them. */
export const PATTERN_NAMES = ['p2p', 'request-reply', 'pubsub', 'broadcast', 'work-queue'] as const;

/** How the sender side of a row ended. */
export const Settlement = {
  /** Not settled (at-most-once messages never are). */
  Open: 0,
  /** Acknowledged by the receiver (reliable delivery). */
  Acked: 1,
  /** Retries exhausted without an acknowledgement. */
  GaveUp: 2,
  /** A request answered. */
  Replied: 3,
  /** A request that timed out. */
  TimedOut: 4,
  /** A task acknowledged as done. */
  Completed: 5,
  /**
   * Never sent: an event for a subscriber whose subscription had not reached the fan-out
   * point when the publication did.
   */
  NotSubscribed: 6,
} as const;
/** One of the {@link Settlement} codes. */
export type SettlementCode = (typeof Settlement)[keyof typeof Settlement];
/** Settlement names by code. */
export const SETTLEMENT_NAMES = ['open', 'acked', 'gave_up', 'replied', 'timed_out', 'completed', 'not_subscribed'] as const;

/** What messaging code records; a ledger that keeps nothing ({@link NO_LEDGER}) is the default. */
export interface Ledger {
  /** Opens a row for a message from `src` to `dst`; returns its number (-1 if not kept). */
  open(flow: string | undefined, pattern: PatternCode, src: string, dst: string, group?: number): number;
  /** Opens consecutive rows, one per receiver; returns the first number (-1 if not kept). */
  openBlock(flow: string | undefined, pattern: PatternCode, src: string, receivers: readonly string[]): number;
  /** The flow of a row, if kept. */
  flowOf(row: number): string | undefined;
  /** The sender transmitted the row's message (again). */
  attempt(row: number): void;
  /** The receiver handed the message to its application. */
  delivered(row: number): void;
  /** The receiver recognised a duplicate and did not hand it over. */
  suppressed(row: number): void;
  /**
   * The sender settled the row. An acknowledgement is provisional (a reply, a timeout or a
   * completed task settles it for good); the first final settlement stays.
   */
  settle(row: number, settlement: SettlementCode): void;
}

/** A ledger that keeps nothing. */
export const NO_LEDGER: Ledger = {
  open: () => -1,
  openBlock: () => -1,
  flowOf: () => undefined,
  attempt: () => {},
  delivered: () => {},
  suppressed: () => {},
  settle: () => {},
};

const INITIAL_CAPACITY = 1024;

/** A {@link Ledger} that keeps every row in typed columns. */
export class DeliveryLedger implements Ledger {
  length = 0;
  /** Flow index per row (see {@link flowNames}), -1 for none. */
  flow = new Int32Array(INITIAL_CAPACITY);
  pattern = new Uint8Array(INITIAL_CAPACITY);
  /** Sender and receiver, as indices into {@link nodeNames}. */
  src = new Int32Array(INITIAL_CAPACITY);
  dst = new Int32Array(INITIAL_CAPACITY);
  /** The row this one belongs with (a publication's first row, a broadcast's first), or -1. */
  group = new Int32Array(INITIAL_CAPACITY);
  /** When the row was opened (the message was first sent), in seconds. */
  openedAt = new Float64Array(INITIAL_CAPACITY);
  /** Transmissions by the sender. */
  attempts = new Int32Array(INITIAL_CAPACITY);
  /** Times the receiver's application got the message. */
  copies = new Int32Array(INITIAL_CAPACITY);
  /** Duplicates the receiver suppressed. */
  suppressedCopies = new Int32Array(INITIAL_CAPACITY);
  /** When the application first got it; NaN if never. */
  deliveredAt = new Float64Array(INITIAL_CAPACITY).fill(NaN);
  /** Order of first delivery among all rows (0, 1, 2, …); -1 if never delivered. */
  deliveryOrder = new Int32Array(INITIAL_CAPACITY).fill(-1);
  /** {@link Settlement} code per row. */
  settlement = new Uint8Array(INITIAL_CAPACITY);
  /** When the sender settled it; NaN if it has not. */
  settledAt = new Float64Array(INITIAL_CAPACITY).fill(NaN);

  readonly flowNames: string[] = [];
  readonly nodeNames: string[] = [];
  private readonly flowIndex = new Map<string, number>();
  private readonly nodeIndex = new Map<string, number>();
  private deliveries = 0;
  /** One-entry caches of the last names looked up: rows come in runs of one flow and pair. */
  private lastFlow: string | undefined;
  private lastFlowIndex = -1;
  private lastSrc = '';
  private lastSrcIndex = -1;
  private lastDst = '';
  private lastDstIndex = -1;

  /** @param now the clock that stamps rows (true time in a simulation) */
  constructor(private readonly now: () => number) {}

  open(flow: string | undefined, pattern: PatternCode, src: string, dst: string, group = -1): number {
    const row = this.length;
    if (row === this.flow.length) this.resize(row * 2);
    if (flow !== this.lastFlow) {
      this.lastFlow = flow;
      this.lastFlowIndex = flow === undefined ? -1 : this.index(this.flowIndex, this.flowNames, flow);
    }
    if (src !== this.lastSrc) {
      this.lastSrc = src;
      this.lastSrcIndex = this.index(this.nodeIndex, this.nodeNames, src);
    }
    if (dst !== this.lastDst) {
      this.lastDst = dst;
      this.lastDstIndex = this.index(this.nodeIndex, this.nodeNames, dst);
    }
    this.flow[row] = this.lastFlowIndex;
    this.pattern[row] = pattern;
    this.src[row] = this.lastSrcIndex;
    this.dst[row] = this.lastDstIndex;
    this.group[row] = group;
    this.openedAt[row] = this.now();
    this.length = row + 1;
    return row;
  }

  openBlock(flow: string | undefined, pattern: PatternCode, src: string, receivers: readonly string[]): number {
    const first = this.length;
    for (const receiver of receivers) this.open(flow, pattern, src, receiver, first);
    return receivers.length === 0 ? -1 : first;
  }

  flowOf(row: number): string | undefined {
    const flow = this.flow[row];
    return flow === undefined || flow < 0 ? undefined : this.flowNames[flow];
  }

  attempt(row: number): void {
    if (row >= 0) this.attempts[row]!++;
  }

  delivered(row: number): void {
    if (row < 0) return;
    if (this.copies[row]! === 0) {
      this.deliveredAt[row] = this.now();
      this.deliveryOrder[row] = this.deliveries++;
    }
    this.copies[row]!++;
  }

  suppressed(row: number): void {
    if (row >= 0) this.suppressedCopies[row]!++;
  }

  settle(row: number, settlement: SettlementCode): void {
    if (row < 0) return;
    const current = this.settlement[row]!;
    if (current !== Settlement.Open && (current !== Settlement.Acked || settlement === Settlement.Acked)) return;
    this.settlement[row] = settlement;
    this.settledAt[row] = this.now();
  }

  /** Makes room for `count` more rows at once. */
  reserve(count: number): void {
    if (this.length + count > this.flow.length) this.resize(this.length + count);
  }

  private index(byName: Map<string, number>, names: string[], name: string): number {
    let index = byName.get(name);
    if (index === undefined) {
      index = names.length;
      names.push(name);
      byName.set(name, index);
    }
    return index;
  }

  private resize(capacity: number): void {
    this.flow = resized(this.flow, capacity);
    this.pattern = resized(this.pattern, capacity);
    this.src = resized(this.src, capacity);
    this.dst = resized(this.dst, capacity);
    this.group = resized(this.group, capacity);
    this.openedAt = resized(this.openedAt, capacity);
    this.attempts = resized(this.attempts, capacity);
    this.copies = resized(this.copies, capacity);
    this.suppressedCopies = resized(this.suppressedCopies, capacity);
    this.deliveredAt = resized(this.deliveredAt, capacity, NaN);
    this.deliveryOrder = resized(this.deliveryOrder, capacity, -1);
    this.settlement = resized(this.settlement, capacity);
    this.settledAt = resized(this.settledAt, capacity, NaN);
  }
}
