/**
 * Recycled slots with generations: the one way msgsim hands out reusable numbered places
 * (pending events, a node's timers, messages in flight) and handles to them that go stale
 * safely.
 *
 * A slot is a small integer, reused last-in first-out after it is released, so the slots in
 * use stay dense and per-slot data can live in typed columns (a table's own columns, in
 * {@link SlotTable.columns}, grow with it). A handle packs a slot and its generation as
 * `slot + maxSlots * generation`; releasing a slot advances its generation, so a handle
 * kept past the release no longer finds it. Generations wrap at `generationLimit` (kept so
 * that handles stay exact integers); only a handle kept over that many reuses of its slot
 * could find it again. Handing out and releasing touch two numbers each: this is on the
 * event queue's hot path.
 */
import { column, ColumnGroup, type ColumnSchema, type ColumnsOf } from './columns.js';

/** The bookkeeping columns of every slot table. */
const SLOT_COLUMNS = {
  /** Current generation per slot (a table with one generation keeps none: all are 0). */
  generation: column(Uint32Array),
  /** The stack of released slots (its first `freeCount` entries). */
  free: column(Int32Array),
};
/** The bookkeeping of a table with one generation, whose handles are its slots. */
const FREE_ONLY = { free: SLOT_COLUMNS.free };

/** Limits and columns of a {@link SlotTable}. */
export interface SlotTableOptions<S extends ColumnSchema> {
  /** Most slots in use at once; handles are `slot + maxSlots * generation`. */
  readonly maxSlots: number;
  /** Generations count 0 … generationLimit − 1, then wrap to 0. */
  readonly generationLimit: number;
  /** Typed columns per slot, grown with the table. @default none */
  readonly columns?: S;
  /** Slots the columns have room for at first. @default 64 */
  readonly initialCapacity?: number;
}

/** A table of recycled slots with generation-checked handles. */
export class SlotTable<S extends ColumnSchema = Record<never, never>> {
  readonly maxSlots: number;
  private readonly generationLimit: number;
  private readonly bookkeeping: ColumnGroup<Partial<typeof SLOT_COLUMNS> & typeof FREE_ONLY>;
  private readonly own: ColumnGroup<S>;
  /** The bookkeeping columns, kept at hand (refreshed when the table grows). */
  private generation: Uint32Array;
  private free: Int32Array;
  private freeCount = 0;
  private usedCount = 0;

  constructor(options: SlotTableOptions<S>) {
    this.maxSlots = options.maxSlots;
    this.generationLimit = options.generationLimit;
    const capacity = options.initialCapacity ?? 64;
    this.bookkeeping = new ColumnGroup(this.generationLimit === 1 ? FREE_ONLY : SLOT_COLUMNS, capacity);
    this.own = new ColumnGroup(options.columns ?? ({} as S), capacity);
    this.generation = this.bookkeeping.owner.generation ?? NO_GENERATIONS;
    this.free = this.bookkeeping.owner.free;
  }

  /** The table's own typed columns, indexed by slot (replaced when the table grows). */
  get columns(): ColumnsOf<S> {
    return this.own.owner;
  }

  /** Slots handed out so far, in use or released: every slot is below this. */
  get used(): number {
    return this.usedCount;
  }

  /** Slots in use now. */
  get taken(): number {
    return this.usedCount - this.freeCount;
  }

  /** Hands out a slot: the last one released, else a new one; -1 when `maxSlots` are in use. */
  allocate(): number {
    if (this.freeCount > 0) return this.free[--this.freeCount]!;
    if (this.usedCount === this.maxSlots) return -1;
    const slot = this.usedCount++;
    if (slot === this.bookkeeping.capacity) this.grow();
    return slot;
  }

  /** Gives a slot back; handles to it go stale. */
  release(slot: number): void {
    if (this.generationLimit > 1) {
      const next = this.generation[slot]! + 1;
      this.generation[slot] = next === this.generationLimit ? 0 : next;
    }
    this.free[this.freeCount++] = slot;
  }

  /** The handle of a slot as it is now. */
  handle(slot: number): number {
    return this.generationLimit === 1 ? slot : slot + this.maxSlots * this.generation[slot]!;
  }

  /**
   * The slot a handle names, or -1 when the handle is stale (its slot was released since) or
   * was never given. A slot released and not handed out again has no valid handle.
   */
  slotOf(handle: number): number {
    const slot = handle % this.maxSlots;
    if (!(slot >= 0 && slot < this.usedCount)) return -1;
    return (this.generationLimit === 1 ? 0 : this.generation[slot]) === (handle - slot) / this.maxSlots ? slot : -1;
  }

  /**
   * Calls `visit` with every slot in use, in slot order; `visit` may release the slot it is
   * given. Costs a pass over every slot handed out so far: for rare sweeps (a crash, the end
   * of a run), not per event.
   */
  forEachTaken(visit: (slot: number) => void): void {
    const released = new Uint8Array(this.usedCount);
    for (let i = 0; i < this.freeCount; i++) released[this.free[i]!] = 1;
    for (let slot = 0; slot < released.length; slot++) if (released[slot] === 0) visit(slot);
  }

  private grow(): void {
    this.bookkeeping.fit(this.usedCount - 1);
    this.own.fit(this.usedCount - 1);
    this.generation = this.bookkeeping.owner.generation ?? NO_GENERATIONS;
    this.free = this.bookkeeping.owner.free;
  }
}

/** What a table with one generation reads as its generations: nothing. */
const NO_GENERATIONS = new Uint32Array(0);
