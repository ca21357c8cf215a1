/**
 * The delivery ledger: the messaging layer's observer that keeps what it is told (see
 * messaging/observer.ts), one row per logical message and intended receiver, in typed
 * columns, stamped with the time of the clock it was given (in a simulation, true virtual
 * time, whatever the nodes' clocks say), with the key spaces that let receivers find rows by
 * the ids frames carry. Frame labels it passes to a {@link FrameSink}: the simulated runtime
 * stores them, with the row, in the network's message journal, which joins the two.
 */

import { column, ColumnGroup, type ColumnsOf } from '../engine/columns.js';
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
  private readonly ids = new ColumnGroup({ row: column(Int32Array, -1) }, 16);
  /** Ids bound in the array. */
  private bound = 0;
  private beyond: Map<number, number> | undefined;

  bind(id: number, row: number): void {
    if (row < 0 || id < 0) return;
    if (id >= this.ids.capacity) {
      const capacity = Math.max(2 * this.ids.capacity, id + 1);
      if (4 * (this.bound + 1) < capacity) {
        (this.beyond ??= new Map()).set(id, row);
        return;
      }
      this.grow(capacity);
    }
    const rows = this.ids.owner.row;
    if (rows[id] === -1) this.bound++;
    rows[id] = row;
  }

  find(id: number): number {
    if (id >= 0 && id < this.ids.capacity) return this.ids.owner.row[id]!;
    return this.beyond?.get(id) ?? -1;
  }

  /** Grows the array to `capacity`, taking in the ids of the map it now covers. */
  private grow(capacity: number): void {
    this.ids.reserve(capacity);
    if (this.beyond === undefined) return;
    const rows = this.ids.owner.row;
    for (const [id, row] of this.beyond) {
      if (id >= capacity) continue;
      rows[id] = row;
      this.bound++;
      this.beyond.delete(id);
    }
  }
}

const INITIAL_CAPACITY = 1024;

const LEDGER_COLUMNS = {
  /** Flow index per row (see {@link DeliveryLedger.flowNames}), -1 for none. */
  flow: column(Int32Array),
  /** {@link PatternCode} per row. */
  pattern: column(Uint8Array),
  /** Sender, as an index into {@link DeliveryLedger.nodeNames}. */
  src: column(Int32Array),
  /** Receiver, as an index into {@link DeliveryLedger.nodeNames}. */
  dst: column(Int32Array),
  /** The row this one belongs with (a publication's first row, a broadcast's first), or -1. */
  group: column(Int32Array),
  /** When the row was opened (the message was first sent), in seconds. */
  openedAt: column(Float64Array),
  /** Transmissions by the sender. */
  attempts: column(Int32Array),
  /** Times the receiver's application got the message. */
  copies: column(Int32Array),
  /** Duplicates the receiver suppressed. */
  suppressedCopies: column(Int32Array),
  /** When the application first got it; NaN if never. */
  deliveredAt: column(Float64Array, NaN),
  /** Order of first delivery among all rows (0, 1, 2, …); -1 if never delivered. */
  deliveryOrder: column(Int32Array, -1),
  /** {@link Settlement} code per row. */
  settlement: column(Uint8Array),
  /** When the sender settled it; NaN if it has not. */
  settledAt: column(Float64Array, NaN),
};

/** The ledger's columns, indexed by row (see LEDGER_COLUMNS for each). */
export interface DeliveryLedger extends ColumnsOf<typeof LEDGER_COLUMNS> {}

/** A {@link MessagingObserver} that keeps every row in typed columns. */
export class DeliveryLedger implements MessagingObserver {
  /** Rows opened. */
  length = 0;
  private readonly columns = new ColumnGroup(LEDGER_COLUMNS, INITIAL_CAPACITY, this);

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
    this.columns.fit(row);
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
    this.columns.reserve(this.length + count);
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
}
