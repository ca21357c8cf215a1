/**
 * Flow specifications: what a scenario asks a workload to do, in base units. Every flow
 * sends `count` messages from `from` on a schedule (fixed or random gaps), each padded to a
 * size on the wire, under a delivery guarantee; its pattern adds what it needs, in the spec
 * its workload module declares.
 */
import type { Distribution } from '../engine/distributions.js';
import type { DeliveryMode, RetryPolicy } from '../messaging/delivery.js';

/** What every flow has. */
export interface FlowBase {
  readonly name: string;
  /** The node that sends (client, publisher, origin, producer). */
  readonly from: string;
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
  /** Delivery guarantee of the flow's messages. */
  readonly delivery: DeliveryMode;
  /** FIFO per sender → receiver. */
  readonly ordered: boolean;
  /** Retransmission policy of reliable deliveries. */
  readonly retry: RetryPolicy;
}

/**
 * A flow of some pattern: what every flow has, and the name of its pattern. Each pattern's
 * spec adds its own fields (P2pFlowSpec in p2p.ts, …); the pattern's definition
 * (scenario/patterns/) knows them, and nothing else needs to.
 */
export interface FlowSpec extends FlowBase {
  /** The name of the flow's pattern, as scenario files write it. */
  readonly pattern: string;
}

/** Whether a flow sends everything at once (a constant interval of 0). */
export function isBackToBack(flow: FlowBase): boolean {
  return flow.interval.kind === 'constant' && flow.interval.value === 0;
}
