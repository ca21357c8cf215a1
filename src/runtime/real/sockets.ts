/**
 * Where a real node's sockets come from. On one machine they are opened here, in this
 * process's network namespace; under emulation each node's sockets are opened inside that
 * node's namespace and handed to this process, so the same transports run on both.
 */
import dgram from 'node:dgram';
import net from 'node:net';

/** A node's address on a real network: an IPv4 host and a port (0: any free port). */
export interface HostAddress {
  readonly host: string;
  readonly port: number;
}

/** The text of an address, `host:port`. */
export function addressText(address: HostAddress): string {
  return `${address.host}:${address.port}`;
}

/** Opens the sockets of nodes: bound UDP sockets, listening TCP servers, TCP connections. */
export interface SocketFactory {
  /** A UDP (IPv4) socket of `node`, bound to `address`. */
  udp(node: string, address: HostAddress): Promise<dgram.Socket>;
  /** A TCP server of `node`, listening on `address`. */
  tcpServer(node: string, address: HostAddress): Promise<net.Server>;
  /** A TCP connection from `node` to `address` (rejects when it cannot be made). */
  tcpConnect(node: string, address: HostAddress): Promise<net.Socket>;
}

/** Sockets opened in this process, in its own network namespace. */
export const LOCAL_SOCKETS: SocketFactory = {
  udp(_node, address) {
    return new Promise((resolve, reject) => {
      const socket = dgram.createSocket('udp4');
      socket.once('error', reject);
      socket.bind(address.port, address.host, () => {
        socket.off('error', reject);
        resolve(socket);
      });
    });
  },
  tcpServer(_node, address) {
    return new Promise((resolve, reject) => {
      const server = net.createServer();
      server.once('error', reject);
      server.listen(address.port, address.host, () => {
        server.off('error', reject);
        resolve(server);
      });
    });
  },
  tcpConnect(_node, address) {
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host: address.host, port: address.port });
      socket.once('error', reject);
      socket.once('connect', () => {
        socket.off('error', reject);
        resolve(socket);
      });
    });
  },
};
