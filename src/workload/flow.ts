/**
 * Flow specifications: what a scenario asks a workload to do, in base units, one variant
 * per pattern. Every flow sends `count` messages from `from` on a schedule (fixed or random
 * gaps), each padded to a size on the wire, under a delivery guarantee.
 */
import type { Distribution } from '../engine/distributions.js';
import type { BroadcastMethod } from '../messaging/broadcast.js';
import type { DeliveryMode, RetryPolicy } from '../messaging/delivery.js';
import type { FieldFilter } from '../messaging/pubsub.js';

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

/** A point-to-point flow: messages from one node to another. */
export interface P2pFlowSpec extends FlowBase {
  readonly pattern: 'p2p';
  readonly to: string;
}

/** Requests from a client to a server, each answered after a service time. */
export interface RequestReplyFlowSpec extends FlowBase {
  readonly pattern: 'request-reply';
  readonly to: string;
  /** Size of each reply on the wire, in bytes. */
  readonly replySize: Distribution;
  /** Time the server spends on a request before replying, in seconds of its clock. */
  readonly service: Distribution;
  /** How long the client waits for a reply, in seconds of its clock. */
  readonly timeoutSeconds: number;
}

/** A subscription of a pub/sub flow. */
export interface SubscriberSpec {
  readonly node: string;
  /** Topic pattern (`*` one word, `#` any number of words). */
  readonly topic: string;
  readonly filter?: FieldFilter;
}

/** Publications on topics, through a broker or fanned out by the publisher. */
export interface PubSubFlowSpec extends FlowBase {
  readonly pattern: 'pubsub';
  /** The broker; undefined for brokerless fan-out from the publisher. */
  readonly broker?: string;
  /** Topics published on, in turn. */
  readonly topics: readonly string[];
  /** Fields of the published bodies, each taking its listed values in turn. */
  readonly fields: Readonly<Record<string, readonly (string | number | boolean)[]>>;
  readonly subscribers: readonly SubscriberSpec[];
}

/** Broadcasts from one node to all others. */
export interface BroadcastFlowSpec extends FlowBase {
  readonly pattern: 'broadcast';
  readonly method: BroadcastMethod;
  /** Gossip: nodes each informed node pushes to. */
  readonly fanout: number;
  /** Gossip: rounds of pushing, the origin's included. */
  readonly rounds: number;
}

/** Tasks through a work-queue broker to competing consumers. */
export interface WorkQueueFlowSpec extends FlowBase {
  readonly pattern: 'work-queue';
  readonly broker: string;
  readonly consumers: readonly string[];
  /** Tasks a consumer may hold unacknowledged at once. */
  readonly prefetch: number;
  /** Time a consumer spends on a task, in seconds of its clock. */
  readonly service: Distribution;
  /** How long the broker waits for a task's completion before taking its consumer for dead. */
  readonly ackTimeoutSeconds: number;
}

/** Any flow a scenario can describe. */
export type FlowSpec = P2pFlowSpec | RequestReplyFlowSpec | PubSubFlowSpec | BroadcastFlowSpec | WorkQueueFlowSpec;

/** Whether a flow sends everything at once (a constant interval of 0). */
export function isBackToBack(flow: FlowSpec): boolean {
  return flow.interval.kind === 'constant' && flow.interval.value === 0;
}

/** The nodes a flow's messages are addressed to first (receiver, server, broker, or subscribers). */
export function firstReceivers(flow: FlowSpec): readonly string[] {
  switch (flow.pattern) {
    case 'p2p':
    case 'request-reply':
      return [flow.to];
    case 'pubsub':
      return flow.broker === undefined ? flow.subscribers.map((s) => s.node) : [flow.broker];
    case 'work-queue':
      return [flow.broker];
    case 'broadcast':
      return [];
  }
}
