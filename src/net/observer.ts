/**
 * The network's live event feed: an optional observer told about every frame's path (send,
 * admission to a link, arrival, delivery, drop with its cause) and every fault, as it
 * happens, in indexes rather than names. Traces, event hashes and online invariants are
 * built on it; without an observer the network pays one field check per step.
 */
import type { Partition } from './network.js';

/** Why a frame was destroyed, as an observer is told. */
export const DropReason = {
  /** Refused by a full link queue. */
  QueueFull: 0,
  /** Lost by the link's loss model. */
  Lost: 1,
  /** Damaged on the hop. */
  Corrupted: 2,
  /** Destroyed on a link that went down, was cut by a partition, or whose sender crashed. */
  Fault: 3,
  /** No usable route to the destination. */
  NoRoute: 4,
  /** The sending or receiving node was down. */
  NodeDown: 5,
} as const;

/** One of the {@link DropReason} codes. */
export type DropReasonCode = (typeof DropReason)[keyof typeof DropReason];

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
  /** Frame `id` was destroyed at `node` (on `transmitter`, or -1 off any link). */
  dropped(id: number, reason: DropReasonCode, node: number, transmitter: number): void;
  /** A node crashed (`up` false) or came back. */
  nodeChanged(node: number, up: boolean): void;
  /** A link went down or came back. */
  linkChanged(link: number, up: boolean): void;
  /** A partition started, or (undefined) healed. */
  partitioned(partition: Partition | undefined): void;
  /** A link's bandwidth, delay or loss changed. */
  degraded(link: number): void;
}
