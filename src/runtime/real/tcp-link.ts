/**
 * A node's TCP link: a listening server, and ONE connection per pair of nodes, used in both
 * directions. Each datagram (wire.ts) goes as a length-prefixed record (tcp-records.ts).
 *
 * Who dials: whichever node needs the connection first. The dialer's first bytes are a
 * handshake naming it, from which the acceptor learns who is at the other end. When both
 * dial at once, both keep the connection dialed by the node whose name sorts first (plain
 * string order); the other node moves its waiting frames onto that one, ends its own
 * connection cleanly and, when it had written frames on it, writes nothing on the kept one
 * until the far end has read its own to the end and closed it, so that even then a sender's
 * frames arrive in the order it sent them. Every connection is read until it closes.
 *
 * A peer's connection is a small state machine:
 *
 *   idle      no connection and nothing waiting; a send dials at once
 *   dialing   connecting; frames wait in the peer's queue
 *   open      frames are written straight to the connection
 *   handover  the kept connection of a simultaneous open is there, the other is being
 *             closed; frames wait until it has (or the handover times out)
 *   backoff   the last connection or attempt failed; frames wait until the backoff timer
 *             dials again (10 ms doubling to 1 s by default, reset by a connection made)
 *
 * The queue is bounded (65536 frames or 64 MiB by default); beyond it send returns false.
 * When an attempt or a connection fails, the frames still in the queue are lost, and
 * onTrouble is told how many. Frames already written to a connection that then fails are
 * lost with it without any count here: the runtime learns of them from the receiver never
 * getting them, as it would on a real network.
 *
 * Backpressure: when socket.write returns false (the kernel's send buffer is full) frames
 * are still written, and Node holds them in the socket's user-space buffer. Holding frames
 * back in a queue of our own would only move the same bytes elsewhere; what matters for
 * results is that the bytes are accounted, so `stats()` reports the bytes buffered now and
 * the most ever buffered. Frames written in one turn of the event loop are batched together
 * and leave in one writev (tcp-connection.ts).
 *
 * After close() nothing fires: no handler, no timer, no trouble.
 */
import type net from 'node:net';
import type { SocketLink, SocketLinkOptions } from './link.js';
import { addressText, type HostAddress } from './sockets.js';
import { Connection, type ConnectionEvents } from './tcp-connection.js';
import { encodeHandshake, MAX_TCP_RECORD_BYTES } from './tcp-records.js';

export { MAX_TCP_RECORD_BYTES } from './tcp-records.js';

/** What a TCP link needs to open: a socket link's options and the link's own bounds. */
export interface TcpLinkOptions extends SocketLinkOptions {
  /** Frames that may wait per peer while its connection is being made. @default 65536 */
  readonly queueFrames?: number;
  /** Bytes that may wait per peer while its connection is being made. @default 67108864 (64 MiB) */
  readonly queueBytes?: number;
  /** First wait before reconnecting after a failure, in milliseconds. @default 10 */
  readonly backoffMinMs?: number;
  /** Longest wait before reconnecting, in milliseconds. @default 1000 */
  readonly backoffMaxMs?: number;
  /** How long a connection attempt, or a handover, may take, in milliseconds. @default 3000 */
  readonly connectTimeoutMs?: number;
}

/** Counters of a TCP link, for diagnostics. */
export interface TcpLinkStats {
  /** Connections open now (dialed and accepted, the ones being closed included). */
  readonly connections: number;
  /** Bytes written to connections that Node holds because the kernel has not taken them yet. */
  readonly bufferedBytes: number;
  /** The most bytes one connection ever held so (as of its writes past the socket's mark), in bytes. */
  readonly peakBufferedBytes: number;
  /** Frames lost from queues when a connection or an attempt failed. */
  readonly queuedFramesLost: number;
  /** Sends refused because a queue was full. */
  readonly framesRefused: number;
}

/** A node's TCP link. */
export interface TcpLink extends SocketLink {
  stats(): TcpLinkStats;
}

/** Opens a node's TCP server (from `options.sockets`); connections are made as sends need them. */
export async function openTcpLink(options: TcpLinkOptions): Promise<TcpLink> {
  const server = await options.sockets.tcpServer(options.node, options.address);
  return new TcpNode(options, server);
}

type PeerState = 'idle' | 'dialing' | 'open' | 'handover' | 'backoff';

interface Peer {
  readonly name: string;
  state: PeerState;
  /** The connection frames go on (open, handover). */
  connection: Connection | undefined;
  /** In handover: the connection being closed first. */
  retiring: Connection | undefined;
  /** Number of the latest attempt; an attempt whose number is no longer the latest is abandoned. */
  attempt: number;
  queue: Uint8Array[];
  queuedBytes: number;
  /** Whether a full queue has been reported since it last emptied. */
  refusing: boolean;
  backoffMs: number;
  /** The backoff wait, the attempt's timeout or the handover's, whichever the state has. */
  timer: NodeJS.Timeout | undefined;
}

