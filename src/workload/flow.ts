/**
 * Flow specifications: what a scenario asks a workload to send, in base units.
 */

/** A point-to-point flow: `count` messages of `sizeBytes` from one node to another. */
export interface P2pFlowSpec {
  readonly name: string;
  readonly pattern: 'p2p';
  readonly from: string;
  readonly to: string;
  /** Messages to send. */
  readonly count: number;
  /** Size on the wire of each message, in bytes (the message is padded to it). */
  readonly sizeBytes: number;
  /** Time between consecutive sends, in seconds; 0 sends all at once, back to back. */
  readonly intervalSeconds: number;
  /** Time of the first send, in seconds. @default 0 */
  readonly startSeconds: number;
}

/** Any flow a scenario can describe (one variant per pattern). */
export type FlowSpec = P2pFlowSpec;
