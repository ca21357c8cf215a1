/**
 * Readers of Jepsen's histories into msgsim's entries: the log lines of Jepsen's etcd test
 * (`INFO  jepsen.util - 3	:invoke	:write	4`) and histories in EDN, one map a line
 * (`{:process 0, :type :invoke, :f :get, :key "4", :value nil}`). Values are EDN, read with
 * edn-data (keywords become strings, nil null, vectors arrays). Entries of processes that
 * are not clients (the nemesis) and log lines of other shapes carry no operation and are
 * skipped; a client's line that cannot be read is an error naming the line.
 */
import { parseEDNString } from 'edn-data';
import { ENTRY_TYPES, type EntryType, type HistoryEntry } from './entry.js';
import { HistoryFileError, textLines, type History } from './history-file.js';

const EDN_OPTIONS = { mapAs: 'object', keywordAs: 'string', listAs: 'array', setAs: 'array' } as const;

/** A log line of an operation: process, type, function and the value's EDN text. */
const ETCD_LINE = /^\s*\w+\s+jepsen\.util\s+-\s+(\S+)\s+:(\S+)\s+:(\S+)(?:\s+(.*?))?\s*$/;

/** True when the line is one of Jepsen's log lines of an operation (the etcd format). */
export function isEtcdLogLine(line: string): boolean {
  return ETCD_LINE.test(line);
}

function readEdn(text: string, fail: (problem: string) => HistoryFileError, what: string): unknown {
  try {
    return parseEDNString(text, EDN_OPTIONS);
  } catch (error) {
    throw fail(`${what} is not EDN (${(error as Error).message})`);
  }
}

function entryType(type: unknown, fail: (problem: string) => HistoryFileError): EntryType {
  if (typeof type === 'string' && ENTRY_TYPES.includes(type as EntryType)) return type as EntryType;
  throw fail(`type: ${JSON.stringify(type ?? null)}; expected one of: ${ENTRY_TYPES.map((name) => `:${name}`).join(', ')}`);
}

/** Reads the log of a Jepsen etcd test (a single register); `file` names it in errors. */
export function parseJepsenEtcdLog(text: string, file: string): History {
  const entries: HistoryEntry[] = [];
  const lines: number[] = [];
  textLines(text).forEach((raw, index) => {
    const match = ETCD_LINE.exec(raw);
    if (match === null || !/^\d+$/.test(match[1]!)) return;
    const line = index + 1;
    const fail = (problem: string): HistoryFileError => new HistoryFileError(file, line, problem);
    const type = entryType(match[2], fail);
    const value = match[4] === undefined || match[4] === '' ? null : readEdn(match[4], fail, `value ${match[4]}`);
    entries.push({ process: Number(match[1]), type, f: match[3]!, value });
    lines.push(line);
  });
  return { format: 'jepsen-etcd-log', entries, lines };
}

/** Reads a Jepsen history in EDN, one operation map a line; `file` names it in errors. */
export function parseJepsenEdn(text: string, file: string): History {
  const entries: HistoryEntry[] = [];
  const lines: number[] = [];
  textLines(text).forEach((raw, index) => {
    if (raw.trim() === '') return;
    const line = index + 1;
    const fail = (problem: string): HistoryFileError => new HistoryFileError(file, line, problem);
    const data = readEdn(raw, fail, 'the line');
    if (typeof data !== 'object' || data === null || Array.isArray(data)) throw fail('expected an EDN map such as {:process 0, :type :invoke, :f :get, :key "1", :value nil}');
    const entry = ednEntry(data as Record<string, unknown>, fail);
    if (entry === undefined) return;
    entries.push(entry);
    lines.push(line);
  });
  return { format: 'jepsen-edn', entries, lines };
}

function ednEntry(map: Record<string, unknown>, fail: (problem: string) => HistoryFileError): HistoryEntry | undefined {
  const { process, type, f, key, value, time } = map;
  // The nemesis and other non-client processes are named by keywords: no client operation.
  if (typeof process === 'string') return undefined;
  if (!(Number.isSafeInteger(process) && (process as number) >= 0)) throw fail(`:process ${JSON.stringify(process ?? null)}; expected the client process (a whole number >= 0)`);
  const entryTypeValue = entryType(type, fail);
  if (typeof f !== 'string' || f === '') throw fail(`:f ${JSON.stringify(f ?? null)}; expected the function as a keyword (e.g. :get)`);
  if (key !== undefined && typeof key !== 'string' && typeof key !== 'number') throw fail(`:key ${JSON.stringify(key)}; expected a string or a number`);
  if (time !== undefined && !(typeof time === 'number' && Number.isFinite(time))) throw fail(`:time ${JSON.stringify(time)}; expected nanoseconds (a number)`);
  return {
    process: process as number,
    type: entryTypeValue,
    f,
    ...(key === undefined ? {} : { key }),
    value: value ?? null,
    // Jepsen's :time is in nanoseconds since the test began.
    ...(time === undefined ? {} : { time: (time as number) / 1e9 }),
  };
}
