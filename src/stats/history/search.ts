/**
 * The linearization search for one object (one key): Wing and Gong's backtracking search
 * with Lowe's cache, shaped as Porcupine runs it. The history is a doubly linked list of call
 * and return entries in history order. The search walks it from the front: at a call it tries
 * to linearize that operation next (the model accepts it, and the configuration reached —
 * linearized set and state — was not explored before), lifting its call and return out of
 * the list and starting over at the front; at a return it has met an operation that had to be
 * linearized by then and was not, so it backtracks: the last lifted operation goes back in
 * and the walk goes on after it. An operation with an unknown outcome has no return entry
 * (its return is at +infinity), so nothing ever forces it in: it may be linearized anywhere
 * after its call, or never, and the search succeeds once every operation that completed is
 * linearized. The list lives in typed arrays; nothing is allocated per step but cache entries.
 */
import type { Operation } from './entry.js';
import { ConfigurationCache, LinearizedSet } from './cache.js';
import type { Model, StateKey } from './model.js';

/** How a search of one object ended. */
export interface SearchOutcome {
  /** True: linearizable; false: not; undefined: the step budget ran out first. */
  readonly linearizable: boolean | undefined;
  /**
   * Indices into the operations searched: the linearization found, or the longest
   * linearizable prefix the search reached.
   */
  readonly order: readonly number[];
  /** Steps taken (one per list entry visited). */
  readonly steps: number;
}

/** The call and return entries of `operations` as a linked list in history order. */
interface EntryList {
  /** next[node] and prev[node]; calls are nodes 0..n-1, returns n..2n-1, the head 2n; -1 ends the list. */
  readonly next: Int32Array;
  readonly prev: Int32Array;
  readonly head: number;
}

function entryList(operations: readonly Operation[]): EntryList {
  const n = operations.length;
  const nodes: number[] = [];
  const position = new Float64Array(2 * n);
  for (let k = 0; k < n; k++) {
    const operation = operations[k]!;
    position[k] = operation.invokeIndex;
    nodes.push(k);
    if (operation.returnIndex !== Infinity) {
      position[n + k] = operation.returnIndex;
      nodes.push(n + k);
    }
  }
  nodes.sort((a, b) => position[a]! - position[b]!);
  const head = 2 * n;
  const next = new Int32Array(2 * n + 1).fill(-1);
  const prev = new Int32Array(2 * n + 1).fill(-1);
  let last = head;
  for (const node of nodes) {
    next[last] = node;
    prev[node] = last;
    last = node;
  }
  return { next, prev, head };
}

/** Searches for a linearization of `operations` (in invocation order) under `model`, in at most `maxSteps` steps. */
export function searchLinearization<State>(model: Model<State>, operations: readonly Operation[], maxSteps: number): SearchOutcome {
  const n = operations.length;
  const { next, prev, head } = entryList(operations);
  const finite = operations.map((operation) => operation.returnIndex !== Infinity);
  let completedLeft = finite.filter(Boolean).length;

  const linearized = new LinearizedSet(n);
  const cache = new ConfigurationCache(n);
  const intern = stateNumbering(model);
  const stackOperations = new Int32Array(n);
  const stackStates: State[] = [];
  let depth = 0;
  let best: number[] = [];
  let state = model.init();
  let steps = 0;
  const outcome = (linearizable: boolean | undefined, order: readonly number[]): SearchOutcome => ({ linearizable, order, steps });

  let entry = next[head]!;
  for (;;) {
    if (completedLeft === 0) return outcome(true, Array.from(stackOperations.subarray(0, depth)));
    if (++steps > maxSteps) return outcome(undefined, best);
    if (entry >= 0 && entry < n) {
      const after = model.step(state, operations[entry]!);
      if (after !== undefined) {
        linearized.add(entry);
        const afterId = intern(after);
        // A state past the numbering's limits goes uncached: explored again, never skipped.
        if (afterId < 0 || cache.addIfAbsent(linearized, afterId)) {
          stackOperations[depth] = entry;
          stackStates[depth++] = state;
          state = after;
          if (finite[entry]) completedLeft--;
          lift(next, prev, entry, n);
          entry = next[head]!;
          continue;
        }
        linearized.delete(entry);
      }
      entry = next[entry]!;
      continue;
    }
    // A return: its operation had to be linearized by now. Undo the last choice.
    if (depth > best.length) best = Array.from(stackOperations.subarray(0, depth));
    if (depth === 0) return outcome(false, best);
    const undone = stackOperations[--depth]!;
    state = stackStates[depth]!;
    linearized.delete(undone);
    if (finite[undone]) completedLeft++;
    unlift(next, prev, undone, n);
    entry = next[undone]!;
  }
}

/** Distinct states the search numbers, at most, and the characters of their string keys (a kv's long strings). */
export const STATES_MAX = 1 << 22;
/** @see STATES_MAX */
export const STATE_KEY_CHARS_MAX = 1 << 27;

/**
 * Numbers states by their {@link Model.stateKey}, for the cache: equal keys, one number.
 * Past {@link STATES_MAX} states or {@link STATE_KEY_CHARS_MAX} characters of keys, a new
 * state gets -1 (not cached), so memory stays bounded whatever the model's states are.
 */
function stateNumbering<State>(model: Model<State>): (state: State) => number {
  const ids = new Map<StateKey, number>();
  let chars = 0;
  return (state) => {
    const key = model.stateKey(state);
    const id = ids.get(key);
    if (id !== undefined) return id;
    const length = typeof key === 'string' ? key.length : 0;
    if (ids.size >= STATES_MAX || chars + length > STATE_KEY_CHARS_MAX) return -1;
    chars += length;
    ids.set(key, ids.size);
    return ids.size - 1;
  };
}

/** Unlinks an operation's call and return (if it has one). */
function lift(next: Int32Array, prev: Int32Array, call: number, n: number): void {
  unlink(next, prev, call);
  if (prev[call + n] !== -1) unlink(next, prev, call + n);
}

/** Links them back, in the reverse order (dancing links: each node still knows its neighbours). */
function unlift(next: Int32Array, prev: Int32Array, call: number, n: number): void {
  if (prev[call + n] !== -1) relink(next, prev, call + n);
  relink(next, prev, call);
}

function unlink(next: Int32Array, prev: Int32Array, node: number): void {
  const before = prev[node]!;
  const after = next[node]!;
  next[before] = after;
  if (after >= 0) prev[after] = before;
}

function relink(next: Int32Array, prev: Int32Array, node: number): void {
  const before = prev[node]!;
  const after = next[node]!;
  next[before] = node;
  if (after >= 0) prev[after] = node;
}
