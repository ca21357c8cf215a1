/**
 * The nodes of a scenario as workloads see them: a program per node that creates the node's
 * endpoint, shares per-node services (a broker, a subscriber, a broadcaster) among the flows
 * that need them, hands arriving workload messages to their flow, and starts the flows'
 * roles. The runtime reruns it after a crash and restart, with fresh services.
 *
 * Workload messages are small tuples `[flow, seq]`. A flow's progress belongs to the
 * workload, not to the node (see schedule.ts).
 */
import type { Codec } from '../messaging/codec.js';
import { Endpoint, type MessageHandler } from '../messaging/endpoint.js';
import { NO_OBSERVER, type MessagingObserver } from '../messaging/observer.js';
import type { NodeContext, Runtime } from '../runtime/seam.js';

/**
 * The message every workload sends: the flow it belongs to and its number in that flow. A
 * tuple rather than a record because it encodes to about half the JSON work: scenario runs
 * encode and decode every message, and that is most of their cost.
 */
export type WorkloadMessage = readonly [flow: string, seq: number];

/** One incarnation of a node, as a flow's role sees it. */
export interface NodeServices {
  readonly context: NodeContext;
  readonly endpoint: Endpoint<WorkloadMessage>;
  /** The node's single instance of a service for this incarnation, made on first use. */
  service<S>(key: string, make: () => S): S;
}

/** Something a flow does on a node each time the node (re)starts. */
export type FlowRole = (node: NodeServices) => void;

/** Per-node roles of all flows, installed as node programs. */
export class WorkloadHost {
  private readonly roles = new Map<string, FlowRole[]>();
  private readonly handlers = new Map<string, Map<string, MessageHandler<WorkloadMessage>>>();

  constructor(
    private readonly runtime: Runtime,
    readonly codec: Codec<unknown>,
    readonly observer: MessagingObserver = NO_OBSERVER,
  ) {}

  /** Bytes every message carries on the wire besides its encoding. */
  get headerBytes(): number {
    return this.runtime.headerBytes;
  }

  /** Adds something a flow does on `node` whenever the node starts. */
  addRole(node: string, role: FlowRole): void {
    this.rolesOf(node).push(role);
  }

  /** Registers the handler for point-to-point messages of `flow` arriving at `node`. */
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
        const endpoint = new Endpoint<WorkloadMessage>(context, this.codec, { observer: this.observer });
        endpoint.onMessage((message, from) => byFlow.get(message[0])?.(message, from));
        const services = new Map<string, unknown>();
        const node: NodeServices = {
          context,
          endpoint,
          service: <S>(key: string, make: () => S): S => {
            if (!services.has(key)) services.set(key, make());
            return services.get(key) as S;
          },
        };
        for (const role of roles) role(node);
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
