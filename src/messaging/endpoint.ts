/**
 * An endpoint is a node as protocol code sees it: send messages to other nodes and handle
 * the ones that arrive (point-to-point, asynchronous: a send returns at once and the sender
 * never waits for the receiver), make and answer requests, and use the node's clock. Every
 * send may ask for a delivery guarantee (delivery.ts). Pub/sub, broadcast and work queues are
 * built on an endpoint in their own modules.
 *
 * Frames (frames.ts) go through a codec on both sides, so what arrives is a decoded copy and
 * the size on the wire is the encoded size plus the transport's header (plus padding).
 */
import type { Clock, NodeContext, RandomSource, Transport } from '../runtime/seam.js';
import { DecodeError, type Codec } from './codec.js';
import { DEFAULT_RETRY, modeBits, type DeliveryMode, type RetryPolicy } from './delivery.js';
import { ENVELOPE_MARK } from './envelope.js';
import { Kind, type Frame, type FrameHandler } from './frames.js';
import { labelOf, NO_OBSERVER, Pattern, type FrameLabel, type FrameRole, type MessagingObserver } from './observer.js';
import { ReliableLayer, type Wire } from './reliable.js';
import { RequestReply, type RequestHandler, type RequestOptions } from './request-reply.js';

/** Options of one send. */
export interface SendOptions {
  /** Count this message under this flow name in results (with its role, also the stream of reliable sends). */
  flow?: string | undefined;
  /**
   * Pad the frame to exactly this many bytes on the wire (encoded frame + header + padding).
   * Throws a RangeError if the frame is already larger.
   */
  wireBytes?: number | undefined;
  /** Delivery guarantee. @default 'at-most-once' */
  delivery?: DeliveryMode | undefined;
  /** Hand messages of this flow over in the order they were sent. @default false */
  ordered?: boolean | undefined;
  /** Retransmission policy of reliable sends; unset fields take DEFAULT_RETRY's. */
  retry?: Partial<RetryPolicy> | undefined;
}

/** Options of a frame sent by a pattern built on an endpoint. */
export interface FrameOptions extends SendOptions {
  /** The frame's role in its flow (with `flow`, its label in results). @default 'message' */
  role?: FrameRole | undefined;
  /** The logical message (observer row) the frame belongs to. @default -1 */
  row?: number | undefined;
  /**
   * The frame is not the row's message but part of its exchange (a reply, a task handed to a
   * consumer, a relayed broadcast): its transmissions and duplicates are not the row's.
   */
  related?: boolean | undefined;
}

/**
 * The options of a frame of logical message `row` sent as `options` say, in `role`, part of
 * the row's exchange or not (`related`), under `flow` and padded to `wireBytes` (by default
 * the options' own). Spelled out field by field: on a path taken per message, a spread copy
 * of the caller's options (`{ ...options, row }`) cost more than the rest of the step it was
 * made for.
 */
export function frameOptions(options: SendOptions, row: number, role?: FrameRole, related = false, flow = options.flow, wireBytes = options.wireBytes): FrameOptions {
  return { flow, wireBytes, delivery: options.delivery, ordered: options.ordered, retry: options.retry, role, row, related };
}

/** Options of an endpoint. */
export interface EndpointOptions {
  /** Told what the messaging layer does (the delivery ledger records it). @default NO_OBSERVER */
  observer?: MessagingObserver;
}

/** Handles one received message. It may be async: a returned promise is awaited before the next event. */
export type MessageHandler<T> = (message: T, from: string) => unknown;

/** A retry policy with the defaults filled in (the same object when it is already complete). */
function completeRetry(retry: Partial<RetryPolicy> | undefined): RetryPolicy {
  if (retry === undefined) return DEFAULT_RETRY;
  const complete = retry.timeoutSeconds !== undefined && retry.backoff !== undefined && retry.maxTimeoutSeconds !== undefined && retry.maxRetries !== undefined && retry.jitter !== undefined;
  return complete ? (retry as RetryPolicy) : { ...DEFAULT_RETRY, ...retry };
}

/** What patterns built on an endpoint use of it (whatever its message type). */
export type EndpointCore = Pick<Endpoint<unknown>, 'address' | 'clock' | 'context' | 'observer' | 'on' | 'sendFrame'>;

/** A node's messaging interface. */
export class Endpoint<T = unknown> {
  /** This node's clock. */
  readonly clock: Clock;
  /** Told what this endpoint and the patterns on it do with logical messages and frames. */
  readonly observer: MessagingObserver;
  private readonly transport: Transport;
  /** Frame handlers by the character code of their kind (kinds are one character). */
  private readonly handlers: (FrameHandler | undefined)[] = [];
  private messageHandler: MessageHandler<T> | undefined;
  private reliableLayer: ReliableLayer | undefined;
  private readonly rpc: RequestReply;
  /** A one-entry cache of labels: most frames of an endpoint go under one flow and role. */
  private lastFlow: string | undefined;
  private lastRole: FrameRole | undefined;
  private lastLabel: FrameLabel | undefined;

  constructor(
    readonly context: NodeContext,
    private readonly codec: Codec<unknown>,
    options: EndpointOptions = {},
  ) {
    this.clock = context.clock;
    this.transport = context.transport;
    this.observer = options.observer ?? NO_OBSERVER;
    this.rpc = new RequestReply(this);
    this.on(Kind.Message, (frame, from, row) => {
      this.observer.delivered(row);
      return this.messageHandler?.(frame[1] as T, from);
    });
    this.on(Kind.Request, (frame, from) => this.rpc.receiveRequest(frame, from));
    this.on(Kind.Reply, (frame) => this.rpc.receiveReply(frame));
    this.transport.onReceive((bytes, from) =>
      bytes[0] === ENVELOPE_MARK ? this.reliable().receive(bytes, from) : this.dispatch(this.codec.decode(bytes) as Frame, from, -1),
    );
  }

