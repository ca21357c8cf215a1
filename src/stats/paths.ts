/**
 * Each message's path: the hops it took, in order, gathered from the hop journal into
 * compressed rows (hops of message m are hops[start[m] .. start[m+1])).
 */
import { groupByKey } from './grouped.js';
import type { RunRecord } from './record.js';

/** Hop indices grouped by message, in the order the hops happened. */
export interface MessagePaths {
  readonly start: Int32Array;
  readonly hops: Int32Array;
}

/** Groups the hop journal by message. */
export function messagePaths(record: RunRecord): MessagePaths {
  const hopJournal = record.hops;
  const { start, items } = groupByKey(record.journal.length, hopJournal.length, (hop) => hopJournal.message[hop]!);
  return { start, hops: items };
}

/** The hops of message `id`. */
export function hopsOf(paths: MessagePaths, id: number): Int32Array {
  return paths.hops.subarray(paths.start[id]!, paths.start[id + 1]!);
}
