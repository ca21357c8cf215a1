/**
 * The delivery ledger: the messaging layer's observer that keeps what it is told (see
 * messaging/observer.ts), one row per logical message and intended receiver, in typed
 * columns, stamped with the time of the clock it was given (in a simulation, true virtual
 * time, whatever the nodes' clocks say), with the key spaces that let receivers find rows by
 * the ids frames carry. Frame labels it passes to a {@link FrameSink}: the simulated runtime
 * stores them, with the row, in the network's message journal, which joins the two.
 */

import { resized } from '../engine/columns.js';
import type { FrameLabel, KeyScope, KeySpace, MessagingObserver, PatternCode, SettlementCode } from '../messaging/observer.js';
import { Settlement } from '../messaging/observer.js';

/** Where the ledger passes the frame labels it is told of: the runtime that sends the frames (see SimulatedRuntime.framed). */
export interface FrameSink {
  framed(label: FrameLabel | undefined, row: number): void;
}

/**
 * One key space: the rows of the ids one sender gives one receiver's messages. Ids are
 * mostly dense from 0 (sequence numbers, counters), so an array indexed by id keeps them;
 * but a sender that numbers messages to many receivers with one counter (a broker's work
 * ids, a client's requests to several servers) gives each receiver a sparse share, so the
 * array grows only while it would stay at least a quarter full, and ids beyond it go to a map.
 */
class IdRows implements KeySpace {
  private rows = new Int32Array(16).fill(-1);
  /** Ids bound in {@link rows}. */
  private bound = 0;
  private beyond: Map<number, number> | undefined;

  bind(id: number, row: number): void {
    if (row < 0 || id < 0) return;
    if (id >= this.rows.length) {
      const capacity = Math.max(2 * this.rows.length, id + 1);
      if (4 * (this.bound + 1) < capacity) {
        (this.beyond ??= new Map()).set(id, row);
        return;
      }
      this.grow(capacity);
    }
    if (this.rows[id] === -1) this.bound++;
    this.rows[id] = row;
  }

  find(id: number): number {
    if (id >= 0 && id < this.rows.length) return this.rows[id]!;
    return this.beyond?.get(id) ?? -1;
  }

  /** Grows the array to `capacity`, taking in the ids of the map it now covers. */
  private grow(capacity: number): void {
    this.rows = resized(this.rows, capacity, -1);
    if (this.beyond === undefined) return;
    for (const [id, row] of this.beyond) {
      if (id >= capacity) continue;
      this.rows[id] = row;
      this.bound++;
      this.beyond.delete(id);
    }
  }
}

const INITIAL_CAPACITY = 1024;

/** A {@link MessagingObserver} that keeps every row in typed columns. */
export class DeliveryLedger implements MessagingObserver {
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

  private readonly keySpaces = new Map<string, IdRows>();

  /**
   * @param now the clock that stamps rows (true time in a simulation)
   * @param frames where frame labels go (the simulated runtime, to label its journal)
   */
  constructor(
    private readonly now: () => number,
    private readonly frames?: FrameSink,
  ) {}

  keys(scope: KeyScope, sender: string, receiver: string, stream = ''): KeySpace {
    const key = `${scope}\u0000${sender}\u0000${receiver}\u0000${stream}`;
    let space = this.keySpaces.get(key);
    if (space === undefined) this.keySpaces.set(key, (space = new IdRows()));
    return space;
  }

  framed(label: FrameLabel | undefined, row: number): void {
    this.frames?.framed(label, row);
  }

  groupOf(row: number): number {
    return row >= 0 && row < this.length ? this.group[row]! : -1;
  }

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
