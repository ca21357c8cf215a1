/**
 * checkLinearizable: a history against a model. Pairs the entries into operations, checks
 * them against the model (a user's mistake is a HistoryError naming the entry), leaves out
 * the inert ones, splits a keyed model's history by key, searches each part (search.ts),
 * and on failure rebuilds the counterexample: the longest linearizable prefix found and the
 * operations that could come next, each with whether the model refuses it there.
 */
import { HistoryError, pairOperations, type HistoryEntry, type Operation } from './entry.js';
import type { Model } from './model.js';
import { searchLinearization } from './search.js';

/** Options of {@link checkLinearizable}. */
export interface CheckLinearizableOptions {
  /**
   * Search steps allowed over all keys (one step per list entry visited); past them the
   * verdict is `undecided`. @default 100000000
   */
  readonly maxSteps?: number;
}

/** @see CheckLinearizableOptions.maxSteps */
export const DEFAULT_MAX_STEPS = 100_000_000;

/** An operation that could come right after the prefix. */
export interface NextOperation {
  readonly operation: Operation;
  /** True: the model refuses it in the state after the prefix; false: it fits, but every way on from it fails. */
  readonly refused: boolean;
}

/** Why a history is not linearizable: where the longest linearizable prefix found gets stuck. */
export interface Counterexample {
  /** The key whose operations are not linearizable (keyed models only). */
  readonly key?: string | number;
  /** The key's operations the search considered (inert ones left out). */
  readonly operations: number;
  /** The longest linearizable prefix found, in linearization order. */
  readonly prefix: readonly Operation[];
  /** The state after it, as the model writes states. */
  readonly state: string;
  /** The operations that could come next by real time (invoked before the first completion still open). */
  readonly next: readonly NextOperation[];
}

interface Verdict<Kind extends string> {
  readonly verdict: Kind;
  /** The model's name. */
  readonly model: string;
  /** Operations in the history (inert ones included). */
  readonly operations: number;
  /** Of them, operations with an unknown outcome (`info`, or no completion). */
  readonly unknown: number;
  /** Objects checked on their own: keys of a keyed model, else 1. */
  readonly partitions: number;
  /** Search steps taken. */
  readonly steps: number;
}

/** What {@link checkLinearizable} found. */
export type LinearizabilityResult =
  | (Verdict<'linearizable'> & {
      /** A linearization, by operation id (inert operations and, per key, keyed order left out). */
      readonly linearization: readonly number[];
    })
  | (Verdict<'not-linearizable'> & { readonly counterexample: Counterexample })
  | (Verdict<'undecided'> & {
      /** The key whose search ran out of steps (keyed models only). */
      readonly key?: string | number;
    });

/**
 * Checks that a history is linearizable with respect to `model`: that every operation can be
 * given one instant between its invocation and its completion such that, in the order of
 * those instants, each operation is what `model` allows. An operation whose outcome is
 * unknown (`info`, or no completion) may take effect at any time after its invocation, or
 * never; a `fail`ed one had no effect (the model decides what a failure still says: a cas
 * failed because its compare was false). Throws {@link HistoryError} when the history does
 * not fit the model (an unknown function, values of the wrong shape, a completion with no
 * invocation).
 */
export function checkLinearizable(history: readonly HistoryEntry[], model: Model, options: CheckLinearizableOptions = {}): LinearizabilityResult {
  const operations = pairOperations(history);
  for (const operation of operations) validate(model, operation);
  const partitions = partition(model, operations);
  const base = { model: model.name, operations: operations.length, unknown: operations.filter((op) => op.outcome === 'unknown').length, partitions: partitions.size };
  let budget = options.maxSteps ?? DEFAULT_MAX_STEPS;
  let steps = 0;
  let undecided: { key?: string | number } | undefined;
  const linearization: number[] = [];
  for (const [key, all] of partitions) {
    const part = all.filter((operation) => !model.inert(operation));
    const found = searchLinearization(model, part, budget);
    steps += found.steps;
    budget = Math.max(0, budget - found.steps);
    const keyField = model.keyed ? { key: key! } : {};
    if (found.linearizable === false) return { verdict: 'not-linearizable', ...base, steps, counterexample: { ...keyField, ...explain(model, part, found.order) } };
    if (found.linearizable === undefined) undecided ??= keyField;
    else linearization.push(...found.order.map((index) => part[index]!.id));
  }
  if (undecided !== undefined) return { verdict: 'undecided', ...base, steps, ...undecided };
  return { verdict: 'linearizable', ...base, steps, linearization };
}

function validate(model: Model, operation: Operation): void {
  if (!model.functions.includes(operation.f)) {
    throw new HistoryError(operation.invokeIndex, `f: "${operation.f}" is not an operation of the ${model.name} model; expected one of: ${model.functions.join(', ')}`);
  }
  const problem = model.problem(operation);
  if (problem !== undefined) throw new HistoryError(problem.entry === 'invoke' ? operation.invokeIndex : operation.returnIndex, problem.message);
}

/** Operations by key, keys in order of first invocation; one part for a model without keys. */
function partition(model: Model, operations: readonly Operation[]): Map<string | number | undefined, Operation[]> {
  const parts = new Map<string | number | undefined, Operation[]>();
  if (!model.keyed) return parts.set(undefined, [...operations]);
  for (const operation of operations) {
    const part = parts.get(operation.key);
    if (part === undefined) parts.set(operation.key, [operation]);
    else part.push(operation);
  }
  return parts;
}

/** The counterexample at the longest prefix: its state, and what could come next. */
function explain(model: Model, operations: readonly Operation[], order: readonly number[]): Omit<Counterexample, 'key'> {
  let state = model.init();
  for (const index of order) state = model.step(state, operations[index]!)!;
  const done = new Set(order);
  const rest = operations.filter((_, index) => !done.has(index));
  const deadline = Math.min(...rest.map((operation) => operation.returnIndex));
  const next = rest
    .filter((operation) => operation.invokeIndex < deadline)
    .map((operation) => ({ operation, refused: model.step(state, operation) === undefined }));
  return { operations: operations.length, prefix: order.map((index) => operations[index]!), state: model.describeState(state), next };
}
