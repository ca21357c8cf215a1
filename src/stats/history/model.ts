/**
 * What a sequential specification is to the linearizability checker: an initial state, a
 * step that applies one operation (or refuses it), a key that identifies a state for the
 * search's cache, and, for keyed models, the rule that each key is checked on its own (a
 * history is linearizable iff every key's sub-history is: Herlihy and Wing's locality).
 */
import type { Operation } from './entry.js';

/** A state's identity for the search's cache: equal keys iff equal states. */
export type StateKey = string | number | boolean | null;

/** What is wrong with an operation's values, and in which of its two entries. */
export interface Problem {
  readonly entry: 'invoke' | 'completion';
  /** "field: what was expected". */
  readonly message: string;
}

/** A sequential specification of an object, for {@link checkLinearizable}. */
export interface Model<State = unknown> {
  /** Name on the command line and in reports, e.g. `cas-register`. */
  readonly name: string;
  /** One line saying what the object is, for help and reports. */
  readonly description: string;
  /** The functions (`f`) the model knows. */
  readonly functions: readonly string[];
  /** Whether operations carry a `key` and each key is an object of its own. */
  readonly keyed: boolean;
  /** The state every object starts in. */
  init(): State;
  /**
   * What is wrong with an operation's values for this model (its function is one of
   * `functions`); undefined when nothing is.
   */
  problem(operation: Operation): Problem | undefined;
  /**
   * The state after `operation` (its outcome included: an `ok` read must return the state;
   * a `fail`ed cas must find its compare false; an unknown outcome fits any state), or
   * undefined when the operation cannot happen in `state`. Never returns undefined as a state.
   */
  step(state: State, operation: Operation): State | undefined;
  /** The state's identity for the cache. */
  stateKey(state: State): StateKey;
  /**
   * True when the operation is accepted in every state and changes none (a read whose
   * result is unknown, a write that failed): the search leaves it out, which changes no
   * verdict, since it fits anywhere in its interval.
   */
  inert(operation: Operation): boolean;
  /** The state as a reader would write it, for counterexamples. */
  describeState(state: State): string;
}

/**
 * The model of many independent objects, one per key, each following `base`: operations
 * must carry a key, and the checker checks each key's operations on their own.
 */
export function keyedModel<State>(base: Model<State>, name: string, description: string): Model<State> {
  return {
    ...base,
    name,
    description,
    keyed: true,
    problem(operation) {
      const { key } = operation;
      if (typeof key !== 'string' && typeof key !== 'number') return { entry: 'invoke', message: `key: missing; expected the key (a string or number) that "${operation.f}" acts on` };
      return base.problem(operation);
    },
  };
}

/** A value's identity: numbers as they are, everything else as its JSON text. */
export function valueKey(value: unknown): string | number {
  return typeof value === 'number' ? value : JSON.stringify(value ?? null);
}
