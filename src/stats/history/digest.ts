/**
 * A history's digest, so that a replay can tell whether its clients observed the same
 * things as the recording did: the number of entries and a hash of the history.jsonl text
 * (equal histories are equal bytes there); and, where the recorded entries are at hand, the
 * first entry that differs.
 */
import { createHash } from 'node:crypto';
import type { HistoryEntry } from './entry.js';
import { formatHistoryLine } from './jsonl.js';

/** How many entries a history has, and the hash of its history.jsonl text. */
export interface HistoryDigest {
  readonly count: number;
  /** The first 16 hex digits of the SHA-256 of the history.jsonl text. */
  readonly hash: string;
}

/** The digest of a history. */
export function historyDigest(history: readonly HistoryEntry[]): HistoryDigest {
  const hash = createHash('sha256');
  for (const entry of history) hash.update(`${formatHistoryLine(entry)}\n`);
  return { count: history.length, hash: hash.digest('hex').slice(0, 16) };
}

/** The first entry in which two histories differ, as history.jsonl lines; undefined past a history's end. */
export interface HistoryDifference {
  /** Its number, counted from 1 as the lines of history.jsonl. */
  readonly entry: number;
  readonly recorded: string | undefined;
  readonly replayed: string | undefined;
}

/** Where `replayed` first differs from `recorded`; undefined when they are the same. */
export function historyDifference(recorded: readonly HistoryEntry[], replayed: readonly HistoryEntry[]): HistoryDifference | undefined {
  const length = Math.max(recorded.length, replayed.length);
  for (let i = 0; i < length; i++) {
    const a = recorded[i] === undefined ? undefined : formatHistoryLine(recorded[i]!);
    const b = replayed[i] === undefined ? undefined : formatHistoryLine(replayed[i]!);
    if (a !== b) return { entry: i + 1, recorded: a, replayed: b };
  }
  return undefined;
}
