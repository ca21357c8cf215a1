/**
 * Runs a Maelstrom-style program on the nodes of a scenario, and services (seq-kv, lin-kv,
 * lww-kv, …) on the nodes named for them: each (re)start makes a fresh node, runs the
 * program's setup on it and hands it `init`. Clients sit beside the nodes, off the network, as
 * in Maelstrom: the host carries their requests to the node they talk to (at once, never
 * lost, never partitioned; a crashed node gets nothing) and the node's replies back.
 * Beside them, {@link ProgramHost.shadowRequest} lets an observer ask a node something
 * (a read) whose answer is recorded nowhere: how the exact stability of a set is measured.
 */
import type { Codec } from '../messaging/codec.js';
import type { Body, Message } from '../messaging/maelstrom/body.js';
import { MaelstromNode, type NodeSetup } from '../messaging/maelstrom/node.js';
import { NO_OBSERVER, type MessagingObserver } from '../messaging/observer.js';
import type { NodeContext, Runtime } from '../runtime/seam.js';
import { withGlobalsOf } from '../runtime/virtual/program.js';

/** Receives the messages a node sends to one client. */
export type ClientInbox = (message: Message) => void;

/** Options of a {@link ProgramHost}. */
export interface ProgramHostOptions {
  /** The nodes the program runs on, in order (the `node_ids` of `init`). */
  readonly nodes: readonly string[];
  readonly program: NodeSetup;
  /** Nodes that run a service instead, and the service. */
  readonly services?: ReadonlyMap<string, NodeSetup>;
  readonly codec: Codec<unknown>;
  readonly observer?: MessagingObserver;
  /** Timeout of the nodes' rpc calls, in seconds. @default 1 */
  readonly rpcTimeoutSeconds?: number;
  /** Messages every program node gets from {@link SETUP_CLIENT} right after `init`, at every start (e.g. `topology`). */
  readonly setup?: (node: string) => readonly Body[];
  /** Called after each step (handler or timer) of a program node, with the node. */
  readonly afterStep?: (node: MaelstromNode) => void;
}

/** The id `init` and the workload's setup messages come from. */
export const SETUP_CLIENT = 'c0';

/** The client id of {@link ProgramHost.shadowRequest}: no client of a workload has it. */
export const SHADOW_CLIENT = 'c-shadow';

/** Maelstrom-style nodes of a run, and the way clients reach them. */
export class ProgramHost {
  private readonly current = new Map<string, MaelstromNode>();
  private readonly inboxes = new Map<string, ClientInbox>();
  private readonly observer: MessagingObserver;
  /** The reply to the shadow request being made, once the node gave it; undefined outside one. */
  private shadow: { readonly msgId: number; reply: Body | undefined } | undefined;
  private nextShadowId = 0;

  constructor(
    private readonly runtime: Runtime,
    private readonly options: ProgramHostOptions,
  ) {
    this.observer = options.observer ?? NO_OBSERVER;
  }

  /** The program nodes, in order. */
  get nodes(): readonly string[] {
    return this.options.nodes;
  }

  /** Spawns the program on its nodes and the services on theirs. */
  start(): void {
    for (const node of this.options.nodes) this.spawn(node, this.options.program, true);
    for (const [node, service] of this.options.services ?? []) this.spawn(node, service, false);
  }

  /** The node's current incarnation, if it is up. */
  node(name: string): MaelstromNode | undefined {
    return this.runtime.isUp(name) ? this.current.get(name) : undefined;
  }

  /** Registers a client: messages nodes send to `client` go to `inbox`. */
  addClient(client: string, inbox: ClientInbox): void {
    this.inboxes.set(client, inbox);
  }

  /** Hands `body` from `client` to `node` now; false (and nothing happens) if the node is down. */
  deliver(client: string, node: string, body: Body): boolean {
    const target = this.node(node);
    if (target === undefined) return false;
    this.runtime.invoke(node, () => target.receive({ src: client, dest: node, body }), `handling ${body.type} from ${client}`);
    return true;
  }

  /**
   * Hands `body` to a node from {@link SHADOW_CLIENT} within the current step and returns the
   * node's reply, if the handler gave it before returning (a reply made later is dropped).
   * Nothing is recorded and the step hook does not run for it, so a request whose handler has
   * no side effects (a read) leaves the run as it was.
   */
  shadowRequest(node: MaelstromNode, body: Body): Body | undefined {
    if (this.shadow !== undefined) throw new Error('shadowRequest: a shadow request is already under way');
    const shadow = { msgId: this.nextShadowId++, reply: undefined as Body | undefined };
    this.shadow = shadow;
    try {
      const result = node.receive({ src: SHADOW_CLIENT, dest: node.id, body: { ...body, msg_id: shadow.msgId } });
      // An asynchronous handler answers too late to count; what it does later is not the run's to judge.
      if (typeof (result as { then?: unknown } | undefined)?.then === 'function') (result as Promise<unknown>).then(undefined, () => undefined);
    } finally {
      this.shadow = undefined;
    }
    return shadow.reply;
  }

  /** Spawns `setup` on a node; a program node (not a service) also gets the setup messages and the step hook. */
  private spawn(name: string, setup: NodeSetup, programNode: boolean): void {
    const { codec, nodes } = this.options;
    const afterStep = programNode ? this.options.afterStep : undefined;
    const messages = programNode ? this.options.setup : undefined;
    this.runtime.spawn(name, withGlobalsOf((context: NodeContext) => {
      let node: MaelstromNode | undefined;
      node = new MaelstromNode(context, {
        codec,
        observer: this.observer,
        nodeIds: nodes,
        ...(this.options.rpcTimeoutSeconds === undefined ? {} : { rpcTimeoutSeconds: this.options.rpcTimeoutSeconds }),
        local: (message) => this.toClient(message),
        ...(afterStep === undefined ? {} : { afterStep: () => this.afterStep(node!, afterStep) }),
      });
      this.current.set(name, node);
      setup(node);
      node.receive({ src: SETUP_CLIENT, dest: name, body: { type: 'init', msg_id: 0, node_id: name, node_ids: [...nodes] } });
      for (const [index, body] of (messages?.(name) ?? []).entries()) node.receive({ src: SETUP_CLIENT, dest: name, body: { ...body, msg_id: index + 1 } });
    }, setup));
  }

  /** The step hook, except during a shadow request (which is part of the step it is made in). */
  private afterStep(node: MaelstromNode, hook: (node: MaelstromNode) => void): void {
    if (this.shadow === undefined) hook(node);
  }

  /** Carries a node's message to a client, in an event of its own; false for an unknown client. */
  private toClient(message: Message): boolean {
    if (message.dest === SETUP_CLIENT) return true;
    if (message.dest === SHADOW_CLIENT) {
      if (this.shadow !== undefined && message.body.in_reply_to === this.shadow.msgId) this.shadow.reply = message.body;
      return true;
    }
    const inbox = this.inboxes.get(message.dest);
    if (inbox === undefined) return false;
    this.runtime.clock.setTimer(0, () => inbox(message));
    return true;
  }
}
