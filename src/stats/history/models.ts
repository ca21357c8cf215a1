/**
 * The models msgsim checks histories against, and the registry that names them: a register
 * (read, write), a compare-and-set register (read, write, cas; Jepsen's etcd test), and a
 * key-value store of strings (get, put, append per key; Porcupine's kv histories). Adding a
 * model is one definition here plus one entry in {@link MODELS}.
 */
import type { HistoryEntry, Operation } from './entry.js';
import { keyedModel, valueKey, type Model, type Problem } from './model.js';

/** A register's state: the identity ({@link valueKey}) of the value it holds; `null` is never written. */
type RegisterState = string | number;

const NIL: RegisterState = valueKey(null);

function describeRegister(state: RegisterState): string {
  return state === NIL ? 'nil (never written)' : String(state);
}

function readStep(state: RegisterState, operation: Operation): RegisterState | undefined {
  return operation.outcome !== 'ok' || valueKey(operation.output) === state ? state : undefined;
}

function registerProblem(operation: Operation): Problem | undefined {
  if (operation.f === 'write' && operation.input === undefined) return { entry: 'invoke', message: 'value: missing; expected the value written' };
  return undefined;
}

/** A single register, initially nil (`null`): a read returns the last value written. */
export const readWriteRegisterModel: Model<RegisterState> = {
  name: 'register',
  description: 'one register, initially nil: read returns the last value written',
  functions: ['read', 'write'],
  keyed: false,
  init: () => NIL,
  problem: registerProblem,
  step(state, operation) {
    if (operation.f === 'read') return readStep(state, operation);
    return operation.outcome === 'fail' ? state : valueKey(operation.input);
  },
  stateKey: (state) => state,
  inert: (operation) => (operation.f === 'read' ? operation.outcome !== 'ok' : operation.outcome === 'fail'),
  describeState: describeRegister,
};

function casArguments(operation: Operation): readonly [unknown, unknown] | undefined {
  const input = operation.input;
  return Array.isArray(input) && input.length === 2 ? [input[0], input[1]] : undefined;
}

/**
 * A register with compare-and-set, initially nil: `cas [from, to]` sets `to` if the value is
 * `from`; an `ok` cas found `from`, a `fail`ed one did not (and changed nothing).
 */
export const casRegisterModel: Model<RegisterState> = {
  ...readWriteRegisterModel,
  name: 'cas-register',
  description: 'one register with compare-and-set, initially nil: cas [from, to] sets to if the value is from',
  functions: ['read', 'write', 'cas'],
  problem(operation) {
    if (operation.f === 'cas' && casArguments(operation) === undefined) return { entry: 'invoke', message: `value: ${JSON.stringify(operation.input ?? null)}; expected [from, to]` };
    return registerProblem(operation);
  },
  step(state, operation) {
    if (operation.f !== 'cas') return readWriteRegisterModel.step(state, operation);
    const [from, to] = casArguments(operation)!;
    const matches = valueKey(from) === state;
    if (operation.outcome === 'ok') return matches ? valueKey(to) : undefined;
    if (operation.outcome === 'fail') return matches ? undefined : state;
    return matches ? valueKey(to) : state;
  },
  inert: (operation) => operation.f !== 'cas' && readWriteRegisterModel.inert(operation),
};

/** One key's value in the kv store: a string, initially empty. */
const stringStore: Model<string> = {
  name: 'string',
  description: 'a string, initially empty: get returns it, put replaces it, append adds to its end',
  functions: ['get', 'put', 'append'],
  keyed: false,
  init: () => '',
  problem(operation) {
    if (operation.f === 'get') {
      if (operation.outcome !== 'ok' || typeof operation.output === 'string') return undefined;
      return { entry: 'completion', message: `value: ${JSON.stringify(operation.output ?? null)}; expected the string that get returned` };
    }
    if (typeof operation.input === 'string') return undefined;
    return { entry: 'invoke', message: `value: ${JSON.stringify(operation.input ?? null)}; expected the string to ${operation.f}` };
  },
  step(state, operation) {
    if (operation.f === 'get') return operation.outcome !== 'ok' || operation.output === state ? state : undefined;
    if (operation.outcome === 'fail') return state;
    return operation.f === 'put' ? (operation.input as string) : state + (operation.input as string);
  },
  stateKey: (state) => state,
  inert: (operation) => (operation.f === 'get' ? operation.outcome !== 'ok' : operation.outcome === 'fail'),
  describeState: (state) => JSON.stringify(state),
};

/** Independent strings by key, each initially empty: get, put and append act on one key. */
export const kvModel: Model<string> = keyedModel(stringStore, 'kv', 'strings by key, each initially empty: get returns one, put replaces it, append adds to its end');

/**
 * The model to check `entries` against: `model` itself, or, for a model of one object
 * (a register) and a history whose entries name keys (Maelstrom's lin-kv: independent
 * registers), one such object per key, each key's operations checked on their own.
 */
export function modelForHistory(model: Model, entries: readonly HistoryEntry[]): Model {
  if (model.keyed || !entries.some((entry) => entry.key !== undefined)) return model;
  return keyedModel(model, `${model.name} per key`, `${model.description}; one per key`);
}

/** The models by name, as `msgsim linearizable --model` knows them. */
export const MODELS: Readonly<Record<string, Model>> = {
  register: readWriteRegisterModel as Model,
  'cas-register': casRegisterModel as Model,
  kv: kvModel as Model,
};

/** The names of {@link MODELS}, in registry order. */
export const MODEL_NAMES: readonly string[] = Object.keys(MODELS);