class TcpNode implements TcpLink {
  readonly address: HostAddress;
  private readonly node: string;
  private readonly handshake: Buffer;
  private readonly peers = new Map<string, Peer>();
  private readonly connections = new Set<Connection>();
  private readonly queueFrames: number;
  private readonly queueBytes: number;
  private readonly backoffMinMs: number;
  private readonly backoffMaxMs: number;
  private readonly connectTimeoutMs: number;
  private closed = false;
  private readonly events: ConnectionEvents = {
    onHandshake: (connection, name) => this.handshaken(connection, name),
    onDatagram: (datagram) => {
      if (!this.closed) this.options.onDatagram(datagram);
    },
    onMalformed: (connection, problem) => {
      this.trouble(`connection ${connection.peer === undefined ? 'accepted' : `with ${connection.peer}`}: ${problem}; closed`);
    },
    onEnded: (connection) => this.connectionEnded(connection),
    onClosed: (connection) => {
      this.peakBufferedBytes = Math.max(this.peakBufferedBytes, connection.peakHeldBytes);
      this.connections.delete(connection);
    },
  };
  /** The peak of the connections closed so far (see TcpLinkStats.peakBufferedBytes). */
  private peakBufferedBytes = 0;
  private queuedFramesLost = 0;
  private framesRefused = 0;

  constructor(
    private readonly options: TcpLinkOptions,
    private readonly server: net.Server,
  ) {
    this.node = options.node;
    this.handshake = encodeHandshake(options.node);
    this.queueFrames = options.queueFrames ?? 65536;
    this.queueBytes = options.queueBytes ?? 64 * 1024 * 1024;
    this.backoffMinMs = options.backoffMinMs ?? 10;
    this.backoffMaxMs = options.backoffMaxMs ?? 1000;
    this.connectTimeoutMs = options.connectTimeoutMs ?? 3000;
    const bound = server.address() as net.AddressInfo;
    this.address = { host: bound.address, port: bound.port };
    server.on('connection', (socket) => this.accepted(socket));
    server.on('error', (error) => this.trouble(`TCP server error: ${error.message}`));
  }

  send(to: string, datagram: Uint8Array): boolean {
    if (this.closed || datagram.length > MAX_TCP_RECORD_BYTES) return false;
    const peer = this.peerOf(to);
    if (peer.state === 'open') {
      peer.connection!.write(datagram);
      return true;
    }
    if (this.options.peers.get(to) === undefined) {
      this.trouble(`no address for ${to}; datagram dropped`);
      return false;
    }
    if (!this.enqueue(peer, datagram)) return false;
    if (peer.state === 'idle') this.dial(peer);
    return true;
  }

  stats(): TcpLinkStats {
    let bufferedBytes = 0;
    let peakBufferedBytes = this.peakBufferedBytes;
    for (const connection of this.connections) {
      bufferedBytes += connection.socket.writableLength;
      peakBufferedBytes = Math.max(peakBufferedBytes, connection.peakHeldBytes);
    }
    return {
      connections: this.connections.size,
      bufferedBytes,
      peakBufferedBytes,
      queuedFramesLost: this.queuedFramesLost,
      framesRefused: this.framesRefused,
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const peer of this.peers.values()) {
      clearTimeout(peer.timer);
      peer.attempt++;
    }
    const done: Promise<unknown>[] = [new Promise((resolve) => this.server.close(resolve))];
    for (const { socket } of this.connections) {
      if (!socket.closed) done.push(new Promise((resolve) => socket.once('close', resolve)));
      socket.destroy();
    }
    this.connections.clear();
    await Promise.all(done);
  }

  private peerOf(name: string): Peer {
    let peer = this.peers.get(name);
    if (peer === undefined) {
      peer = {
        name,
        state: 'idle',
        connection: undefined,
        retiring: undefined,
        attempt: 0,
        queue: [],
        queuedBytes: 0,
        refusing: false,
        backoffMs: this.backoffMinMs,
        timer: undefined,
      };
      this.peers.set(name, peer);
    }
    return peer;
  }

  private enqueue(peer: Peer, datagram: Uint8Array): boolean {
    if (peer.queue.length >= this.queueFrames || peer.queuedBytes + datagram.length > this.queueBytes) {
      this.framesRefused++;
      if (!peer.refusing) {
        peer.refusing = true;
        this.trouble(`queue for ${peer.name} is full (${this.queueFrames} frames or ${this.queueBytes} bytes); frames refused`);
      }
      return false;
    }
    peer.queue.push(datagram);
    peer.queuedBytes += datagram.length;
    return true;
  }

