/**
 * Each message's path: the hops it took, in order, gathered from the hop journal into
 * compressed rows (hops of message m are hops[start[m] .. start[m+1])).
 */
import type { RunRecord } from './record.js';

/** Hop indices grouped by message, in the order the hops happened. */
export interface MessagePaths {
  readonly start: Int32Array;
  readonly hops: Int32Array;
}

/** Groups the hop journal by message. */
export function messagePaths(record: RunRecord): MessagePaths {
  const messages = record.journal.length;
  const hopJournal = record.hops;
  const start = new Int32Array(messages + 1);
  for (let h = 0; h < hopJournal.length; h++) start[hopJournal.message[h]! + 1]!++;
  for (let m = 0; m < messages; m++) start[m + 1]! += start[m]!;
  const fill = start.slice(0, messages);
  const hops = new Int32Array(hopJournal.length);
  for (let h = 0; h < hopJournal.length; h++) hops[fill[hopJournal.message[h]!]!++] = h;
  return { start, hops };
}

/** The hops of message `id`. */
export function hopsOf(paths: MessagePaths, id: number): Int32Array {
  return paths.hops.subarray(paths.start[id]!, paths.start[id + 1]!);
}
