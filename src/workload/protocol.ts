/**
 * User protocols under test: the contract a protocol implements, and the harness that runs
 * it on every node and drives it with a script of application operations.
 *
 * A protocol is a per-node program. On each (re)start of a node the harness gives it the
 * node's context and two ways up to the application, `deliver` and `deliverReply`; the
 * protocol gives back `send`, which the application calls for every message it wants sent.
 * The harness numbers the messages, tells an {@link AppObserver} about every send and every
 * delivery, and answers requests. Those application-level events are what invariants read.
 */
import type { NodeContext, Runtime } from '../runtime/seam.js';
import { withGlobalsOf } from '../runtime/virtual/program.js';

/** A message of the application, as the protocol carries it. */
export interface AppMessage {
  /** Unique per run: the operation's number in the script. */
  readonly id: number;
  /** `message`: one-way; `request`: expects a reply; `reply`: answers request `id`. */
  readonly kind: 'message' | 'request' | 'reply';
  readonly from: string;
  readonly to: string;
  /** Number of the message among those `from` sent to `to` (0, 1, …); for a reply, its request's. */
  readonly seq: number;
  /**
   * What the application sends, when the script gives it: any value the codec can encode.
   * A reply carries its request's payload back.
   */
  readonly payload?: unknown;
}

/** What the harness gives a protocol on one node, for one incarnation. */
export interface ProtocolNode {
  /** The node's seam: clock, transport, durable storage, random streams, peers. */
  readonly context: NodeContext;
  /**
   * Hands a message (one-way or request) that arrived for this node to the application.
   * For a request it returns the application's reply, which the protocol should carry back.
   */
  deliver(message: AppMessage): AppMessage | undefined;
  /** Hands the application of this node the reply to one of its requests. */
  deliverReply(reply: AppMessage): void;
}

/** What a protocol gives the application on one node. */
export interface ProtocolEndpoint {
  /** Sends an application message (`message.to` is its destination) without waiting. */
  send(message: AppMessage): void;
}

/**
 * A protocol: called on every node at start and after each restart, with that incarnation's
 * {@link ProtocolNode}; returns the endpoint the application sends through.
 */
export type Protocol = (node: ProtocolNode) => ProtocolEndpoint;

/** One application operation: at `at` seconds (the sender's clock) `from` sends to `to`. */
export interface ScriptOp {
  readonly at: number;
  readonly from: string;
  readonly to: string;
  /** A request expecting a reply, rather than a one-way message. @default false */
  readonly request?: boolean;
  /** The message's content, any value the codec can encode. @default none */
  readonly payload?: unknown;
}

/** Receives the application's events as they happen. */
export interface AppObserver {
  /** The application on `message.from` handed `message` to the protocol. */
  appSent(message: AppMessage): void;
  /** The protocol on `node` handed `message` to the application. */
  appDelivered(node: string, message: AppMessage): void;
  /** The protocol on `node` handed the application the reply `reply`. */
  appReplied(node: string, reply: AppMessage): void;
}

/** The messages of a script, numbered: ids by position, seq per (from, to) in time order. */
export function scriptMessages(script: readonly ScriptOp[]): { at: number; message: AppMessage }[] {
  const order = script.map((op, index) => ({ op, index })).sort((a, b) => a.op.at - b.op.at || a.index - b.index);
  const counts = new Map<string, number>();
  return order.map(({ op }, id) => {
    const channel = `${op.from}\u0000${op.to}`;
    const seq = counts.get(channel) ?? 0;
    counts.set(channel, seq + 1);
    const message: AppMessage = { id, kind: op.request === true ? 'request' : 'message', from: op.from, to: op.to, seq, ...(op.payload === undefined ? {} : { payload: op.payload }) };
    return { at: op.at, message };
  });
}

/**
 * Runs a protocol on every node of a runtime and sends the script's messages through it.
 * A node that is down when one of its operations falls due skips it (its application is
 * down too); after a restart it carries on with the operations still ahead.
 */
export function runProtocol(runtime: Runtime, nodes: readonly string[], protocol: Protocol, script: readonly ScriptOp[], observer: AppObserver): void {
  const byNode = new Map<string, { at: number; message: AppMessage }[]>(nodes.map((node) => [node, []]));
  for (const entry of scriptMessages(script)) {
    const ops = byNode.get(entry.message.from);
    if (ops === undefined) throw new Error(`script: unknown node "${entry.message.from}"`);
    if (!byNode.has(entry.message.to)) throw new Error(`script: unknown node "${entry.message.to}"`);
    ops.push(entry);
  }
  for (const node of nodes) {
    const ops = byNode.get(node)!;
    /** Operations of this node done or skipped; lives across incarnations. */
    let next = 0;
    let restarted = false;
    runtime.spawn(node, withGlobalsOf((context: NodeContext) => {
      const endpoint = protocol(protocolNode(context, observer));
      const clock = context.clock;
      const sendDue = (): void => {
        const now = clock.now();
        while (next < ops.length && ops[next]!.at <= now) {
          const { message } = ops[next++]!;
          observer.appSent(message);
          endpoint.send(message);
        }
        if (next < ops.length) clock.setTimer(ops[next]!.at - now, sendDue);
      };
      const now = clock.now();
      // A restart skips what fell due while the node was down; the first start skips
      // nothing (on a real clock it comes a moment after time 0).
      if (restarted) while (next < ops.length && ops[next]!.at < now) next++;
      restarted = true;
      if (next < ops.length) clock.setTimer(ops[next]!.at - now, sendDue);
    }, protocol));
  }
}

/** The application side of one node's incarnation. */
function protocolNode(context: NodeContext, observer: AppObserver): ProtocolNode {
  const name = context.name;
  return {
    context,
    deliver(message: AppMessage): AppMessage | undefined {
      observer.appDelivered(name, message);
      if (message.kind !== 'request') return undefined;
      return { id: message.id, kind: 'reply', from: name, to: message.from, seq: message.seq, ...(message.payload === undefined ? {} : { payload: message.payload }) };
    },
    deliverReply(reply: AppMessage): void {
      observer.appReplied(name, reply);
    },
  };
}
