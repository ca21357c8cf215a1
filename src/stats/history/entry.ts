/**
 * Client histories: the entry a client records for each step of an operation (msgsim's
 * history.jsonl line), the operation an invocation and its completion make together, and the
 * pairing of the two, per process. Everything a history checker reads starts here.
 */

import type { HistoryEntry } from '../../workload/clients/history.js';

export { ENTRY_TYPES, type EntryType, type HistoryEntry } from '../../workload/clients/history.js';

/** How an operation ended. `unknown`: an `info`, or no completion in the history. */
export type OperationOutcome = 'ok' | 'fail' | 'unknown';

/** An invocation paired with its completion. */
export interface Operation {
  /** Index of the operation among all of the history's, in invocation order. */
  readonly id: number;
  readonly process: number;
  readonly f: string;
  readonly key?: string | number;
  /** The invocation's value: the argument. */
  readonly input: unknown;
  /** The completion's value when the outcome is `ok` (a read's result); else undefined. */
  readonly output: unknown;
  readonly outcome: OperationOutcome;
  /** Index of the invoking entry in the history. */
  readonly invokeIndex: number;
  /** Index of the completing entry; `Infinity` when the outcome is unknown (it may take effect any time later). */
  readonly returnIndex: number;
  /** Index of the `info` entry that left the outcome unknown, when one did. */
  readonly infoIndex?: number;
  /** Times of the invoking and the completing (`ok`, `fail` or `info`) entry, in seconds, when the history has them. */
  readonly invokeTime?: number;
  readonly returnTime?: number;
}

/** A history that cannot be checked as given; `index` is the entry at fault. */
export class HistoryError extends Error {
  override readonly name = 'HistoryError';
  /** Index of the offending entry in the history. */
  readonly index: number;

  constructor(index: number, message: string) {
    super(message);
    this.index = index;
  }
}

interface Open {
  readonly entry: HistoryEntry;
  readonly index: number;
  readonly slot: number;
}

/**
 * Pairs each invocation with the next completion of the same process, in history order. An
 * `info` completion, a process that invokes again before its operation completed, and an
 * operation still open at the end all leave the outcome unknown. A completion with no open
 * invocation, or of another function, is a {@link HistoryError}.
 */
export function pairOperations(history: readonly HistoryEntry[]): Operation[] {
  const operations: Operation[] = [];
  const open = new Map<number, Open>();
  for (let index = 0; index < history.length; index++) {
    const entry = history[index]!;
    const pending = open.get(entry.process);
    if (entry.type === 'invoke') {
      if (pending !== undefined) operations[pending.slot] = unknownOutcome(pending);
      open.set(entry.process, { entry, index, slot: operations.length });
      operations.push(unknownOutcome({ entry, index, slot: operations.length }));
      continue;
    }
    if (pending === undefined) throw new HistoryError(index, `type: "${entry.type}" of process ${entry.process}, which has no operation open; expected an "invoke" first`);
    if (pending.entry.f !== entry.f) {
      throw new HistoryError(index, `f: "${entry.f}" cannot complete process ${entry.process}'s open "${pending.entry.f}"; expected "${pending.entry.f}"`);
    }
    open.delete(entry.process);
    operations[pending.slot] = entry.type === 'info' ? withTimes({ ...operations[pending.slot]!, infoIndex: index }, pending.entry.time, entry.time) : completed(pending, entry, index);
  }
  return operations;
}

function unknownOutcome(open: Open): Operation {
  const { entry, index, slot } = open;
  return withTimes(
    { id: slot, process: entry.process, f: entry.f, ...keyOf(entry), input: entry.value, output: undefined, outcome: 'unknown', invokeIndex: index, returnIndex: Infinity },
    entry.time,
    undefined,
  );
}

function completed(open: Open, end: HistoryEntry, returnIndex: number): Operation {
  const { entry, index, slot } = open;
  const outcome: OperationOutcome = end.type === 'ok' ? 'ok' : 'fail';
  return withTimes(
    { id: slot, process: entry.process, f: entry.f, ...keyOf(entry), input: entry.value, output: outcome === 'ok' ? end.value : undefined, outcome, invokeIndex: index, returnIndex },
    entry.time,
    end.time,
  );
}

function keyOf(entry: HistoryEntry): { key?: string | number } {
  return entry.key === undefined ? {} : { key: entry.key };
}

function withTimes(operation: Operation, invokeTime: number | undefined, returnTime: number | undefined): Operation {
  if (invokeTime === undefined && returnTime === undefined) return operation;
  return { ...operation, ...(invokeTime === undefined ? {} : { invokeTime }), ...(returnTime === undefined ? {} : { returnTime }) };
}
