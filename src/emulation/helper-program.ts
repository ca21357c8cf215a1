/**
 * The program of a socket helper: a small Node process started inside a node's namespace
 * (`ip netns exec <ns> node -e <this program>`), which opens sockets there and hands each to
 * the msgsim process over the child-process IPC channel (SCM_RIGHTS). A socket belongs to
 * the namespace it was created in, so the parent's protocol code then sends and receives in
 * that namespace without ever entering it.
 *
 * The helper gives up its own copy of every socket it hands over — a bound UDP socket it
 * kept would race the parent for datagrams; a listening server it kept would accept
 * connections itself (any it accepts before closing are handed over too) — and it exits
 * when the channel closes: when the network is destroyed or the parent dies.
 *
 * The program is run from its source text ({@link HELPER_SOURCE}), so it must use nothing
 * from outside its body: modules come through the `require` it is given.
 */

/** What the parent asks of a helper. */
export interface HelperRequest {
  readonly id: number;
  readonly op: 'udp' | 'tcpServer' | 'tcpConnect';
  readonly host: string;
  readonly port: number;
}

/** A helper's answer; a socket comes with it as the message's handle. */
export type HelperReply =
  | { readonly id: number; readonly ok: true; readonly accepted?: boolean }
  | { readonly id: number; readonly ok: false; readonly message: string; readonly code?: string };

/**
 * The helper's main: serves requests until the channel closes.
 * @param bufferBytes the send and receive buffers asked for UDP sockets (the kernel caps them at wmem_max/rmem_max)
 * @param localAddress the node's address, the source of its TCP connections
 */
function helperProgram(require: NodeJS.Require, bufferBytes: number, localAddress: string): void {
  const dgram = require('node:dgram') as typeof import('node:dgram');
  const net = require('node:net') as typeof import('node:net');
  const send = (reply: HelperReply, handle?: unknown, sent?: () => void) =>
    process.send!(reply, handle as import('node:net').Socket | undefined, {}, sent ?? (() => {}));
  process.on('disconnect', () => process.exit(0));
  process.on('message', (request: HelperRequest) => {
    const fail = (error: NodeJS.ErrnoException) => send({ id: request.id, ok: false, message: error.message, ...(error.code === undefined ? {} : { code: error.code }) });
    if (request.op === 'udp') {
      const socket = dgram.createSocket({ type: 'udp4', recvBufferSize: bufferBytes, sendBufferSize: bufferBytes });
      socket.once('error', (error) => {
        socket.close();
        fail(error);
      });
      socket.bind(request.port, request.host, () => {
        socket.removeAllListeners('error');
        send({ id: request.id, ok: true }, socket, () => socket.close());
      });
    } else if (request.op === 'tcpServer') {
      const server = net.createServer({ pauseOnConnect: true });
      server.on('connection', (connection) => send({ id: request.id, ok: true, accepted: true }, connection));
      server.once('error', fail);
      server.listen(request.port, request.host, () => {
        server.removeAllListeners('error');
        send({ id: request.id, ok: true }, server, () => server.close());
      });
    } else {
      const socket = net.connect({ host: request.host, port: request.port, localAddress });
      // Paused before it connects, it reads nothing: every byte is left for the parent.
      socket.pause();
      socket.once('error', fail);
      socket.once('connect', () => {
        socket.removeAllListeners('error');
        send({ id: request.id, ok: true }, socket);
      });
    }
  });
}

/** The source text a helper runs: `node -e HELPER_SOURCE <bufferBytes> <localAddress>`. */
export const HELPER_SOURCE = `(${helperProgram.toString()})(require, Number(process.argv[1]), process.argv[2]);`;
