/**
 * One connection of a TCP link (tcp-link.ts): it reads the handshake and records off its
 * socket (tcp-records.ts) and writes records onto it. Writes are corked until the end of the
 * turn of the event loop, so that all frames written in one turn leave in one writev: with
 * Nagle's algorithm off (setNoDelay, for latency) a write per frame would otherwise be a
 * send system call per frame, about 4.5 times slower for 1 KB frames on loopback.
 */
import type net from 'node:net';
import { RecordReader, recordHeader } from './tcp-records.js';

/** What a connection tells its link. */
export interface ConnectionEvents {
  /** An accepted connection's handshake named its dialer. */
  onHandshake(connection: Connection, name: string): void;
  /** A record arrived. */
  onDatagram(datagram: Uint8Array): void;
  /** What arrived is not a link's stream; the connection has been destroyed. */
  onMalformed(connection: Connection, problem: string): void;
  /** The far end ended the connection, or it closed: told once. */
  onEnded(connection: Connection): void;
  /** The socket closed (after `onEnded`). */
  onClosed(connection: Connection): void;
}

/** A TCP connection between two nodes' links. */
export class Connection {
  /** Whether frames have been written on it. */
  wrote = false;
  /** The last error the socket reported, for the message when it ends. */
  error: string | undefined;
  private corked = false;
  private ended = false;

  /**
   * @param peer the node at the far end: known at once when this node dialed, from its handshake when it accepted
   * @param dialed whether this node dialed it (an accepted one starts with the dialer's handshake)
   */
  constructor(
    readonly socket: net.Socket,
    public peer: string | undefined,
    readonly dialed: boolean,
    events: ConnectionEvents,
  ) {
    socket.setNoDelay(true);
    const reader = new RecordReader(
      !dialed,
      (name) => {
        this.peer = name;
        events.onHandshake(this, name);
      },
      events.onDatagram,
    );
    socket.on('data', (chunk: Buffer) => {
      const problem = reader.push(chunk);
      if (problem === undefined) return;
      socket.destroy();
      events.onMalformed(this, problem);
    });
    socket.on('error', (error) => {
      this.error = error.message;
    });
    const end = (): void => {
      if (this.ended) return;
      this.ended = true;
      events.onEnded(this);
    };
    // The far end's FIN ends a connection for sending as much as its close does.
    socket.on('end', end);
    socket.on('close', () => {
      reader.stop();
      end();
      events.onClosed(this);
    });
  }

  /** Writes a dialer's handshake, its first bytes. */
  writeHandshake(handshake: Buffer): void {
    this.cork();
    this.socket.write(handshake);
  }

  /** Writes a record of `datagram`. Returns the bytes Node now holds for the kernel when that is past its mark, else 0. */
  write(datagram: Uint8Array): number {
    this.cork();
    this.socket.write(recordHeader(datagram.length));
    this.wrote = true;
    return this.socket.write(datagram) ? 0 : this.socket.writableLength;
  }

  private cork(): void {
    if (this.corked) return;
    this.corked = true;
    this.socket.cork();
    process.nextTick(uncork, this);
  }

  /** Lets the writes of this turn go. */
  uncork(): void {
    this.corked = false;
    this.socket.uncork();
  }
}

function uncork(connection: Connection): void {
  connection.uncork();
}
