/**
 * checkLinearizable on small histories written by hand, each with a verdict one can work out
 * on paper: concurrent and sequential writes, stale reads, unknown outcomes that must or
 * must not have taken effect, failed cas, keys checked on their own, and the counterexample.
 */
import { describe, expect, it } from 'vitest';
import { checkLinearizable } from '../../../src/stats/history/check.js';
import { HistoryError } from '../../../src/stats/history/entry.js';
import { casRegisterModel, kvModel, readWriteRegisterModel } from '../../../src/stats/history/models.js';
import type { Model } from '../../../src/stats/history/model.js';
import { history } from './histories.js';

const verdict = (lines: string[], model: Model = casRegisterModel, keyed = false): string => checkLinearizable(history(lines, keyed), model).verdict;

describe('checkLinearizable', () => {
  it('accepts a read of either of two concurrent writes', () => {
    const writes = ['0 invoke write 1', '1 invoke write 2', '0 ok write 1', '1 ok write 2'];
    expect(verdict([...writes, '2 invoke read', '2 ok read 1'], readWriteRegisterModel)).toBe('linearizable');
    expect(verdict([...writes, '2 invoke read', '2 ok read 2'], readWriteRegisterModel)).toBe('linearizable');
    expect(verdict([...writes, '2 invoke read', '2 ok read 3'], readWriteRegisterModel)).toBe('not-linearizable');
  });

  it('refuses a stale read: the value of a write that a later completed write replaced', () => {
    const lines = ['0 invoke write 1', '0 ok write 1', '1 invoke write 2', '1 ok write 2', '2 invoke read', '2 ok read 1'];
    expect(verdict(lines, readWriteRegisterModel)).toBe('not-linearizable');
  });

  it('accepts a read concurrent with the write it saw, and refuses one that ended before the write began', () => {
    expect(verdict(['0 invoke write 1', '1 invoke read', '1 ok read 1', '0 ok write 1'], readWriteRegisterModel)).toBe('linearizable');
    expect(verdict(['1 invoke read', '1 ok read 1', '0 invoke write 1', '0 ok write 1'], readWriteRegisterModel)).toBe('not-linearizable');
  });

  it('refuses reads that go back to an older value', () => {
    const lines = ['0 invoke write 1', '1 invoke read', '1 ok read 1', '2 invoke read', '2 ok read null', '0 ok write 1'];
    expect(verdict(lines, readWriteRegisterModel)).toBe('not-linearizable');
  });

  it('lets an info write take effect when a later read needs it', () => {
    const lines = ['0 invoke write 5', '0 info write', '1 invoke read', '1 ok read 5'];
    expect(verdict(lines)).toBe('linearizable');
  });

  it('lets an info write never take effect, but not before it was invoked', () => {
    expect(verdict(['0 invoke write 5', '0 info write', '1 invoke read', '1 ok read null'])).toBe('linearizable');
    expect(verdict(['1 invoke read', '1 ok read 5', '0 invoke write 5', '0 info write'])).toBe('not-linearizable');
  });

  it('gives an info write one instant: its value cannot come, go and come back', () => {
    const lines = ['0 invoke write 1', '0 ok write 1', '1 invoke write 5', '1 info write', '2 invoke read', '2 ok read 5', '2 invoke read', '2 ok read 1', '2 invoke read', '2 ok read 5'];
    expect(verdict(lines)).toBe('not-linearizable');
  });

  it('treats an operation that never completed like an info one', () => {
    expect(verdict(['0 invoke write 5', '1 invoke read', '1 ok read 5'])).toBe('linearizable');
    expect(verdict(['1 invoke read', '1 ok read 5', '0 invoke write 5'])).toBe('not-linearizable');
    // Process 0 invoked again without completing its write: the write's outcome is unknown.
    expect(verdict(['0 invoke write 5', '0 invoke read', '0 ok read 5'])).toBe('linearizable');
  });

  it('reads a failed cas as a compare that found another value, with no effect', () => {
    const written = ['0 invoke write 1', '0 ok write 1'];
    expect(verdict([...written, '1 invoke cas [1,2]', '1 fail cas [1,2]'])).toBe('not-linearizable');
    expect(verdict([...written, '1 invoke cas [3,2]', '1 fail cas [3,2]', '2 invoke read', '2 ok read 1'])).toBe('linearizable');
    expect(verdict([...written, '1 invoke cas [3,2]', '1 fail cas [3,2]', '2 invoke read', '2 ok read 2'])).toBe('not-linearizable');
    expect(verdict([...written, '1 invoke cas [1,2]', '1 ok cas [1,2]', '2 invoke read', '2 ok read 2'])).toBe('linearizable');
    expect(verdict([...written, '1 invoke cas [4,2]', '1 ok cas [4,2]'])).toBe('not-linearizable');
  });

  it('lets a cas of unknown outcome take effect only where its compare holds', () => {
    const lines = ['0 invoke write 1', '0 ok write 1', '1 invoke cas [1,2]', '1 info cas', '2 invoke read', '2 ok read 2'];
    expect(verdict(lines)).toBe('linearizable');
    expect(verdict(['0 invoke write 3', '0 ok write 3', '1 invoke cas [1,2]', '1 info cas', '2 invoke read', '2 ok read 2'])).toBe('not-linearizable');
  });

  it('ignores failed writes and reads of unknown outcome', () => {
    const lines = ['0 invoke write 1', '0 fail write', '1 invoke read', '1 info read', '2 invoke read', '2 ok read null'];
    expect(verdict(lines, readWriteRegisterModel)).toBe('linearizable');
  });

  it('checks each key of a kv history on its own, and names the failing key', () => {
    const lines = [
      '0 invoke append "a" "x"',
      '1 invoke append "b" "y"',
      '0 ok append "a" "x"',
      '1 ok append "b" "y"',
      '0 invoke get "a"',
      '0 ok get "a" "x"',
      '1 invoke get "b"',
      '1 ok get "b" ""',
    ];
    const result = checkLinearizable(history(lines, true), kvModel);
    expect(result.verdict).toBe('not-linearizable');
    if (result.verdict !== 'not-linearizable') return;
    expect(result.partitions).toBe(2);
    expect(result.counterexample.key).toBe('b');
    expect(checkLinearizable(history(lines.slice(0, 6), true), kvModel).verdict).toBe('linearizable');
  });

  it('appends in linearization order: two concurrent appends give one of two strings', () => {
    const appends = ['0 invoke append "k" "x"', '1 invoke append "k" "y"', '0 ok append "k" "x"', '1 ok append "k" "y"', '2 invoke get "k"'];
    expect(verdict([...appends, '2 ok get "k" "yx"'], kvModel, true)).toBe('linearizable');
    expect(verdict([...appends, '2 ok get "k" "xy"'], kvModel, true)).toBe('linearizable');
    expect(verdict([...appends, '2 ok get "k" "x"'], kvModel, true)).toBe('not-linearizable');
  });

  it('explains a failure: the longest linearizable prefix, the state after it, and what cannot come next', () => {
    const lines = ['0 invoke write 1', '0 ok write 1', '1 invoke write 2', '1 ok write 2', '2 invoke read', '2 ok read 1'];
    const result = checkLinearizable(history(lines), readWriteRegisterModel);
    if (result.verdict !== 'not-linearizable') throw new Error(`expected not-linearizable, got ${result.verdict}`);
    const { prefix, state, next } = result.counterexample;
    expect(prefix.map((operation) => operation.input)).toEqual([1, 2]);
    expect(state).toBe('2');
    expect(next.map(({ operation, refused }) => [operation.f, operation.output, refused])).toEqual([['read', 1, true]]);
  });

  it('returns a linearization of a linearizable history', () => {
    const lines = ['0 invoke write 1', '1 invoke read', '1 ok read 1', '0 ok write 1', '1 invoke write 2', '1 ok write 2'];
    const result = checkLinearizable(history(lines), readWriteRegisterModel);
    expect(result.verdict === 'linearizable' && result.linearization).toEqual([0, 1, 2]);
  });

  it('is undecided when the step budget runs out', () => {
    const lines = ['0 invoke write 1', '1 invoke write 2', '0 ok write 1', '1 ok write 2', '2 invoke read', '2 ok read 1'];
    expect(checkLinearizable(history(lines), readWriteRegisterModel, { maxSteps: 2 }).verdict).toBe('undecided');
  });

  it('refuses, naming the entry, a history that does not fit the model', () => {
    const error = (lines: string[], model: Model = casRegisterModel, keyed = false): HistoryError => {
      try {
        checkLinearizable(history(lines, keyed), model);
      } catch (caught) {
        if (caught instanceof HistoryError) return caught;
        throw caught;
      }
      throw new Error('expected a HistoryError');
    };
    expect(error(['0 invoke write 1', '1 ok write 1'])).toMatchObject({ index: 1, message: expect.stringMatching(/no operation open/) });
    expect(error(['0 invoke write 1', '0 ok read 1'])).toMatchObject({ index: 1, message: expect.stringMatching(/f: "read" cannot complete process 0's open "write"/) });
    expect(error(['0 invoke incr 1'])).toMatchObject({ index: 0, message: 'f: "incr" is not an operation of the cas-register model; expected one of: read, write, cas' });
    expect(error(['0 invoke cas 3', '0 ok cas 3'])).toMatchObject({ index: 0, message: expect.stringMatching(/value: 3; expected \[from, to\]/) });
    expect(error(['0 invoke get "a"', '0 ok get "a" 7'], kvModel, true)).toMatchObject({ index: 1, message: 'value: 7; expected the string that get returned' });
    expect(error(['0 invoke get null', '0 ok get null ""'], kvModel, true)).toMatchObject({ index: 0, message: expect.stringMatching(/^key: missing/) });
  });
});
