/**
 * A byte channel between the replicas of a library: what a library's own network interface
 * (Automerge Repo's NetworkAdapter, Yjs's sync messages) is adapted onto. It runs on a
 * node's endpoint, as frames of its own kind, under the delivery guarantee asked for: at most
 * once is what the network gives (frames lost, duplicated or reordered as it does), while
 * exactly-once and ordered is the reliable in-order stream such libraries expect.
 *
 * A guaranteed stream's state lives in volatile memory at both ends, so a stream lasts as
 * long as the incarnations at its two ends, as a TCP connection does. Each incarnation of a
 * node sends on streams of its own (`<flow>`, then `<flow>@1`, `<flow>@2`, … after restarts,
 * counted in the node's durable store): a restarted sender never reuses numbers its peers
 * have already seen. And a restarted node first announces its incarnation to every peer
 * (on its new stream, so before anything else it sends); a peer that hears it sends to it
 * from then on on a new stream (`<flow>/<its incarnation>`, after the peer's own suffix): the
 * old stream may wait, at the new incarnation, for frames the old one acknowledged and took
 * with it, and would hold back everything after them. What was sent to the old incarnation,
 * or to the new one before its announcement arrived, may be lost; libraries resync with a
 * peer that comes back (Yjs's sync step 1, Automerge Repo's announcement).
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

/** Endpoints that carry a channel: frames of its kind have one handler per endpoint. */
const withChannel = new WeakSet<EndpointCore>();

/**
 * A {@link ByteChannel} on `endpoint`, with the guarantee `options` asks for. An endpoint
 * carries one channel (a RangeError for a second): replicas of two libraries on one node
 * each take an endpoint of their own, or share one channel.
 */
export function libraryChannel(endpoint: EndpointCore, options: LibraryChannelOptions = {}): ByteChannel {
  if (withChannel.has(endpoint)) throw new RangeError(`node "${endpoint.address}": its endpoint already carries a library channel; give each library an endpoint of its own`);
  withChannel.add(endpoint);
  const context = endpoint.context;
  const delivery = options.delivery ?? 'at-most-once';
  const ordered = options.ordered ?? false;
  const guaranteed = delivery !== 'at-most-once' || ordered;
  const baseFlow = options.flow ?? 'library';
  // This incarnation's number: how many times a guaranteed channel was made on the node before.
  let incarnation = 0;
  if (guaranteed) {
    incarnation = context.storage.get<number>(INCARNATION_KEY) ?? 0;
    context.storage.set(INCARNATION_KEY, incarnation + 1);
  }
  const flow = incarnation > 0 ? `${baseFlow}@${incarnation}` : baseFlow;
  const retry = { ...LIBRARY_RETRY, ...options.retry };
  /** The incarnation each peer last announced, if this incarnation heard one (others get `flow`). */
  const announced = new Map<string, number>();
  const peers = options.peers ?? context.peers;
  const sendFrame = (to: string, payload: Uint8Array | number): void => {
    const peerIncarnation = announced.get(to);
    const stream = peerIncarnation === undefined ? flow : `${flow}/${peerIncarnation}`;
    const row = guaranteed ? endpoint.observer.open(stream, Pattern.P2p, endpoint.address, to) : -1;
    endpoint.sendFrame(to, [LIBRARY_FRAME_KIND, payload], { flow: stream, delivery, ordered, retry, row });
  };
  let handler: ChannelHandler | undefined;
  endpoint.on(LIBRARY_FRAME_KIND, (frame, from, row) => {
    if (row !== -1) endpoint.observer.delivered(row);
    const payload = frame[1] as Uint8Array | number;
    if (typeof payload !== 'number') return handler?.(payload, from);
    // A peer's new incarnation announced itself: a stream of its own from now on (an
    // announcement overtaken by a later incarnation's changes nothing: names are never reused).
    if (payload > (announced.get(from) ?? 0)) announced.set(from, payload);
    return undefined;
  });
  if (guaranteed && incarnation > 0) for (const peer of peers) if (peer !== endpoint.address) sendFrame(peer, incarnation);
  return {
    address: endpoint.address,
    peers,
    send(to: string, bytes: Uint8Array): void {
      sendFrame(to, bytes);
    },
    onReceive(next: ChannelHandler): void {
      handler = next;
    },
  };
}
