/**
 * The nodes of a scenario as workloads see them: a program per node that creates the node's
 * endpoint, hands each arriving workload message to the flow it belongs to, and starts the
 * flows the node sends. The runtime reruns it after a crash and restart.
 *
 * Workload messages are small tuples `[flow, seq]`. A flow's progress (how many it has
 * sent) belongs to the workload, not to the node: it is the scenario's load, so a sender
 * that restarts carries on with its schedule, skipping the sends that fell due while it was
 * down.
 */
import type { Codec } from '../messaging/codec.js';
import { Endpoint, type MessageHandler } from '../messaging/endpoint.js';
import type { NodeContext, Runtime } from '../runtime/seam.js';

/**
 * The message every workload sends: the flow it belongs to and its number in that flow. A
 * tuple rather than a record because it encodes to about half the JSON work: scenario runs
 * encode and decode every message, and that is most of their cost.
 */
export type WorkloadMessage = readonly [flow: string, seq: number];

/** Something a flow does on a node each time the node (re)starts. */
export type FlowRole = (context: NodeContext, endpoint: Endpoint<WorkloadMessage>) => void;

/** Per-node roles of all flows, installed as node programs. */
export class WorkloadHost {
  private readonly roles = new Map<string, FlowRole[]>();
  private readonly handlers = new Map<string, Map<string, MessageHandler<WorkloadMessage>>>();

  constructor(
    private readonly runtime: Runtime,
    private readonly codec: Codec<unknown>,
  ) {}

  /** Bytes every message carries on the wire besides its encoding. */
  get headerBytes(): number {
    return this.runtime.headerBytes;
  }

  /** The codec workload messages are encoded with. */
  get messageCodec(): Codec<unknown> {
    return this.codec;
  }

  /** Adds something a flow does on `node` whenever the node starts. */
  addRole(node: string, role: FlowRole): void {
    this.rolesOf(node).push(role);
  }

  /** Registers the handler for messages of `flow` arriving at `node`. */
  handle(node: string, flow: string, handler: MessageHandler<WorkloadMessage>): void {
    this.rolesOf(node);
    this.handlers.get(node)!.set(flow, handler);
  }

  /** Makes `node` a participant (its endpoint consumes arriving workload messages). */
  join(node: string): void {
    this.rolesOf(node);
  }

  /** Spawns every participating node's program on the runtime. */
  start(): void {
    for (const [node, roles] of this.roles) {
      const byFlow = this.handlers.get(node)!;
      this.runtime.spawn(node, (context) => {
        const endpoint = new Endpoint(context, this.codec as Codec<WorkloadMessage>);
        endpoint.onMessage((message, from) => byFlow.get(message[0])?.(message, from));
        for (const role of roles) role(context, endpoint);
      });
    }
  }

  private rolesOf(node: string): FlowRole[] {
    let roles = this.roles.get(node);
    if (roles === undefined) {
      roles = [];
      this.roles.set(node, roles);
      this.handlers.set(node, new Map());
    }
    return roles;
  }
}
