/**
 * Flow specifications: what a scenario asks a workload to send, in base units.
 */
import type { Distribution } from '../engine/distributions.js';

/** A point-to-point flow: `count` messages from one node to another. */
export interface P2pFlowSpec {
  readonly name: string;
  readonly pattern: 'p2p';
  readonly from: string;
  readonly to: string;
  /** Messages to send. */
  readonly count: number;
  /**
   * Size on the wire of each message, in bytes (each message is padded to it). A random
   * size is rounded to whole bytes and raised to the smallest size a message can have.
   */
  readonly size: Distribution;
  /**
   * Time between consecutive sends, in seconds of the sender's clock. A constant sends on a
   * fixed schedule (0: all at once, back to back); a random one draws each gap, the first
   * one after `startSeconds` (exp: a Poisson process).
   */
  readonly interval: Distribution;
  /** Time of the first send (of the first gap, for a random interval), in seconds. */
  readonly startSeconds: number;
}

/** Any flow a scenario can describe (one variant per pattern). */
export type FlowSpec = P2pFlowSpec;

/** Whether a flow sends everything at once (a constant interval of 0). */
export function isBackToBack(flow: FlowSpec): boolean {
  return flow.interval.kind === 'constant' && flow.interval.value === 0;
}
