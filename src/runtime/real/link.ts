/**
 * What a real transport does for one local node: carries whole datagrams (see wire.ts) to
 * other nodes' addresses and hands over the ones that arrive. UDP sends one datagram per
 * frame; TCP sends each as a length-prefixed record on one connection per pair of nodes.
 */
import type { HostAddress, SocketFactory } from './sockets.js';

/** The two socket transports. */
export type TransportKind = 'udp' | 'tcp';

/** Receives one datagram (header and frame) that arrived at the node. */
export type DatagramHandler = (datagram: Uint8Array) => void;

/** A node's sockets, as the real runtime uses them. */
export interface SocketLink {
  /** Where the node listens (the actual port, when it was asked for port 0). */
  readonly address: HostAddress;
  /**
   * Sends a datagram to another node without waiting. False when it is known at once to be
   * lost (e.g. a filter refused it, or a TCP connection is down and its queue full).
   *
   * A link that gives the datagram to the kernel only after `send` returns calls
   * `handedOver` when it has (UDP: Node makes an unconnected socket's sendmsg on the next
   * tick), so that the frame's send time can be the moment the network got it; a link that
   * does not call it hands over at once or keeps the frame in a queue of its own (TCP).
   */
  send(to: string, datagram: Uint8Array, handedOver?: () => void): boolean;
  /** Closes the node's sockets; what is still queued is lost. */
  close(): Promise<void>;
}

/** What a link needs to open. */
export interface SocketLinkOptions {
  /** The node whose sockets these are. */
  readonly node: string;
  /** Where it listens. */
  readonly address: HostAddress;
  /** Where every node listens, this one included (looked up at each send, so it may fill in later). */
  readonly peers: ReadonlyMap<string, HostAddress>;
  readonly sockets: SocketFactory;
  readonly onDatagram: DatagramHandler;
  /** Told of trouble that does not stop the link (a refused send, a dropped connection), for diagnostics. */
  readonly onTrouble?: (message: string) => void;
}
