/**
 * The nodes of a scenario as workloads see them: one endpoint per node, and a dispatcher
 * that hands each arriving workload message to the flow it belongs to.
 *
 * Workload messages are small tuples `[flow, seq]`; several flows can share a node,
 * so the host routes each message to the handler registered for its flow. A message for a
 * flow without a handler is simply consumed: delivery is already in the journal.
 */
import type { Codec } from '../messaging/codec.js';
import { Endpoint, type MessageHandler } from '../messaging/endpoint.js';
import type { NodeContext } from '../runtime/seam.js';

/**
 * The message every workload sends: the flow it belongs to and its number in that flow. A
 * tuple rather than a record because it encodes to about half the JSON work: scenario runs
 * encode and decode every message, and that is most of their cost.
 */
export type WorkloadMessage = readonly [flow: string, seq: number];

/** Endpoints of all nodes, with per-flow dispatch of arriving messages. */
export class WorkloadHost {
  private readonly endpoints = new Map<string, Endpoint<WorkloadMessage>>();
  private readonly handlers = new Map<string, Map<string, MessageHandler<WorkloadMessage>>>();

  /**
   * @param contextOf the Clock + Transport of a node by name
   * @param codec how workload messages are encoded
   */
  constructor(
    private readonly contextOf: (node: string) => NodeContext,
    private readonly codec: Codec<unknown>,
  ) {}

  /** The endpoint of a node. */
  endpoint(node: string): Endpoint<WorkloadMessage> {
    let endpoint = this.endpoints.get(node);
    if (endpoint === undefined) {
      endpoint = new Endpoint(this.contextOf(node), this.codec as Codec<WorkloadMessage>);
      const byFlow = new Map<string, MessageHandler<WorkloadMessage>>();
      this.handlers.set(node, byFlow);
      endpoint.onMessage((message, from) => byFlow.get(message[0])?.(message, from));
      this.endpoints.set(node, endpoint);
    }
    return endpoint;
  }

  /** Registers the handler for messages of `flow` arriving at `node`. */
  handle(node: string, flow: string, handler: MessageHandler<WorkloadMessage>): void {
    this.endpoint(node);
    this.handlers.get(node)!.set(flow, handler);
  }
}
