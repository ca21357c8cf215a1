/**
 * The frames of each ledger row: journal messages grouped by their trace (the row they
 * belong to) into compressed rows (grouped.ts) — frames of row r are
 * ids[start[r] .. start[r+1]), in send order.
 */
import { groupByKey } from './grouped.js';
import type { RunRecord } from './record.js';

/** Journal ids grouped by ledger row. */
export interface RowFrames {
  readonly start: Int32Array;
  readonly ids: Int32Array;
}

/** Groups the message journal by trace. */
export function rowFrames(record: RunRecord): RowFrames {
  const trace = record.journal.trace;
  const { start, items } = groupByKey(record.ledger.length, record.journal.length, (id) => trace[id]!);
  return { start, ids: items };
}

/** The journal ids of the frames that carried ledger row `row`'s trace. */
export function framesOf(frames: RowFrames, row: number): Int32Array {
  return frames.ids.subarray(frames.start[row]!, frames.start[row + 1]!);
}
