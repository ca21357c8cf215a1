/**
 * Test helpers: histories written compactly, one entry per string, as
 * "process type f value" or "process type f key value", the value in JSON (e.g. "0 invoke write 1",
 * "2 ok cas [1,2]", "1 ok get \"a\" \"xy\"").
 */
import type { EntryType, HistoryEntry } from '../../../src/stats/history/entry.js';

/** A history from compact lines; `keyed` reads the fourth field as the key. */
export function history(lines: readonly string[], keyed = false): HistoryEntry[] {
  return lines.map((line) => {
    const [process, type, f, ...rest] = line.split(' ');
    const text = rest.join(' ');
    if (!keyed) return { process: Number(process), type: type as EntryType, f: f!, value: text === '' ? null : JSON.parse(text) };
    const [key, ...value] = rest;
    return { process: Number(process), type: type as EntryType, f: f!, key: JSON.parse(key!) as string, value: value.length === 0 ? null : JSON.parse(value.join(' ')) };
  });
}
