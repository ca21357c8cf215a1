/**
 * A byte channel between the replicas of a library: what a library's own network interface
 * (Automerge Repo's NetworkAdapter, Yjs's sync messages) is adapted onto. It runs on a
 * node's endpoint, as frames of its own kind, under the delivery guarantee asked for: at most
 * once is what the network gives (frames lost, duplicated or reordered as it does), while
 * exactly-once and ordered is the reliable in-order stream such libraries expect.
 *
 * A guaranteed stream's sequence numbers live in volatile state, so each incarnation of a node
 * sends on a stream of its own (`<flow>`, then `<flow>@1`, `<flow>@2`, … after restarts,
 * counted in the node's durable store): a restarted sender never reuses numbers its peers
 * have already seen.
 */
import type { DeliveryMode, RetryPolicy } from '../messaging/delivery.js';
import type { EndpointCore } from '../messaging/endpoint.js';
import { Pattern } from '../messaging/observer.js';

/** The frame kind of library bytes on an endpoint. */
export const LIBRARY_FRAME_KIND = 'L';

/** Receives the bytes a peer's replica sent. */
export type ChannelHandler = (bytes: Uint8Array, from: string) => unknown;

/** A node's way to exchange bytes with the other replicas of a library. */
export interface ByteChannel {
  /** This node's name. */
  readonly address: string;
  /** The nodes that run replicas, this one included, in a fixed order. */
  readonly peers: readonly string[];
  /** Sends `bytes` to the replica on node `to`. */
  send(to: string, bytes: Uint8Array): void;
  /** Sets the handler of arriving bytes (a later call replaces it). */
  onReceive(handler: ChannelHandler): void;
}

/** Options of a {@link libraryChannel}. */
export interface LibraryChannelOptions {
  /** The nodes that run replicas, this one included. @default every node of the network */
  readonly peers?: readonly string[];
  /** Results count the channel's frames under this flow. @default 'library' */
  readonly flow?: string;
  /** Delivery guarantee. @default 'at-most-once' (what the network gives) */
  readonly delivery?: DeliveryMode;
  /** Hand frames over in the order they were sent. @default false */
  readonly ordered?: boolean;
  /**
   * Retransmission of guaranteed frames. @default up to 1 s apart, never giving up (a
   * library's stream does not give up on a peer that is away for a while)
   */
  readonly retry?: Partial<RetryPolicy>;
}

/** Retransmissions of a library stream: backing off to 1 s apart, for as long as it takes. */
export const LIBRARY_RETRY: Partial<RetryPolicy> = { maxTimeoutSeconds: 1, maxRetries: Infinity };

const INCARNATION_KEY = 'msgsim/library-channel/incarnation';

/** A {@link ByteChannel} on `endpoint`, with the guarantee `options` asks for. */
export function libraryChannel(endpoint: EndpointCore, options: LibraryChannelOptions = {}): ByteChannel {
  const context = endpoint.context;
  const delivery = options.delivery ?? 'at-most-once';
  const ordered = options.ordered ?? false;
  const guaranteed = delivery !== 'at-most-once' || ordered;
  const baseFlow = options.flow ?? 'library';
  let flow = baseFlow;
  if (guaranteed) {
    const incarnation = context.storage.get<number>(INCARNATION_KEY) ?? 0;
    context.storage.set(INCARNATION_KEY, incarnation + 1);
    if (incarnation > 0) flow = `${baseFlow}@${incarnation}`;
  }
  const sendOptions = { flow, delivery, ordered, retry: { ...LIBRARY_RETRY, ...options.retry } };
  let handler: ChannelHandler | undefined;
  endpoint.on(LIBRARY_FRAME_KIND, (frame, from, row) => {
    if (row !== -1) endpoint.observer.delivered(row);
    return handler?.(frame[1] as Uint8Array, from);
  });
  return {
    address: endpoint.address,
    peers: options.peers ?? context.peers,
    send(to: string, bytes: Uint8Array): void {
      const row = guaranteed ? endpoint.observer.open(flow, Pattern.P2p, endpoint.address, to) : -1;
      endpoint.sendFrame(to, [LIBRARY_FRAME_KIND, bytes], { ...sendOptions, row });
    },
    onReceive(next: ChannelHandler): void {
      handler = next;
    },
  };
}
