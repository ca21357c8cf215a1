/**
 * An endpoint is a node as protocol code sees it: send a message to a node, handle the
 * messages that arrive, and use the node's clock. Point-to-point and asynchronous: a send
 * returns at once and the sender never waits for the receiver.
 *
 * Messages go through a codec on both sides, so what arrives is a decoded copy, and the
 * size on the wire is the encoded size plus the transport's header.
 */
import type { Clock, NodeContext, Transport } from '../runtime/seam.js';
import type { Codec } from './codec.js';

/** Options of one send. */
export interface SendOptions {
  /** Count this message under this flow name in results. */
  flow?: string;
  /**
   * Pad the message to exactly this many bytes on the wire (encoded message + header +
   * padding). Throws a RangeError if the message is already larger.
   */
  wireBytes?: number;
}

/** Handles one received message. It may be async: a returned promise is awaited before the next event. */
export type MessageHandler<T> = (message: T, from: string) => unknown;

/** A node's messaging interface. */
export class Endpoint<T = unknown> {
  /** This node's clock. */
  readonly clock: Clock;
  private readonly transport: Transport;
  private handler: MessageHandler<T> | undefined;

  constructor(
    context: NodeContext,
    private readonly codec: Codec<T>,
  ) {
    this.clock = context.clock;
    this.transport = context.transport;
    this.transport.onReceive((frame, from) => this.handler?.(this.codec.decode(frame), from));
  }

  /** This node's name. */
  get address(): string {
    return this.transport.address;
  }

  /** Sends `message` to node `to`; returns at once. */
  send(to: string, message: T, options?: SendOptions): void {
    const frame = this.codec.encode(message);
    const wireBytes = options?.wireBytes;
    let paddingBytes = 0;
    if (wireBytes !== undefined) {
      paddingBytes = wireBytes - frame.length - this.transport.headerBytes;
      if (paddingBytes < 0) {
        throw new RangeError(
          `message needs ${frame.length + this.transport.headerBytes} bytes on the wire ` +
            `(${frame.length} encoded + ${this.transport.headerBytes} header), more than ${wireBytes}`,
        );
      }
    }
    const flow = options?.flow;
    this.transport.send(to, frame, flow === undefined ? { paddingBytes } : { flow, paddingBytes });
  }

  /** Sets the handler for arriving messages (a later call replaces it). */
  onMessage(handler: MessageHandler<T>): void {
    this.handler = handler;
  }
}