  /** This node's name. */
  get address(): string {
    return this.transport.address;
  }

  /**
   * Sends `message` to node `to`; returns at once. A message sent at most once is a single
   * frame, fully recorded by the transport; under any other guarantee it also gets a ledger row.
   */
  send(to: string, message: T, options: SendOptions = {}): void {
    const guaranteed = options.delivery !== undefined && options.delivery !== 'at-most-once';
    const row = guaranteed || options.ordered === true ? this.observer.open(options.flow, Pattern.P2p, this.address, to) : -1;
    this.transmit(to, [Kind.Message, message], options, 'message', row, false);
  }

  /** Sets the handler for arriving messages (a later call replaces it). */
  onMessage(handler: MessageHandler<T>): void {
    this.messageHandler = handler;
  }

  /** Sends a request; resolves to the reply, or rejects with a RequestTimeoutError at the timeout. */
  request(to: string, body: unknown, options?: RequestOptions): Promise<unknown> {
    return this.rpc.request(to, body, options);
  }

  /** Sets the handler that answers requests (its return value is the reply; undefined: none). */
  onRequest(handler: RequestHandler, replyOptions?: SendOptions): void {
    this.rpc.onRequest(handler, replyOptions);
  }

  /** Sets the handler of a frame kind, a single character (for patterns built on the endpoint). */
  on(kind: string, handler: FrameHandler): void {
    if (kind.length !== 1) throw new RangeError(`frame kinds are one character, got "${kind}"`);
    this.handlers[kind.charCodeAt(0)] = handler;
  }

  /** Sends a frame under the delivery guarantee `options` asks for, as part of logical message `options.row`. */
  sendFrame(to: string, frame: Frame, options: FrameOptions): void {
    this.transmit(to, frame, options, options.role ?? 'message', options.row ?? -1, options.related === true);
  }

  /**
   * Stops retransmitting the reliable frame of logical message `row` sent to `to` under
   * `flow` (for patterns whose exchange ended before the frame was acknowledged). Nothing if
   * none is pending.
   */
  abandonFrame(to: string, flow: string | undefined, row: number): void {
    this.reliableLayer?.abandon(to, flow === undefined ? '' : labelOf(flow, 'message').text, row);
  }

  private transmit(to: string, frame: Frame, options: SendOptions, role: FrameRole, row: number, related: boolean): void {
    const mode = modeBits(options.delivery ?? 'at-most-once', options.ordered ?? false);
    const label = this.label(options.flow, role);
    if (mode === 0) {
      const bytes = this.codec.encode(frame);
      const padding = this.padding(bytes, options.wireBytes);
      this.observer.framed(label, row);
      this.transport.send(to, bytes, padding);
      if (!related) this.observer.attempt(row);
      return;
    }
    this.reliable().send(to, label, mode, frame, completeRetry(options.retry), row, related, options.wireBytes);
  }

  /** The label of frames of `flow` in `role` (none without a flow). */
  private label(flow: string | undefined, role: FrameRole): FrameLabel | undefined {
    if (flow === undefined) return undefined;
    if (flow !== this.lastFlow || role !== this.lastRole) {
      this.lastFlow = flow;
      this.lastRole = role;
      this.lastLabel = labelOf(flow, role);
    }
    return this.lastLabel;
  }

  /** Hands a decoded frame to the handler of its kind; `row` is the logical message its envelope carried, or -1. */
  private dispatch(frame: Frame, from: string, row: number): unknown {
    const kind = Array.isArray(frame) ? frame[0] : undefined;
    const handler = typeof kind === 'string' && kind.length === 1 ? this.handlers[kind.charCodeAt(0)] : undefined;
    if (handler === undefined) throw new DecodeError(this.codec.name, new Error(`not a frame this endpoint knows: ${JSON.stringify(frame)?.slice(0, 80)}`));
    return handler(frame, from, row);
  }

  /** Padding that brings a frame of `bytes` to `wireBytes` on the wire (0 without a target). */
  private padding(bytes: Uint8Array, wireBytes: number | undefined): number {
    if (wireBytes === undefined) return 0;
    const padding = wireBytes - bytes.length - this.transport.headerBytes;
    if (padding < 0) {
      throw new RangeError(
        `message needs ${bytes.length + this.transport.headerBytes} bytes on the wire ` +
          `(${bytes.length} encoded + ${this.transport.headerBytes} header), more than ${wireBytes}`,
      );
    }
    return padding;
  }

  private reliable(): ReliableLayer {
    if (this.reliableLayer === undefined) {
      const wire: Wire = {
        address: this.address,
        clock: this.clock,
        observer: this.observer,
        encode: (frame) => this.codec.encode(frame),
        decode: (bytes) => this.codec.decode(bytes) as Frame,
        padding: (bytes, wireBytes) => this.padding(bytes, wireBytes),
        transmitBytes: (to, bytes, paddingBytes, label, row) => {
          this.observer.framed(label, row);
          this.transport.send(to, bytes, paddingBytes);
        },
        dispatch: (inner, from, row) => this.dispatch(inner, from, row),
        random: (name: string): RandomSource => this.context.random(name),
      };
      this.reliableLayer = new ReliableLayer(wire);
    }
    return this.reliableLayer;
  }
}
