/**
 * The network's live event feed: an optional observer told about every frame's path (send,
 * admission to a link, arrival, delivery, drop with its fate) and every fault, as it
 * happens, in indexes and codes rather than names. Traces, event hashes and online
 * invariants are built on it; without an observer the network pays one field check per step.
 */
import type { FateCode } from './fates.js';
import type { Partition } from './network.js';

/** Receives the network's events; ids are journal rows, nodes and transmitters indexes. */
export interface NetworkObserver {
  /** Frame `id` was recorded in the journal (a send, or a copy made by a duplicating link). */
  sent(id: number): void;
  /** Frame `id` was admitted to `transmitter`; its serialisation runs from `start` to `finish`. */
  enqueued(id: number, transmitter: number, start: number, finish: number): void;
  /** Frame `id` reached intermediate node `node` intact. */
  arrived(id: number, node: number): void;
  /** Frame `id` reached its destination `node`. */
  delivered(id: number, node: number): void;
  /** Frame `id` was destroyed at `node` (on `transmitter`, or -1 off any link); `fate` says how (fates.ts). */
  dropped(id: number, fate: FateCode, node: number, transmitter: number): void;
  /** A node crashed (`up` false) or came back. */
  nodeChanged(node: number, up: boolean): void;
  /** A link went down or came back. */
  linkChanged(link: number, up: boolean): void;
  /** A link's traffic started to be held (`held` true) or was released. */
  heldChanged(link: number, held: boolean): void;
  /** A partition started, or (undefined) healed. */
  partitioned(partition: Partition | undefined): void;
  /** A link's bandwidth, delay or loss changed. */
  degraded(link: number): void;
}
