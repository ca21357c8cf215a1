/**
 * The frames of each ledger row: journal messages grouped by their trace (the row they
 * belong to) into compressed rows, as paths.ts groups hops by message — frames of row r are
 * ids[start[r] .. start[r+1]), in send order.
 */
import type { RunRecord } from './record.js';

/** Journal ids grouped by ledger row. */
export interface RowFrames {
  readonly start: Int32Array;
  readonly ids: Int32Array;
}

/** Groups the message journal by trace. */
export function rowFrames(record: RunRecord): RowFrames {
  const rows = record.ledger.length;
  const journal = record.journal;
  const start = new Int32Array(rows + 1);
  for (let id = 0; id < journal.length; id++) {
    const trace = journal.trace[id]!;
    if (trace >= 0 && trace < rows) start[trace + 1]!++;
  }
  for (let r = 0; r < rows; r++) start[r + 1]! += start[r]!;
  const fill = start.slice(0, rows);
  const ids = new Int32Array(start[rows]!);
  for (let id = 0; id < journal.length; id++) {
    const trace = journal.trace[id]!;
    if (trace >= 0 && trace < rows) ids[fill[trace]!++] = id;
  }
  return { start, ids };
}

/** The journal ids of the frames that carried ledger row `row`'s trace. */
export function framesOf(frames: RowFrames, row: number): Int32Array {
  return frames.ids.subarray(frames.start[row]!, frames.start[row + 1]!);
}