  private dial(peer: Peer): void {
    const address = this.options.peers.get(peer.name);
    if (address === undefined) {
      this.fail(peer, `no address for ${peer.name}`);
      return;
    }
    peer.state = 'dialing';
    const attempt = ++peer.attempt;
    peer.timer = setTimeout(() => {
      peer.attempt++;
      this.fail(peer, `connecting to ${peer.name} at ${addressText(address)} took over ${this.connectTimeoutMs} ms`);
    }, this.connectTimeoutMs);
    this.options.sockets.tcpConnect(this.node, address).then(
      (socket) => {
        if (this.closed || attempt !== peer.attempt) {
          socket.destroy();
          return;
        }
        clearTimeout(peer.timer);
        peer.backoffMs = this.backoffMinMs;
        const connection = this.track(socket, peer.name, true);
        connection.writeHandshake(this.handshake);
        this.open(peer, connection);
      },
      (error: Error) => {
        if (this.closed || attempt !== peer.attempt) return;
        this.fail(peer, `cannot connect to ${peer.name} at ${addressText(address)}: ${error.message}`);
      },
    );
  }

  /** Frames go on `connection` from now on, those waiting first. */
  private open(peer: Peer, connection: Connection): void {
    peer.state = 'open';
    peer.connection = connection;
    for (const datagram of peer.queue) connection.write(datagram);
    peer.queue = [];
    peer.queuedBytes = 0;
    peer.refusing = false;
  }

  /** The attempt or connection failed: what waits is lost, and the next attempt waits its backoff. */
  private fail(peer: Peer, reason: string): void {
    clearTimeout(peer.timer);
    const lost = peer.queue.length;
    this.queuedFramesLost += lost;
    this.trouble(lost === 0 ? reason : `${reason}; ${lost} queued frames lost`);
    peer.queue = [];
    peer.queuedBytes = 0;
    peer.refusing = false;
    peer.connection = undefined;
    peer.retiring = undefined; // a retiring connection, if any, is ending anyway
    peer.state = 'backoff';
    peer.timer = setTimeout(() => {
      peer.timer = undefined;
      if (peer.queue.length > 0) this.dial(peer);
      else peer.state = 'idle';
    }, peer.backoffMs);
    peer.backoffMs = Math.min(2 * peer.backoffMs, this.backoffMaxMs);
  }

  private accepted(socket: net.Socket): void {
    if (this.closed) {
      socket.destroy();
      return;
    }
    this.track(socket, undefined, false);
  }

  /** An accepted connection named its dialer: keep it, or keep ours (see the header). */
  private handshaken(connection: Connection, name: string): void {
    if (name === this.node) return; // a connection to itself: read, never written to
    const peer = this.peerOf(name);
    const ours = peer.state === 'dialing' || ((peer.state === 'open' || peer.state === 'handover') && peer.connection!.dialed);
    if (ours && this.node < name) return; // the far end will move to ours; this one is read until it ends
    clearTimeout(peer.timer);
    peer.backoffMs = this.backoffMinMs;
    if (peer.state === 'dialing') peer.attempt++;
    if (peer.retiring !== undefined) peer.retiring.socket.destroy();
    peer.retiring = undefined;
    const previous = peer.state === 'open' || peer.state === 'handover' ? peer.connection : undefined;
    if (previous?.dialed === true && previous.wrote) {
      // The simultaneous open's other connection: the far end reads it to the end, then closes it.
      peer.state = 'handover';
      peer.connection = connection;
      peer.retiring = previous;
      previous.end();
      peer.timer = setTimeout(() => this.handedOver(peer), this.connectTimeoutMs);
      return;
    }
    // Ours with no frames on it yet is ended; one the far end dialed before, it has given up.
    if (previous?.dialed === true) previous.end();
    else previous?.socket.destroy();
    this.open(peer, connection);
  }

  /** The retiring connection ended (the far end has read it all) or took too long: frames go on the kept one now. */
  private handedOver(peer: Peer): void {
    clearTimeout(peer.timer);
    peer.timer = undefined;
    const retiring = peer.retiring!;
    peer.retiring = undefined;
    retiring.socket.destroy();
    this.open(peer, peer.connection!);
  }

  private track(socket: net.Socket, peer: string | undefined, dialed: boolean): Connection {
    const connection = new Connection(socket, peer, dialed, this.events);
    this.connections.add(connection);
    return connection;
  }

  /** A connection's end: the handover's, the end of the peer's connection, or a spare's. */
  private connectionEnded(connection: Connection): void {
    if (this.closed) return;
    const peer = connection.peer === undefined ? undefined : this.peers.get(connection.peer);
    const cause = connection.error === undefined ? '' : `: ${connection.error}`;
    if (peer?.retiring === connection) {
      this.handedOver(peer);
    } else if (peer?.connection === connection && (peer.state === 'open' || peer.state === 'handover')) {
      this.fail(peer, `connection with ${peer.name} closed${cause}`);
    } else if (connection.error !== undefined && connection.peer !== undefined) {
      this.trouble(`spare connection with ${connection.peer} failed${cause}`);
    }
  }

  private trouble(message: string): void {
    if (!this.closed) this.options.onTrouble?.(`${this.node}: ${message}`);
  }
}
