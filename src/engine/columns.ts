/**
 * Typed columns that grow together: journals, the delivery ledger, slot tables and search
 * heaps keep their records column by column in typed arrays of one capacity, which a
 * {@link ColumnGroup} owns and grows (by doubling, or to a size asked for), so no table
 * writes its own growth.
 */

/** Any typed array used as a column. */
export type Column = Int32Array | Uint32Array | Float64Array | Uint8Array | Uint16Array;

/** One column of a table: the typed array that holds it and the value new entries hold. */
export interface ColumnSpec<C extends Column = Column> {
  readonly type: new (length: number) => C;
  /** What an entry holds before it is written. @default 0 */
  readonly fill: number;
}

/** A column of typed array `type` whose new entries hold `fill`. */
export function column<C extends Column>(type: new (length: number) => C, fill = 0): ColumnSpec<C> {
  return { type, fill };
}

/** Named columns, as a table declares them. */
export type ColumnSchema = Readonly<Record<string, ColumnSpec>>;

/** The typed arrays of a schema, by name. */
export type ColumnsOf<S extends ColumnSchema> = { -readonly [K in keyof S]: S[K] extends ColumnSpec<infer C> ? C : never };

/** A copy of `column` with room for `capacity` entries; new entries hold `fill`. */
function resized<C extends Column>(column: C, capacity: number, fill = 0): C {
  const next = new (column.constructor as new (length: number) => C)(capacity);
  if (fill !== 0) next.fill(fill as never);
  next.set(column.subarray(0, Math.min(column.length, capacity)) as never);
  return next;
}

/**
 * The columns of one schema with one capacity. They live as properties of an owner object
 * (a journal puts them on itself, so readers write `journal.sentAt[id]`); growing replaces
 * each with a longer copy, so hold the owner, never a column, across writes that may grow.
 */
export class ColumnGroup<S extends ColumnSchema> {
  private size: number;
  private readonly names: readonly (keyof S & string)[];

  /**
   * @param schema the columns
   * @param capacity entries each column has room for at first
   * @param owner the object that carries the columns (filled in here)
   */
  constructor(
    private readonly schema: S,
    capacity: number,
    readonly owner: ColumnsOf<S> = {} as ColumnsOf<S>,
  ) {
    this.size = capacity;
    this.names = Object.keys(schema);
    const columns = owner as Record<string, Column>;
    for (const name of this.names) {
      const { type, fill } = schema[name]!;
      const created = new type(capacity);
      if (fill !== 0) created.fill(fill as never);
      columns[name] = created;
    }
  }

  /** Entries each column has room for. */
  get capacity(): number {
    return this.size;
  }

  /** Makes room for entry `index`, doubling the capacity (at least) when it is past the end. */
  fit(index: number): void {
    if (index >= this.size) this.resize(Math.max(2 * this.size, index + 1));
  }

  /** Makes room for `capacity` entries exactly, if the columns hold fewer. */
  reserve(capacity: number): void {
    if (capacity > this.size) this.resize(capacity);
  }

  private resize(capacity: number): void {
    const columns = this.owner as Record<string, Column>;
    for (const name of this.names) columns[name] = resized(columns[name]!, capacity, this.schema[name]!.fill);
    this.size = capacity;
  }
}
