/**
 * msgsim's history format, history.jsonl: one entry per line as a JSON object, keys in a
 * fixed order (`process`, `type`, `f`, `key`, `value`, `error`, `time`), so equal histories are equal
 * bytes; and the strict reader of it, which names the line and field of anything it cannot
 * take. Entries are in the order they happened; `time` (virtual seconds) never decreases.
 */
import { ENTRY_TYPES, type EntryType, type HistoryEntry } from './entry.js';
import { HistoryFileError, textLines, type History } from './history-file.js';

/** What a msgsim history file is, for messages that refuse one. */
export const HISTORY_JSONL_DESCRIPTION = 'msgsim history.jsonl: one JSON object a line, {"process":0,"type":"invoke","f":"write","value":1,"time":0.5}';

const KEYS: readonly string[] = ['process', 'type', 'f', 'key', 'value', 'error', 'time'];

/** One entry as a history.jsonl line, without the newline; `key`, `error` and `time` only when present. */
export function formatHistoryLine(entry: HistoryEntry): string {
  const ordered: Record<string, unknown> = { process: entry.process, type: entry.type, f: entry.f };
  if (entry.key !== undefined) ordered['key'] = entry.key;
  ordered['value'] = entry.value ?? null;
  if (entry.error !== undefined) ordered['error'] = entry.error;
  if (entry.time !== undefined) ordered['time'] = entry.time;
  return JSON.stringify(ordered);
}

/** Reads a history.jsonl text; `file` names it in errors. Blank lines are skipped. */
export function parseHistoryJsonl(text: string, file: string): History {
  const entries: HistoryEntry[] = [];
  const lines: number[] = [];
  let lastTime = 0;
  textLines(text).forEach((raw, index) => {
    if (raw.trim() === '') return;
    const line = index + 1;
    const entry = parseEntry(raw, (problem) => new HistoryFileError(file, line, problem));
    if (entry.time !== undefined) {
      if (entry.time < lastTime) throw new HistoryFileError(file, line, `time: ${entry.time} is before the previous entry's ${lastTime}; expected entries in the order they happened`);
      lastTime = entry.time;
    }
    entries.push(entry);
    lines.push(line);
  });
  return { format: 'msgsim-jsonl', entries, lines };
}

function parseEntry(raw: string, fail: (problem: string) => HistoryFileError): HistoryEntry {
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    throw fail(`not JSON; expected one entry of ${HISTORY_JSONL_DESCRIPTION}`);
  }
  const entry = entryOrProblem(data, raw.trim());
  if (typeof entry === 'string') throw fail(entry);
  return entry;
}

/** What is wrong with a value (a parsed line) as a history entry; undefined if it is one. */
export function historyEntryProblem(value: unknown): string | undefined {
  const entry = entryOrProblem(value, JSON.stringify(value) ?? String(value));
  return typeof entry === 'string' ? entry : undefined;
}

/** The entry a parsed line holds, or what is wrong with it; `text` is the line, for messages. */
function entryOrProblem(data: unknown, text: string): HistoryEntry | string {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return `expected a JSON object (an entry), got ${text.slice(0, 40)}`;
  const record = data as Record<string, unknown>;
  for (const key of Object.keys(record)) if (!KEYS.includes(key)) return `${key}: unknown key; expected one of: ${KEYS.join(', ')}`;
  const { process, type, f, key, value, error, time } = record;
  if (!(Number.isSafeInteger(process) && (process as number) >= 0)) return `process: ${JSON.stringify(process ?? null)}; expected the client process (a whole number >= 0)`;
  if (!ENTRY_TYPES.includes(type as EntryType)) return `type: ${JSON.stringify(type ?? null)}; expected one of: ${ENTRY_TYPES.join(', ')}`;
  if (typeof f !== 'string' || f === '') return `f: ${JSON.stringify(f ?? null)}; expected the operation's function (a string, e.g. "read")`;
  if (key !== undefined && typeof key !== 'string' && typeof key !== 'number') return `key: ${JSON.stringify(key)}; expected a string or a number`;
  if (!('value' in record)) return 'value: missing; expected the argument or result (null when there is none)';
  if (error !== undefined && typeof error !== 'string') return `error: ${JSON.stringify(error)}; expected why the operation failed (a string)`;
  if (time !== undefined && !(typeof time === 'number' && Number.isFinite(time) && time >= 0)) return `time: ${JSON.stringify(time)}; expected virtual seconds (a number >= 0)`;
  return {
    process: process as number,
    type: type as EntryType,
    f,
    ...(key === undefined ? {} : { key }),
    value,
    ...(error === undefined ? {} : { error }),
    ...(time === undefined ? {} : { time }),
  };
}
