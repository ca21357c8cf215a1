/**
 * A client history's entry, as clients record it and history.jsonl writes it: a process
 * invoked an operation, or its operation completed. The checkers in stats/history/ read
 * histories of these (and Jepsen's, read into this form).
 */

/** What an entry records: an invocation, or how the operation ended. */
export type EntryType = 'invoke' | 'ok' | 'fail' | 'info';

/** Every entry type, in the order docs list them. */
export const ENTRY_TYPES: readonly EntryType[] = ['invoke', 'ok', 'fail', 'info'];

/**
 * One line of a history (msgsim's `history.jsonl`, or a Jepsen history read into this form):
 * a process invoked an operation, or its operation completed.
 */
export interface HistoryEntry {
  /** The client process; a process runs one operation at a time. */
  readonly process: number;
  /**
   * `invoke` starts an operation; `ok` completes it with effect; `fail` completes it without
   * effect (for a cas: the compare failed); `info` leaves its outcome unknown (it may have
   * taken effect at any time after its invocation, or never).
   */
  readonly type: EntryType;
  /** The operation's function, e.g. `read`, `write`, `cas`, `get`, `put`, `append`. */
  readonly f: string;
  /** The key it acts on, for keyed models (kv); absent for a single register. */
  readonly key?: string | number;
  /**
   * On an invocation, the argument (`null` for reads, the value for writes, `[from, to]` for
   * a cas); on an `ok`, the result (what a read returned).
   */
  readonly value: unknown;
  /** On a `fail` or `info`, why (e.g. `timeout`, or an error reply's code and text), when known. */
  readonly error?: string;
  /** Virtual time of the entry, in seconds, when the history has times. */
  readonly time?: number;
}
