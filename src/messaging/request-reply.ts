/**
 * Asynchronous request/reply over an endpoint: `request` sends ["q", id, body] and returns
 * a promise of the reply; the server's handler answers with ["r", id, body], or not at all.
 * Correlation ids are per requester; many requests may be in flight at once. A request that
 * gets no reply within its timeout (on the requester's clock) rejects with a
 * {@link RequestTimeoutError} exactly at its deadline; a reply that comes later is ignored.
 */
import { NO_TIMER, type Clock, type TimerHandle } from '../runtime/seam.js';
import type { FrameOptions, SendOptions } from './endpoint.js';
import { Kind, type Frame } from './frames.js';
import { Pattern, Settlement, type KeySpace, type MessagingObserver } from './observer.js';

/** The error a timed-out request rejects with. */
export class RequestTimeoutError extends Error {
  constructor(
    readonly to: string,
    readonly timeoutSeconds: number,
  ) {
    super(`request to ${to} got no reply within ${timeoutSeconds}s`);
    this.name = 'RequestTimeoutError';
  }
}

/** Options of a request. */
export interface RequestOptions extends SendOptions {
  /** How long to wait for the reply, in seconds of the requester's clock. @default 1 */
  timeoutSeconds?: number;
}

/**
 * Answers a request: a reply (or a promise of one); undefined sends no reply. Return a
 * {@link Reply} to send one reply with its own options.
 */
export type RequestHandler = (body: unknown, from: string) => unknown;

/** A reply with its own send options (size, delivery), over those given to onRequest. */
export class Reply {
  constructor(
    readonly body: unknown,
    readonly options: SendOptions,
  ) {}
}

/** What request/reply needs from its endpoint. */
export interface RequestWire {
  readonly address: string;
  readonly clock: Clock;
  readonly observer: MessagingObserver;
  sendFrame(to: string, frame: Frame, options: FrameOptions): void;
  /** Stops retransmitting the frame of logical message `row` sent reliably to `to` under `flow`. */
  abandonFrame(to: string, flow: string | undefined, row: number): void;
}

interface PendingRequest {
  resolve: (reply: unknown) => void;
  reject: (error: Error) => void;
  timer: TimerHandle;
  row: number;
  to: string;
  flow: string | undefined;
}

/**
 * Returned by the timer and the handler that settle a request's promise: a promise result
 * tells the runtime to run pending continuations now, so code awaiting the request resumes
 * at the virtual time it was settled, not at some later event.
 */
const SETTLED: Promise<void> = Promise.resolve();

/** The request/reply state of one endpoint. */
export class RequestReply {
  private nextId = 0;
  private readonly pending = new Map<number, PendingRequest>();
  private handler: RequestHandler | undefined;
  private replyOptions: SendOptions = {};
  /** Request ids bound to their rows, per server (sent) and per client (received). */
  private readonly sentKeys = new Map<string, KeySpace>();
  private readonly receivedKeys = new Map<string, KeySpace>();

  constructor(private readonly wire: RequestWire) {}

  /** The key space of requests from `client` to `server`, through `cache`. */
  private keys(cache: Map<string, KeySpace>, peer: string, client: string, server: string): KeySpace {
    let keys = cache.get(peer);
    if (keys === undefined) cache.set(peer, (keys = this.wire.observer.keys('request', client, server)));
    return keys;
  }

  /** Sends a request; resolves to the reply, or rejects with a RequestTimeoutError. */
  request(to: string, body: unknown, options: RequestOptions = {}): Promise<unknown> {
    const { timeoutSeconds = 1, ...sendOptions } = options;
    const id = this.nextId++;
    const row = this.wire.observer.open(options.flow, Pattern.RequestReply, this.wire.address, to);
    this.keys(this.sentKeys, to, this.wire.address, to).bind(id, row);
    return new Promise((resolve, reject) => {
      // Its timer field starts at NO_TIMER, not at the first handle (see NO_TIMER for why).
      const pending: PendingRequest = { resolve, reject, timer: NO_TIMER, row, to, flow: options.flow };
      pending.timer = this.wire.clock.setTimer(timeoutSeconds, () => {
        this.pending.delete(id);
        // Nobody waits for the reply any more: retransmitting the request is pointless.
        this.wire.abandonFrame(to, options.flow, row);
        this.wire.observer.settle(row, Settlement.TimedOut);
        reject(new RequestTimeoutError(to, timeoutSeconds));
        return SETTLED;
      });
      this.pending.set(id, pending);
      this.wire.sendFrame(to, [Kind.Request, id, body], { ...sendOptions, row });
    });
  }

  /** Sets the handler that answers requests, and how replies are sent. */
  onRequest(handler: RequestHandler, replyOptions: SendOptions = {}): void {
    this.handler = handler;
    this.replyOptions = replyOptions;
  }

  /** An arriving ["q", id, body]. */
  receiveRequest(frame: Frame, from: string): unknown {
    const [, id, body] = frame as readonly [string, number, unknown];
    const row = this.keys(this.receivedKeys, from, from, this.wire.address).find(id);
    this.wire.observer.delivered(row);
    const handler = this.handler;
    if (handler === undefined) return undefined;
    const answer = (reply: unknown): void => {
      if (reply === undefined) return;
      const [body, own] = reply instanceof Reply ? [reply.body, reply.options] : [reply, {}];
      const options = { ...this.replyOptions, ...own };
      // Replies are counted under the request's flow (unless given their own), in the role "reply".
      const flow = options.flow ?? this.wire.observer.flowOf(row);
      this.wire.sendFrame(from, [Kind.Reply, id, body], { ...options, ...(flow === undefined ? {} : { flow }), role: 'reply', row, related: true });
    };
    const reply = handler(body, from);
    if (reply !== null && typeof reply === 'object' && typeof (reply as PromiseLike<unknown>).then === 'function') {
      return (reply as PromiseLike<unknown>).then(answer);
    }
    answer(reply);
    return undefined;
  }

  /** An arriving ["r", id, body]. */
  receiveReply(frame: Frame): unknown {
    const [, id, body] = frame as readonly [string, number, unknown];
    const pending = this.pending.get(id);
    if (pending === undefined) return undefined;
    this.pending.delete(id);
    this.wire.clock.cancelTimer(pending.timer);
    // The reply shows the request arrived: it needs no acknowledgement and no retransmission.
    this.wire.abandonFrame(pending.to, pending.flow, pending.row);
    this.wire.observer.settle(pending.row, Settlement.Replied);
    pending.resolve(body);
    return SETTLED;
  }

}
