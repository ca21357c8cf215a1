/**
 * Sockets opened inside nodes' namespaces, for the msgsim process: a SocketFactory whose
 * udp, tcpServer and tcpConnect ask the node's socket helper (helper-program.ts) and get the
 * socket back over IPC. One helper per namespace, started on the first request and kept for
 * later ones (a tcpConnect may come at any time); closing the factory ends them all.
 *
 * A waiting request keeps the parent's event loop alive; an idle helper does not, so a
 * program that is done may exit without closing the factory (the helper then sees its
 * channel close and exits too).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import dgram from 'node:dgram';
import net from 'node:net';
import type { HostAddress, SocketFactory } from '../runtime/real/sockets.js';
import { HELPER_SOURCE, type HelperReply, type HelperRequest } from './helper-program.js';

/** Send and receive buffers asked for UDP sockets: large, so the shaper's queue limit is what binds, not the socket's. */
const UDP_BUFFER_BYTES = 4 * 1024 * 1024;

interface Pending {
  readonly resolve: (handle: unknown) => void;
  readonly reject: (error: Error) => void;
}

/** The helper process of one namespace. */
class NamespaceHelper {
  private child: ChildProcess | undefined;
  private nextId = 0;
  private readonly pending = new Map<number, Pending>();
  /** Servers handed over, by request id: connections their helper accepted come later. */
  private readonly servers = new Map<number, net.Server>();
  private exited: Promise<void> | undefined;

  constructor(
    readonly namespace: string,
    private readonly address: string,
  ) {}

  /** Asks for a socket; resolves with the handle the helper sent. */
  request<T>(op: HelperRequest['op'], address: HostAddress): Promise<T> {
    const child = this.start();
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (handle: unknown) => void, reject });
      child.channel?.ref();
      const request: HelperRequest = { id, op, host: address.host, port: address.port };
      child.send(request);
    }).then((handle) => {
      if (op === 'tcpServer') this.servers.set(id, handle as net.Server);
      return handle;
    });
  }

  /** Ends the helper (its sockets already handed over stay open) and waits for it to exit. */
  async close(): Promise<void> {
    const child = this.child;
    if (child === undefined) return;
    // Waiting for the exit must keep the event loop alive, or a command would end first.
    child.ref();
    if (child.connected) child.disconnect();
    child.kill('SIGTERM');
    await this.exited;
  }

  private start(): ChildProcess {
    if (this.child !== undefined) return this.child;
    const child = spawn('ip', ['netns', 'exec', this.namespace, process.execPath, '-e', HELPER_SOURCE, String(UDP_BUFFER_BYTES), this.address], {
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    this.child = child;
    child.unref();
    child.on('message', (reply: HelperReply, handle: unknown) => this.answer(reply, handle));
    this.exited = new Promise((resolve) => {
      child.on('exit', (code, signal) => {
        const error = new Error(`the socket helper in namespace ${this.namespace} exited (${signal ?? `code ${code}`})`);
        for (const pending of this.pending.values()) pending.reject(error);
        this.pending.clear();
        resolve();
      });
    });
    child.on('error', (error) => {
      for (const pending of this.pending.values()) pending.reject(error);
      this.pending.clear();
    });
    return child;
  }

  private answer(reply: HelperReply, handle: unknown): void {
    if (reply.ok && reply.accepted === true) {
      const server = this.servers.get(reply.id);
      if (server !== undefined) server.emit('connection', handle);
      else (handle as net.Socket).destroy();
      return;
    }
    const pending = this.pending.get(reply.id);
    if (pending === undefined) return;
    this.pending.delete(reply.id);
    if (this.pending.size === 0) this.child?.channel?.unref();
    if (reply.ok) pending.resolve(handle);
    else pending.reject(Object.assign(new Error(reply.message), reply.code === undefined ? {} : { code: reply.code }));
  }
}

type Opened = dgram.Socket | net.Server | net.Socket;

/**
 * Sockets of nodes, each opened in its node's namespace. It keeps track of what it handed
 * out, for {@link close}: a socket holds its namespace, and with it the namespace's veths,
 * in the kernel until it is closed.
 */
export class NamespaceSockets implements SocketFactory {
  private readonly helpers = new Map<string, NamespaceHelper>();
  private readonly opened = new Set<Opened>();
  private closed = false;

  /** @param nodes each node's namespace and address, by node name */
  constructor(private readonly nodes: ReadonlyMap<string, { readonly namespace: string; readonly address: string }>) {}

  async udp(node: string, address: HostAddress): Promise<dgram.Socket> {
    return this.track(await this.helper(node).request<dgram.Socket>('udp', address));
  }

  async tcpServer(node: string, address: HostAddress): Promise<net.Server> {
    const server = this.track(await this.helper(node).request<net.Server>('tcpServer', address));
    server.on('connection', (connection: net.Socket) => this.track(connection));
    return server;
  }

  async tcpConnect(node: string, address: HostAddress): Promise<net.Socket> {
    return this.track(await this.helper(node).request<net.Socket>('tcpConnect', address));
  }

  /** Ends every helper and closes every socket it handed out that is still open. */
  async close(): Promise<void> {
    this.closed = true;
    const helpers = [...this.helpers.values()];
    this.helpers.clear();
    await Promise.all(helpers.map((helper) => helper.close()));
    for (const opened of this.opened) {
      if (opened instanceof net.Socket) opened.destroy();
      else if (opened instanceof net.Server) opened.close();
      else if (opened instanceof dgram.Socket) closeDatagramSocket(opened);
    }
    this.opened.clear();
  }

  private track<T extends Opened>(opened: T): T {
    this.opened.add(opened);
    opened.once('close', () => this.opened.delete(opened));
    return opened;
  }

  private helper(node: string): NamespaceHelper {
    if (this.closed) throw new Error(`cannot open a socket of "${node}": its emulated network was destroyed`);
    let helper = this.helpers.get(node);
    if (helper === undefined) {
      const entry = this.nodes.get(node);
      if (entry === undefined) throw new Error(`unknown node "${node}"`);
      helper = new NamespaceHelper(entry.namespace, entry.address);
      this.helpers.set(node, helper);
    }
    return helper;
  }
}

/** Closes a UDP socket unless its owner just did (its 'close' event comes a tick later). */
function closeDatagramSocket(socket: dgram.Socket): void {
  try {
    socket.close();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ERR_SOCKET_DGRAM_NOT_RUNNING') throw error;
  }
}
