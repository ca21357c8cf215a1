/**
 * A node's UDP link: one bound socket, each datagram (wire.ts) sent as one UDP datagram to
 * the peer's address and every UDP datagram that arrives handed over whole. UDP promises
 * nothing, and neither does this link: a send is fire-and-forget, and a send the kernel
 * refuses (a filter's EPERM, EHOSTUNREACH, EMSGSIZE …) is reported to `onTrouble` and the
 * frame is lost, as a frame lost on the wire would be. Nothing here throws at a send.
 *
 * The socket's buffers are grown (best effort: the kernel caps them at net.core.rmem_max and
 * wmem_max), because a burst on loopback arrives faster than one event loop drains it and a
 * full receive buffer drops datagrams silently. Peers' addresses are looked up at each send:
 * a Map lookup costs nothing next to the send itself, so no cache is kept.
 *
 * Node sends a datagram of an unconnected socket on the next tick, after resolving its
 * address (even a numeric one), so a burst sent in one turn reaches the kernel only when the
 * turn ends, together. A tick queued right after the send runs right after that sendmsg:
 * that is when `handedOver` is called.
 */
import type dgram from 'node:dgram';
import type { SocketLink, SocketLinkOptions } from './link.js';
import { addressText, type HostAddress } from './sockets.js';

/** The largest UDP datagram over IPv4, in bytes (65535 − 20 bytes of IP − 8 of UDP header). */
export const MAX_UDP_DATAGRAM = 65507;

/** Size asked for the socket's receive and send buffers, in bytes. */
export const UDP_BUFFER_BYTES = 4 * 1024 * 1024;

/** A node's UDP link, with the buffer sizes the kernel granted. */
export interface UdpLink extends SocketLink {
  /** The socket's receive buffer as the kernel reports it, in bytes (Linux reports twice what it grants). */
  readonly receiveBufferBytes: number;
  /** The socket's send buffer as the kernel reports it, in bytes. */
  readonly sendBufferBytes: number;
}

/**
 * Opens a node's UDP socket (from `options.sockets`) and starts handing over what arrives.
 * A datagram larger than {@link MAX_UDP_DATAGRAM} cannot be sent: `send` returns false.
 */
export async function openUdpLink(options: SocketLinkOptions): Promise<UdpLink> {
  const { node, peers, onDatagram } = options;
  const report = options.onTrouble ?? ignore;
  const trouble = (message: string): void => report(`${node}: ${message}`);
  const socket = await options.sockets.udp(node, options.address);
  let closed = false;
  const bound = socket.address();
  const address: HostAddress = { host: bound.address, port: bound.port };
  const receiveBufferBytes = growBuffer(socket, 'receive', trouble);
  const sendBufferBytes = growBuffer(socket, 'send', trouble);

  socket.on('message', (datagram) => {
    if (!closed) onDatagram(datagram);
  });
  // Errors of the socket itself (not of one send): reported, never thrown at the process.
  socket.on('error', (error) => {
    if (!closed) trouble(`UDP socket error: ${error.message}`);
  });
  // One callback for every send, so a send allocates no closure; the error names the address.
  const afterSend = (error: Error | null): void => {
    if (error !== null && !closed) trouble(`UDP send failed: ${error.message}`);
  };

  return {
    address,
    receiveBufferBytes,
    sendBufferBytes,
    send(to, datagram, handedOver) {
      if (closed || datagram.length > MAX_UDP_DATAGRAM) return false;
      const peer = peers.get(to);
      if (peer === undefined) {
        trouble(`no address for ${to}; datagram dropped`);
        return false;
      }
      try {
        socket.send(datagram, peer.port, peer.host, afterSend);
        if (handedOver !== undefined) process.nextTick(handedOver);
        return true;
      } catch (error) {
        trouble(`UDP send to ${to} at ${addressText(peer)} failed: ${(error as Error).message}`);
        return false;
      }
    },
    close() {
      if (closed) return Promise.resolve();
      closed = true;
      return new Promise((resolve) => socket.close(() => resolve()));
    },
  };
}

function ignore(): void {}

/** Asks for {@link UDP_BUFFER_BYTES} of one buffer; returns what the kernel reports, and says so when it is less. */
function growBuffer(socket: dgram.Socket, which: 'receive' | 'send', trouble: (message: string) => void): number {
  try {
    if (which === 'receive') socket.setRecvBufferSize(UDP_BUFFER_BYTES);
    else socket.setSendBufferSize(UDP_BUFFER_BYTES);
  } catch (error) {
    trouble(`UDP ${which} buffer left as it was: ${(error as Error).message}`);
  }
  const bytes = which === 'receive' ? socket.getRecvBufferSize() : socket.getSendBufferSize();
  if (bytes < UDP_BUFFER_BYTES) {
    const limit = which === 'receive' ? 'net.core.rmem_max' : 'net.core.wmem_max';
    trouble(`UDP ${which} buffer is ${bytes} bytes, below the ${UDP_BUFFER_BYTES} asked for (raise ${limit}); bursts may be lost in it`);
  }
  return bytes;
}
