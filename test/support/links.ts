/**
 * Nodes of one process on socket links (127.0.0.1, ports chosen by the kernel), for the
 * tests of the real runtime's transports: what each node received and was told of, a
 * socket factory that keeps what it handed out, and waiting on a condition with a bound.
 */
import type dgram from 'node:dgram';
import type net from 'node:net';
import type { SocketLink } from '../../src/runtime/real/link.js';
import type { TcpLinkOptions } from '../../src/runtime/real/tcp-link.js';
import { LOCAL_SOCKETS, type HostAddress, type SocketFactory } from '../../src/runtime/real/sockets.js';
import { decodeHeader, encodeDatagram, frameOf } from '../../src/runtime/real/wire.js';

/** A node on a link, and what reached it. */
export interface LinkNode<L extends SocketLink> {
  readonly name: string;
  link: L;
  readonly received: Uint8Array[];
  readonly troubles: string[];
}

export const LOOPBACK: HostAddress = { host: '127.0.0.1', port: 0 };

/** A link for each name, all sharing one map of addresses (`extra`: options of the link, e.g. a TCP link's bounds). */
export async function openNodes<L extends SocketLink>(
  open: (options: TcpLinkOptions) => Promise<L>,
  names: readonly string[],
  extra: Partial<TcpLinkOptions> = {},
): Promise<{ nodes: LinkNode<L>[]; peers: Map<string, HostAddress> }> {
  const peers = new Map<string, HostAddress>();
  const nodes: LinkNode<L>[] = [];
  for (const name of names) nodes.push(await openNode(open, name, peers, extra));
  return { nodes, peers };
}

/** One more node (or a node again, e.g. on its old port) on the shared map of addresses. */
export async function openNode<L extends SocketLink>(
  open: (options: TcpLinkOptions) => Promise<L>,
  name: string,
  peers: Map<string, HostAddress>,
  extra: Partial<TcpLinkOptions> = {},
): Promise<LinkNode<L>> {
  const received: Uint8Array[] = [];
  const troubles: string[] = [];
  const options: TcpLinkOptions = {
    node: name,
    address: LOOPBACK,
    peers,
    sockets: LOCAL_SOCKETS,
    onDatagram: (datagram: Uint8Array) => void received.push(datagram),
    onTrouble: (message: string) => void troubles.push(message),
    ...extra,
  };
  const link = await open(options);
  peers.set(name, link.address);
  return { name, link, received, troubles };
}

/** Resolves once `condition` holds; rejects naming `what` after `timeoutMs`. */
export async function waitFor(condition: () => boolean, what: string, timeoutMs = 1500): Promise<void> {
  const start = performance.now();
  while (!condition()) {
    if (performance.now() - start > timeoutMs) throw new Error(`gave up after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

/** A datagram from sender index `sender`, number `n`, whose frame is `bytes` bytes of a pattern, and `padding` zeros. */
export function datagramOf(sender: number, n: number, bytes = 16, padding = 0): Uint8Array {
  const frame = new Uint8Array(bytes);
  for (let i = 0; i < bytes; i++) frame[i] = (n + i * 7) & 0xff;
  return encodeDatagram(sender, n, frame, padding);
}

/** The frame numbers in what a node received from `sender`, in arrival order; throws at a malformed datagram. */
export function numbersFrom(received: readonly Uint8Array[], sender: number): number[] {
  const numbers: number[] = [];
  for (const datagram of received) {
    const header = decodeHeader(datagram);
    if (header === undefined) throw new Error('a received datagram has no valid header');
    if (header.sender === sender) numbers.push(header.frameNumber);
  }
  return numbers;
}

/** Whether a received datagram is exactly what {@link datagramOf} made of these arguments. */
export function isDatagramOf(datagram: Uint8Array, sender: number, n: number, bytes: number, padding: number): boolean {
  const header = decodeHeader(datagram);
  if (header === undefined || header.sender !== sender || header.frameNumber !== n) return false;
  return Buffer.compare(frameOf(datagram, header), frameOf(datagramOf(sender, n, bytes, 0), header)) === 0
    && datagram.length === 12 + bytes + padding
    && datagram.subarray(12 + bytes).every((byte) => byte === 0);
}

/** `0, 1, …, count − 1`. */
export function upTo(count: number): number[] {
  return Array.from({ length: count }, (_, i) => i);
}

/** Local sockets, each one kept so a test can look at it after the link is closed. */
export class RecordingSockets implements SocketFactory {
  readonly udpSockets: dgram.Socket[] = [];
  readonly servers: net.Server[] = [];
  /** Connections dialed, with the node that dialed each. */
  readonly dialed: { node: string; socket: net.Socket }[] = [];
  /** Connections accepted, with the node whose server accepted each. */
  readonly accepted: { node: string; socket: net.Socket }[] = [];
  /** Called before each dial; the dial waits for what it returns. */
  beforeDial: (node: string) => Promise<void> = () => Promise.resolve();

  async udp(node: string, address: HostAddress): Promise<dgram.Socket> {
    const socket = await LOCAL_SOCKETS.udp(node, address);
    this.udpSockets.push(socket);
    return socket;
  }

  async tcpServer(node: string, address: HostAddress): Promise<net.Server> {
    const server = await LOCAL_SOCKETS.tcpServer(node, address);
    this.servers.push(server);
    server.on('connection', (socket) => this.accepted.push({ node, socket }));
    return server;
  }

  async tcpConnect(node: string, address: HostAddress): Promise<net.Socket> {
    await this.beforeDial(node);
    const socket = await LOCAL_SOCKETS.tcpConnect(node, address);
    this.dialed.push({ node, socket });
    return socket;
  }
}

/** The kinds of handle sockets leave in process.getActiveResourcesInfo(). */
export const SOCKET_HANDLES = ['TCPServerWrap', 'TCPSocketWrap', 'UDPWrap'];

/** How many handles of each kind (sockets by default; 'Timeout' for timers) keep this process alive. */
export function liveHandles(kinds: readonly string[] = SOCKET_HANDLES): Record<string, number> {
  const counts: Record<string, number> = Object.fromEntries(kinds.map((kind) => [kind, 0]));
  for (const kind of process.getActiveResourcesInfo()) if (kind in counts) counts[kind]!++;
  return counts;
}

/**
 * Resolves once no more handles of each kind are alive than in `before` (a closed handle
 * leaves the list in a later turn of the event loop); rejects naming what is still open.
 */
export async function handlesBackTo(before: Record<string, number>): Promise<void> {
  const kinds = Object.keys(before);
  const back = (): boolean => Object.entries(liveHandles(kinds)).every(([kind, count]) => count <= before[kind]!);
  await waitFor(back, `at most the handles ${JSON.stringify(before)}, not ${JSON.stringify(liveHandles(kinds))}`);
}
