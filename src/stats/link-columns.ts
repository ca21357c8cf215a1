/**
 * The parameters of every link direction that analysis looks up once per hop, as typed
 * columns by transmitter index, and each node's outgoing directions: built once per run, so
 * that a pass over millions of hops reads a number from an array, not a field of a record of
 * a configuration.
 */
import { groupByKey, type Grouped } from './grouped.js';
import type { RunRecord } from './record.js';

/** Per-direction columns, indexed like {@link RunRecord.transmitters}. */
export interface LinkColumns {
  readonly from: Int32Array;
  readonly to: Int32Array;
  readonly bandwidthBitsPerSecond: Float64Array;
  /** Propagation delay, in seconds. */
  readonly delaySeconds: Float64Array;
  /** 1 where the link has jitter. */
  readonly jitter: Uint8Array;
  /** When a fault first touched the direction (Infinity if never). */
  readonly faultedAt: Float64Array;
  /** The Bernoulli loss probability; NaN where the loss model is another (Gilbert–Elliott). */
  readonly bernoulliLoss: Float64Array;
  /** The corruption probability (0 where none). */
  readonly corrupt: Float64Array;
  /** 1 where the direction's queue is bounded. */
  readonly bounded: Uint8Array;
  /** Each node's outgoing directions: those of node v are outgoing.items[outgoing.start[v] .. outgoing.start[v+1]). */
  readonly outgoing: Grouped;
}

/** The columns of a run's link directions. */
export function linkColumns(record: RunRecord): LinkColumns {
  const count = record.transmitters.length;
  const columns = {
    from: new Int32Array(count),
    to: new Int32Array(count),
    bandwidthBitsPerSecond: new Float64Array(count),
    delaySeconds: new Float64Array(count),
    jitter: new Uint8Array(count),
    faultedAt: new Float64Array(count),
    bernoulliLoss: new Float64Array(count),
    corrupt: new Float64Array(count),
    bounded: new Uint8Array(count),
  };
  for (const t of record.transmitters) {
    const { index, link } = t;
    const loss = link.loss ?? 0;
    columns.from[index] = t.from;
    columns.to[index] = t.to;
    columns.bandwidthBitsPerSecond[index] = link.bandwidthBitsPerSecond;
    columns.delaySeconds[index] = link.delaySeconds;
    columns.jitter[index] = link.jitter === undefined ? 0 : 1;
    columns.faultedAt[index] = t.faultedAt;
    columns.bernoulliLoss[index] = typeof loss === 'number' ? loss : NaN;
    columns.corrupt[index] = link.corrupt ?? 0;
    columns.bounded[index] = link.queue === undefined ? 0 : 1;
  }
  return { ...columns, outgoing: groupByKey(record.nodeNames.length, count, (t) => columns.from[t]!) };
}
