/**
 * One connection of a TCP link (tcp-link.ts): it reads the handshake and records off its
 * socket (tcp-records.ts) and writes records onto it. A turn of the event loop's records
 * leave in one writev: with Nagle's algorithm off (setNoDelay, for latency) a write per
 * frame would otherwise be a send system call per frame, about 4.5 times slower for 1 KB
 * frames on loopback. Records of up to {@link BATCH_BYTES} are copied, header and
 * datagram, into a batch buffer that goes to the socket as one chunk, since a socket write
 * costs far more than copying a kilobyte: two writes per frame (header, datagram) were most
 * of a saturated sender's time. Larger datagrams are written as they are, between batches,
 * and the socket is corked until the end of the turn so that all of it is one writev.
 */
import type net from 'node:net';
import { RECORD_HEADER_BYTES, RecordReader, recordHeader } from './tcp-records.js';

/** Size of a batch buffer, in bytes; a record of up to this size is copied into one. */
export const BATCH_BYTES = 64 * 1024;

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
  /** The batch buffer records are copied into, until it is full. */
  private batch: Buffer | undefined;
  /** Bytes of the batch filled with records, and of those handed to the socket. */
  private filled = 0;
  private flushed = 0;
  /** The most bytes Node ever held for the kernel past the socket's mark after a write to it. */
  peakHeldBytes = 0;

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

  /** Writes a record of `datagram`; it leaves at the end of this turn. */
  write(datagram: Uint8Array): void {
    this.cork();
    this.wrote = true;
    const recordBytes = RECORD_HEADER_BYTES + datagram.length;
    if (recordBytes > BATCH_BYTES) {
      this.flush();
      this.socket.write(recordHeader(datagram.length));
      this.written(this.socket.write(datagram));
      return;
    }
    let batch = this.batch;
    if (batch === undefined || this.filled + recordBytes > BATCH_BYTES) {
      this.flush();
      batch = this.batch = Buffer.allocUnsafe(BATCH_BYTES);
      this.flushed = this.filled = 0;
    }
    batch.writeUInt32BE(datagram.length, this.filled);
    batch.set(datagram, this.filled + RECORD_HEADER_BYTES);
    this.filled += recordBytes;
  }

  /** Ends the connection for sending once what is written has left. */
  end(): void {
    this.flush();
    this.socket.end();
  }

  private cork(): void {
    if (this.corked) return;
    this.corked = true;
    this.socket.cork();
    process.nextTick(uncork, this);
  }

  /** Hands the batch's records not yet written to the socket. */
  private flush(): void {
    if (this.batch === undefined || this.filled === this.flushed || this.socket.destroyed) return;
    const chunk = this.batch.subarray(this.flushed, this.filled);
    this.flushed = this.filled;
    this.written(this.socket.write(chunk));
  }

  /** After a write that returned `belowMark`: the peak of what Node holds, when past the mark. */
  private written(belowMark: boolean): void {
    if (!belowMark && this.socket.writableLength > this.peakHeldBytes) this.peakHeldBytes = this.socket.writableLength;
  }

  /** Lets the writes of this turn go. */
  uncork(): void {
    this.flush();
    this.corked = false;
    this.socket.uncork();
  }
}

function uncork(connection: Connection): void {
  connection.uncork();
}
