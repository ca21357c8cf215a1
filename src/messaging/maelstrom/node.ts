/**
 * A node in Maelstrom's style, in process: `node.on(type, handler)`, `send`, `reply`, `rpc`
 * (a promise with a timeout), `id` and `nodeIds`, the `init` message answered for you, and
 * errors with Maelstrom's codes. A program that solves a Maelstrom challenge in its
 * JavaScript style ports by taking its node from here instead of from stdin/stdout, and its
 * timers from the node (`node.setTimeout`, `node.setInterval`) instead of the global ones.
 *
 * Bodies travel as frames of the node's endpoint, counted in results under their `type`.
 * Messages to names that are not nodes of the network (clients of a workload, which sit
 * beside the node they talk to, as in Maelstrom) go through `local` instead.
 */
import type { Clock, DurableStore, NodeContext, RandomSource } from '../../runtime/seam.js';
import type { Codec } from '../codec.js';
import { Endpoint, type EndpointCore } from '../endpoint.js';
import type { Frame } from '../frames.js';
import type { MessagingObserver } from '../observer.js';
import { isBody, RPCError, type Body, type Message } from './body.js';

/** Handles one message of a type. It may be async; a returned promise settles before the next event. */
export type BodyHandler = (message: Message) => unknown;

/** What a program does on a node: registers handlers (and timers) on it. It runs again, on a fresh node, after a restart. */
export type NodeSetup = (node: MaelstromNode) => void;

/** Options of a {@link MaelstromNode}. */
export interface MaelstromNodeOptions {
  readonly codec: Codec<unknown>;
  /** Told what the node's endpoint does (the delivery ledger). */
  readonly observer?: MessagingObserver;
  /** The nodes of the cluster (`node_ids` of `init`); default every node of the network. */
  readonly nodeIds?: readonly string[];
  /** Timeout of {@link MaelstromNode.rpc}, in seconds. @default 1 */
  readonly rpcTimeoutSeconds?: number;
  /** Carries a message to a destination that is not a node of the network; false if there is none such. */
  readonly local?: (message: Message) => boolean;
  /** Called after each handler and timer callback the node ran (its synchronous part). */
  readonly afterStep?: () => void;
}

/** Options of one {@link MaelstromNode.rpc}. */
export interface RpcOptions {
  /** Seconds to wait for the reply before rejecting with a timeout error. @default the node's rpc timeout */
  readonly timeout?: number;
}

/**
 * Returned by a step that settled an rpc's promise: a promise, so the runtime lets the code
 * awaiting the rpc run on before the next event (it drains microtasks after any step that
 * returns one), as the seam's rule for deterministic async code asks.
 */
const SETTLED: Promise<void> = Promise.resolve();

/** The frame kind of Maelstrom bodies on an endpoint. */
const BODY_KIND = 'J';

interface PendingCall {
  readonly resolve: (body: Body) => void;
  readonly reject: (error: RPCError) => void;
  readonly timer: number;
}

/**
 * Whether a thrown value is an error meant for the requester: an {@link RPCError}, or an
 * object with a numeric `code` as Maelstrom's JavaScript programs throw (`{ code, text }`).
 */
function asRpcError(error: unknown): RPCError | undefined {
  if (error instanceof RPCError) return error;
  if (typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'number' && !(error instanceof Error)) {
    return RPCError.of({ type: 'error', ...(error as Record<string, unknown>) });
  }
  return undefined;
}

/** One incarnation of a node, as a Maelstrom program sees it. */
export class MaelstromNode {
  /** The node's seam: clock, transport, durable storage, random streams. */
  readonly context: NodeContext;
  private ids: readonly string[];
  private readonly endpointOf: Endpoint<unknown>;
  private readonly handlers = new Map<string, BodyHandler>();
  private readonly pending = new Map<number, PendingCall>();
  private readonly networkNodes: ReadonlySet<string>;
  private readonly local: ((message: Message) => boolean) | undefined;
  private readonly afterStep: (() => void) | undefined;
  private readonly rpcTimeout: number;
  private nextMsgId = 0;
  private nextTimer = 1;
  private readonly timers = new Map<number, number>();

