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

/** Paths already grouped, per record: a finished run's journals no longer change. */
const pathsByRecord = new WeakMap<RunRecord, MessagePaths>();

/**
 * Groups the hop journal by message (once per record: the checks and messages.csv both need
 * it, and a finished run's journals do not change).
 */
export function messagePaths(record: RunRecord): MessagePaths {
  let paths = pathsByRecord.get(record);
  if (paths === undefined) {
    const hopJournal = record.hops;
    const { start, items } = groupByKey(record.journal.length, hopJournal.length, (hop) => hopJournal.message[hop]!);
    paths = { start, hops: items };
    pathsByRecord.set(record, paths);
  }
  return paths;
}

/** The hops of message `id`. */
export function hopsOf(paths: MessagePaths, id: number): Int32Array {
  return paths.hops.subarray(paths.start[id]!, paths.start[id + 1]!);
}
