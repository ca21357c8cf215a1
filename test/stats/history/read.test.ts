/**
 * The history readers: msgsim's history.jsonl (strict, with file:line errors, and written
 * back byte for byte), Jepsen's etcd log and EDN lines, and telling the formats apart.
 */
import { describe, expect, it } from 'vitest';
import { HistoryFileError } from '../../../src/stats/history/history-file.js';
import { parseJepsenEdn, parseJepsenEtcdLog } from '../../../src/stats/history/jepsen.js';
import { formatHistoryLine, parseHistoryJsonl } from '../../../src/stats/history/jsonl.js';
import { detectHistoryFormat, readHistory } from '../../../src/stats/history/read.js';

function problem(read: () => unknown): string {
  try {
    read();
  } catch (error) {
    if (error instanceof HistoryFileError) return error.message;
    throw error;
  }
  throw new Error('expected a HistoryFileError');
}

describe('history.jsonl', () => {
  const text = [
    '{"process":0,"type":"invoke","f":"write","value":3,"time":0.5}',
    '',
    '{"process":0,"type":"ok","f":"write","value":3,"time":0.75}',
    '{"process":1,"type":"invoke","f":"get","key":"a","value":null}',
  ].join('\n');

  it('reads entries with their lines, and writes them back as the same bytes', () => {
    const history = parseHistoryJsonl(text, 'h.jsonl');
    expect(history.format).toBe('msgsim-jsonl');
    expect(history.lines).toEqual([1, 3, 4]);
    expect(history.entries[1]).toEqual({ process: 0, type: 'ok', f: 'write', value: 3, time: 0.75 });
    expect(history.entries.map(formatHistoryLine)).toEqual(text.split('\n').filter((line) => line !== ''));
  });

  it('names the file, line and field of an entry it cannot take', () => {
    const bad = (line: string): string => problem(() => parseHistoryJsonl(`{"process":0,"type":"invoke","f":"read","value":null}\n${line}`, 'h.jsonl'));
    expect(bad('{"process":0,"type":"ok","f":"read"')).toMatch(/^h\.jsonl:2: not JSON; expected one entry of msgsim history\.jsonl/);
    expect(bad('[1]')).toMatch(/^h\.jsonl:2: expected a JSON object/);
    expect(bad('{"process":-1,"type":"ok","f":"read","value":1}')).toBe('h.jsonl:2: process: -1; expected the client process (a whole number >= 0)');
    expect(bad('{"process":0,"type":"done","f":"read","value":1}')).toBe('h.jsonl:2: type: "done"; expected one of: invoke, ok, fail, info');
    expect(bad('{"process":0,"type":"ok","f":"read","vaule":1}')).toBe('h.jsonl:2: vaule: unknown key; expected one of: process, type, f, key, value, error, time');
    expect(bad('{"process":0,"type":"ok","f":"read"}')).toMatch(/^h\.jsonl:2: value: missing/);
    expect(bad('{"process":0,"type":"ok","f":"read","value":1,"time":"soon"}')).toMatch(/^h\.jsonl:2: time: "soon"; expected virtual seconds/);
  });

  it('wants entries in time order', () => {
    const text = '{"process":0,"type":"invoke","f":"read","value":null,"time":2}\n{"process":0,"type":"ok","f":"read","value":null,"time":1}';
    expect(problem(() => parseHistoryJsonl(text, 'h.jsonl'))).toBe("h.jsonl:2: time: 1 is before the previous entry's 2; expected entries in the order they happened");
  });
});

describe("Jepsen's etcd log", () => {
  it('reads operation lines, tab or space separated, and skips the rest', () => {
    const text = [
      'INFO  jepsen.core - Running test',
      'INFO  jepsen.util - 3\t:invoke\t:cas\t[3 0]',
      'INFO  jepsen.util - :nemesis\t:info\t:start\tnil',
      'INFO  jepsen.util - 3   :fail   :cas    [3 0]',
      'INFO  jepsen.util - 4\t:invoke\t:read\tnil',
      'INFO  jepsen.util - 4\t:info\t:read\t:timed-out',
    ].join('\n');
    const history = parseJepsenEtcdLog(text, 'etcd.log');
    expect(history.lines).toEqual([2, 4, 5, 6]);
    expect(history.entries).toEqual([
      { process: 3, type: 'invoke', f: 'cas', value: [3, 0] },
      { process: 3, type: 'fail', f: 'cas', value: [3, 0] },
      { process: 4, type: 'invoke', f: 'read', value: null },
      { process: 4, type: 'info', f: 'read', value: 'timed-out' },
    ]);
  });

  it('names the line of a client entry it cannot read', () => {
    expect(problem(() => parseJepsenEtcdLog('INFO  jepsen.util - 3\t:begin\t:read\tnil', 'etcd.log'))).toBe('etcd.log:1: type: "begin"; expected one of: :invoke, :ok, :fail, :info');
  });
});

describe("Jepsen's EDN", () => {
  it('reads one map a line, keywords as strings, nil as null; skips the nemesis', () => {
    const text = [
      '{:process 0, :type :invoke, :f :append, :key "4", :value "x 0 1 y"}',
      '{:process :nemesis, :type :info, :f :start, :value nil}',
      '{:process 0, :type :ok, :f :get, :key "4", :value "x", :time 1500000000}',
    ].join('\n');
    const history = parseJepsenEdn(text, 'kv.txt');
    expect(history.lines).toEqual([1, 3]);
    expect(history.entries).toEqual([
      { process: 0, type: 'invoke', f: 'append', key: '4', value: 'x 0 1 y' },
      { process: 0, type: 'ok', f: 'get', key: '4', value: 'x', time: 1.5 },
    ]);
  });

  it('names the line of one it cannot read', () => {
    expect(problem(() => parseJepsenEdn('[1 2]', 'kv.txt'))).toMatch(/^kv\.txt:1: expected an EDN map/);
    expect(problem(() => parseJepsenEdn('{:process 0, :type :invoke, :f 7, :value nil}', 'kv.txt'))).toBe('kv.txt:1: :f 7; expected the function as a keyword (e.g. :get)');
  });
});

describe('readHistory', () => {
  it('tells the formats apart by their first lines', () => {
    expect(detectHistoryFormat('\n{"process":0}')).toBe('msgsim-jsonl');
    expect(detectHistoryFormat('{:process 0}')).toBe('jepsen-edn');
    expect(detectHistoryFormat('INFO  jepsen.core - start\nINFO  jepsen.util - 0\t:invoke\t:read\tnil')).toBe('jepsen-etcd-log');
    expect(detectHistoryFormat('file,linearizable')).toBeUndefined();
  });

  it('refuses a text in no known format, or with no operations', () => {
    expect(problem(() => readHistory('file,linearizable\n', 'x.csv'))).toMatch(/^x\.csv: not a history; expected msgsim history\.jsonl/);
    expect(problem(() => readHistory('INFO  jepsen.util - :nemesis\t:info\t:start\tnil', 'x.log'))).toBe('x.log: no operations in the file; expected at least one invocation');
  });
});