  constructor(context: NodeContext, options: MaelstromNodeOptions) {
    this.context = context;
    this.ids = options.nodeIds ?? context.peers;
    this.networkNodes = new Set(context.peers);
    this.local = options.local;
    this.afterStep = options.afterStep;
    this.rpcTimeout = options.rpcTimeoutSeconds ?? 1;
    this.endpointOf = new Endpoint(context, options.codec, options.observer === undefined ? {} : { observer: options.observer });
    this.endpointOf.on(BODY_KIND, (frame, from) => this.receive({ src: from, dest: context.name, body: frame[1] as Body }));
  }

  /**
   * The node's endpoint, for protocols built beside the Maelstrom bodies (a library's byte
   * channel, a pattern of msgsim's): its frames of other kinds share the node's transport.
   */
  get endpoint(): EndpointCore {
    return this.endpointOf;
  }

  /** This node's id (its name in the network). */
  get id(): string {
    return this.context.name;
  }

  /** The ids of every node of the cluster, this one included (`node_ids` of `init`). */
  get nodeIds(): readonly string[] {
    return this.ids;
  }

  /** This node's id, as Maelstrom's JavaScript node reads it. */
  nodeId(): string {
    return this.context.name;
  }

  /** This node's clock (seconds). */
  get clock(): Clock {
    return this.context.clock;
  }

  /** Storage that survives crashes and restarts. */
  get storage(): DurableStore {
    return this.context.storage;
  }

  /** A named random stream of this node. */
  random(name: string): RandomSource {
    return this.context.random(name);
  }

  /** Sets the handler of messages of `type` (a later call replaces it). */
  on(type: string, handler: BodyHandler): void {
    this.handlers.set(type, handler);
  }

  /** A fresh message id. */
  newMsgId(): number {
    return this.nextMsgId++;
  }

  /** Sends `body` to `dest` without waiting. */
  send(dest: string, body: Body): void {
    if (!isBody(body)) throw new TypeError(`send to ${dest}: a body is an object with a string "type", got ${JSON.stringify(body)}`);
    if (this.networkNodes.has(dest)) {
      const frame: Frame = [BODY_KIND, body];
      this.endpointOf.sendFrame(dest, frame, { flow: body.type });
      return;
    }
    if (this.local?.({ src: this.id, dest, body }) !== true) throw new RangeError(`send: no node or client "${dest}"`);
  }

  /** Replies to `request` with `body` (its `in_reply_to` is set to the request's `msg_id`). */
  reply(request: Message, body: Body): void {
    const msgId = request.body.msg_id;
    if (msgId === undefined) throw RPCError.crash(`cannot reply to a message without msg_id: ${JSON.stringify(request.body)}`);
    this.send(request.src, { ...body, in_reply_to: msgId });
  }

  /**
   * Sends a request and resolves to the reply's body; rejects with an {@link RPCError} when
   * the reply is an error, or with a timeout error (code 0) when none came in time.
   */
  rpc(dest: string, body: Body, options: RpcOptions = {}): Promise<Body> {
    const msgId = this.newMsgId();
    const promise = new Promise<Body>((resolve, reject) => {
      const timer = this.clock.setTimer(options.timeout ?? this.rpcTimeout, () => {
        if (!this.pending.delete(msgId)) return undefined;
        reject(RPCError.timeout(`RPC request ${msgId} to ${dest} timed out`));
        return SETTLED;
      });
      this.pending.set(msgId, { resolve, reject, timer });
    });
    this.send(dest, { ...body, msg_id: msgId });
    return promise;
  }

  /** Like {@link rpc}, but tries again after every error or timeout until a reply comes. */
  async retryRPC(dest: string, body: Body, options: RpcOptions = {}): Promise<Body> {
    for (;;) {
      try {
        return await this.rpc(dest, body, options);
      } catch (error) {
        if (!(error instanceof RPCError)) throw error;
      }
    }
  }

