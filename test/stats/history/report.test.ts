/**
 * The report of a verdict: one line for a linearizable history, and for one that is not, the
 * end of the longest linearizable prefix, the state after it and what cannot come next.
 */
import { describe, expect, it } from 'vitest';
import { checkLinearizable } from '../../../src/stats/history/check.js';
import { casRegisterModel, kvModel } from '../../../src/stats/history/models.js';
import { describeOperation, formatLinearizability } from '../../../src/stats/history/report.js';
import { history } from './histories.js';

describe('formatLinearizability', () => {
  it('says a linearizable history is, with its counts', () => {
    const result = checkLinearizable(history(['0 invoke write 1', '0 ok write 1', '1 invoke cas [1,2]']), casRegisterModel);
    expect(formatLinearizability(result, { name: 'h.jsonl' })).toEqual([
      `h.jsonl: linearizable under the cas-register model (2 operations, 1 with unknown outcome; ${result.steps} search steps)`,
    ]);
  });

  it('shows where a history that is not gets stuck, with lines', () => {
    const lines = ['0 invoke write 1', '0 ok write 1', '1 invoke write 2', '2 invoke read', '1 ok write 2', '2 ok read 1', '0 invoke read', '0 ok read 1'];
    const result = checkLinearizable(history(lines), casRegisterModel);
    expect(formatLinearizability(result, { name: 'h.jsonl', lineOf: (index) => index + 10 })).toEqual([
      `h.jsonl: not linearizable under the cas-register model (4 operations, 0 with unknown outcome; ${result.steps} search steps)`,
      '  longest linearizable prefix: 3 of 4 operations:',
      '    process 0 write 1 -> ok  lines 10-11',
      '    process 2 read -> 1      lines 13-15',
      '    process 1 write 2 -> ok  lines 12-14',
      '  then the state is 2, and none of these can be linearized next:',
      '    process 0 read -> 1      lines 16-17  refused in this state',
    ]);
  });

  it('names the key of a kv history, and says when nothing can go first', () => {
    const result = checkLinearizable(history(['0 invoke get "k"', '0 ok get "k" "x"'], true), kvModel);
    expect(formatLinearizability(result)).toEqual([
      `history: not linearizable under the kv model at key "k" (1 operation, 0 with unknown outcome; ${result.steps} search steps)`,
      "  no operation of the key's 1 can be linearized first",
      '  then the state is "", and none of these can be linearized next:',
      '    process 0 get key "k" -> "x"  entries 1-2  refused in this state',
    ]);
  });

  it('places an operation of unknown outcome up to its info entry, or says it never completed, with times when there are', () => {
    const entries = history(['0 invoke write 5', '0 info write', '2 invoke write 7', '1 invoke read', '1 ok read 6']).map((entry, index) => ({ ...entry, time: index / 2 }));
    const result = checkLinearizable(entries, casRegisterModel);
    expect(formatLinearizability(result).slice(2)).toEqual([
      '    process 0 write 5 -> unknown  entries 1-2 (info), t=0-0.5 s',
      '    process 2 write 7 -> unknown  entry 3, never completed, t=1 s',
      '  then the state is 7, and none of these can be linearized next:',
      '    process 1 read -> 6           entries 4-5, t=1.5-2 s           refused in this state',
    ]);
  });

  it('describes operations with their values and outcomes', () => {
    expect(describeOperation({ id: 0, process: 3, f: 'cas', input: [1, 2], output: undefined, outcome: 'fail', invokeIndex: 0, returnIndex: 1 })).toBe('process 3 cas [1,2] -> fail');
    expect(describeOperation({ id: 0, process: 1, f: 'write', input: 4, output: undefined, outcome: 'unknown', invokeIndex: 0, returnIndex: Infinity })).toBe('process 1 write 4 -> unknown');
  });
});
