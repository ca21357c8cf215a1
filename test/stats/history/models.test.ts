/**
 * The models on their own: each step's result for every outcome, what is inert, what is a
 * mistake, and the keyed wrapper.
 */
import { describe, expect, it } from 'vitest';
import type { Operation, OperationOutcome } from '../../../src/stats/history/entry.js';
import { keyedModel, valueKey } from '../../../src/stats/history/model.js';
import { casRegisterModel, kvModel, MODEL_NAMES, MODELS, readWriteRegisterModel } from '../../../src/stats/history/models.js';

function op(f: string, input: unknown, outcome: OperationOutcome = 'ok', output?: unknown, key?: string): Operation {
  return { id: 0, process: 0, f, ...(key === undefined ? {} : { key }), input, output: outcome === 'ok' ? (output ?? input) : undefined, outcome, invokeIndex: 0, returnIndex: outcome === 'unknown' ? Infinity : 1 };
}

describe('the register model', () => {
  const nil = readWriteRegisterModel.init();

  it('starts nil, and a read must return the value held', () => {
    expect(readWriteRegisterModel.describeState(nil)).toMatch(/^nil/);
    expect(readWriteRegisterModel.step(nil, op('read', null, 'ok', null))).toBe(nil);
    expect(readWriteRegisterModel.step(nil, op('read', null, 'ok', 3))).toBeUndefined();
  });

  it('sets the value on a write, whether it completed or its outcome is unknown, and not on a failed one', () => {
    const three = readWriteRegisterModel.step(nil, op('write', 3))!;
    expect(readWriteRegisterModel.step(three, op('read', null, 'ok', 3))).toBe(three);
    expect(readWriteRegisterModel.step(nil, op('write', 3, 'unknown'))).toBe(three);
    expect(readWriteRegisterModel.step(nil, op('write', 3, 'fail'))).toBe(nil);
  });

  it('tells values apart by JSON identity: 1 is not "1", [1, 2] equals [1, 2]', () => {
    const one = readWriteRegisterModel.step(nil, op('write', 1))!;
    expect(readWriteRegisterModel.step(one, op('read', null, 'ok', '1'))).toBeUndefined();
    const pair = readWriteRegisterModel.step(nil, op('write', [1, 2]))!;
    expect(readWriteRegisterModel.step(pair, op('read', null, 'ok', [1, 2]))).toBe(pair);
    expect(valueKey(null)).not.toBe(valueKey('null'));
  });

  it('leaves out reads of unknown outcome and failed writes, and nothing else', () => {
    expect(readWriteRegisterModel.inert(op('read', null, 'unknown'))).toBe(true);
    expect(readWriteRegisterModel.inert(op('read', null, 'fail'))).toBe(true);
    expect(readWriteRegisterModel.inert(op('write', 1, 'fail'))).toBe(true);
    expect(readWriteRegisterModel.inert(op('read', null, 'ok', 1))).toBe(false);
    expect(readWriteRegisterModel.inert(op('write', 1, 'unknown'))).toBe(false);
  });
});

describe('the cas-register model', () => {
  const one = casRegisterModel.step(casRegisterModel.init(), op('write', 1))!;

  it('sets to on an ok cas whose from is the value, and refuses one whose from is not', () => {
    expect(casRegisterModel.describeState(casRegisterModel.step(one, op('cas', [1, 2]))!)).toBe('2');
    expect(casRegisterModel.step(one, op('cas', [3, 2]))).toBeUndefined();
  });

  it('takes a failed cas as a compare that found another value', () => {
    expect(casRegisterModel.step(one, op('cas', [3, 2], 'fail'))).toBe(one);
    expect(casRegisterModel.step(one, op('cas', [1, 2], 'fail'))).toBeUndefined();
  });

  it('lets a cas of unknown outcome act as its compare says', () => {
    expect(casRegisterModel.describeState(casRegisterModel.step(one, op('cas', [1, 2], 'unknown'))!)).toBe('2');
    expect(casRegisterModel.step(one, op('cas', [3, 2], 'unknown'))).toBe(one);
    expect(casRegisterModel.inert(op('cas', [1, 2], 'fail'))).toBe(false);
  });

  it('wants [from, to] as a cas value', () => {
    expect(casRegisterModel.problem(op('cas', 3))).toEqual({ entry: 'invoke', message: 'value: 3; expected [from, to]' });
    expect(casRegisterModel.problem(op('cas', [1, 2]))).toBeUndefined();
  });
});

describe('the kv model', () => {
  it('keeps a string per key: put replaces, append adds to the end, get must return it', () => {
    let state = kvModel.init();
    state = kvModel.step(state, op('append', 'x', 'ok', undefined, 'k'))!;
    state = kvModel.step(state, op('append', 'y', 'ok', undefined, 'k'))!;
    expect(state).toBe('xy');
    expect(kvModel.step(state, op('get', null, 'ok', 'xy', 'k'))).toBe('xy');
    expect(kvModel.step(state, op('get', null, 'ok', 'yx', 'k'))).toBeUndefined();
    expect(kvModel.step(state, op('put', 'z', 'ok', undefined, 'k'))).toBe('z');
    expect(kvModel.step(state, op('put', 'z', 'fail', undefined, 'k'))).toBe('xy');
  });

  it('is keyed, and wants a key and string values', () => {
    expect(kvModel.keyed).toBe(true);
    expect(kvModel.problem(op('get', null, 'ok', ''))?.message).toMatch(/^key: missing/);
    expect(kvModel.problem(op('append', 5, 'ok', undefined, 'k'))).toEqual({ entry: 'invoke', message: 'value: 5; expected the string to append' });
    expect(kvModel.problem(op('append', 'x', 'ok', undefined, 'k'))).toBeUndefined();
  });

  it('wraps any model as one object per key', () => {
    const linKv = keyedModel(casRegisterModel, 'lin-kv', 'cas registers by key');
    expect(linKv.keyed).toBe(true);
    expect(linKv.functions).toEqual(casRegisterModel.functions);
    expect(linKv.problem(op('write', 1))?.message).toMatch(/^key: missing/);
    expect(linKv.problem(op('write', 1, 'ok', undefined, 'k'))).toBeUndefined();
  });
});

describe('MODELS', () => {
  it('names each model by its own name', () => {
    expect(MODEL_NAMES).toEqual(['register', 'cas-register', 'kv']);
    for (const name of MODEL_NAMES) expect(MODELS[name]!.name).toBe(name);
  });
});