  /** Calls `callback` once after `ms` milliseconds of this node's clock; returns a handle for {@link clearTimeout}. */
  setTimeout(callback: () => unknown, ms: number): number {
    const handle = this.nextTimer++;
    this.timers.set(
      handle,
      this.clock.setTimer(Math.max(0, ms) / 1000, () => {
        this.timers.delete(handle);
        return this.step(callback);
      }),
    );
    return handle;
  }

  /** Calls `callback` every `ms` milliseconds (> 0) of this node's clock; returns a handle for {@link clearInterval}. */
  setInterval(callback: () => unknown, ms: number): number {
    if (!(ms > 0)) throw new RangeError(`setInterval: the period must be > 0 ms, got ${ms}`);
    const handle = this.nextTimer++;
    const tick = (): unknown => {
      this.timers.set(handle, this.clock.setTimer(ms / 1000, tick));
      return this.step(callback);
    };
    this.timers.set(handle, this.clock.setTimer(ms / 1000, tick));
    return handle;
  }

  /** Cancels a timer of {@link setTimeout}. */
  clearTimeout(handle: number): void {
    const timer = this.timers.get(handle);
    if (timer === undefined) return;
    this.timers.delete(handle);
    this.clock.cancelTimer(timer);
  }

  /** Cancels a timer of {@link setInterval}. */
  clearInterval(handle: number): void {
    this.clearTimeout(handle);
  }

  /** Nothing to do: the node already receives. (Maelstrom's programs end with `node.main()`.) */
  main(): void {}

  /**
   * Handles one arriving message: a reply settles its {@link rpc}; `init` sets the node ids
   * and is answered with `init_ok`; any other type goes to its handler, and a message with a
   * `msg_id` and no handler is answered with a not-supported error. An {@link RPCError} (or
   * `{ code, text }`) a handler throws becomes the error reply; other errors are bugs and fail
   * the run. Returns the handler's promise, if it made one.
   */
  receive(message: Message): unknown {
    const body = message.body;
    if (!isBody(body)) throw new TypeError(`a message from ${message.src} has no body with a string "type": ${JSON.stringify(body)}`);
    if (body.in_reply_to !== undefined) {
      const call = this.pending.get(body.in_reply_to);
      if (call !== undefined) {
        this.pending.delete(body.in_reply_to);
        this.clock.cancelTimer(call.timer);
        if (body.type === 'error') call.reject(RPCError.of(body));
        else call.resolve(body);
        return this.stepDone(SETTLED);
      }
      // A late or duplicate reply: a handler of its type may want it; otherwise it is dropped.
      const handler = this.handlers.get(body.type);
      return handler === undefined ? undefined : this.step(() => handler(message));
    }
    if (body.type === 'init') {
      if (Array.isArray(body['node_ids'])) this.ids = (body['node_ids'] as unknown[]).map(String);
      const handler = this.handlers.get('init');
      const result = handler === undefined ? undefined : this.run(message, handler);
      if (body.msg_id !== undefined) this.reply(message, { type: 'init_ok' });
      return this.stepDone(result);
    }
    const handler = this.handlers.get(body.type);
    if (handler === undefined) {
      if (body.msg_id !== undefined) this.reply(message, RPCError.notSupported(`unsupported request type ${body.type}`).toBody());
      return undefined;
    }
    return this.stepDone(this.run(message, handler));
  }

  /** Runs a handler; an error meant for the requester becomes its reply. */
  private run(message: Message, handler: BodyHandler): unknown {
    let result: unknown;
    try {
      result = handler(message);
    } catch (error) {
      this.replyError(message, error);
      return undefined;
    }
    if (typeof (result as { then?: unknown } | null)?.then === 'function') {
      return (result as Promise<unknown>).then(undefined, (error: unknown) => this.replyError(message, error));
    }
    return result;
  }

  private replyError(message: Message, error: unknown): void {
    const rpcError = asRpcError(error);
    if (rpcError === undefined) throw error;
    if (message.body.msg_id !== undefined) this.reply(message, rpcError.toBody());
  }

  private step(action: () => unknown): unknown {
    return this.stepDone(action());
  }

  private stepDone(result: unknown): unknown {
    this.afterStep?.();
    return result;
  }
}
