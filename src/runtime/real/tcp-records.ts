/**
 * What a TCP link puts on its byte stream, and how a receiver cuts the stream up again.
 * Every item is a 4-byte header then a body:
 *
 *   handshake  u8 0xA7, u8 version 1, u16 name length, the dialing node's name (UTF-8)
 *   record     u32 datagram length, the datagram (wire.ts)
 *
 * A connection starts, from its dialer, with one handshake (so the acceptor learns who is
 * at the other end), and carries records after it in both directions. The reader keeps the
 * chunks TCP hands over in a list and copies each byte at most once: a record inside one
 * chunk is handed over as a view of it, one spanning chunks is copied once into a buffer of
 * its own size, so reading a stream costs time in proportion to its length.
 */

/** Bytes of the header of a handshake or a record. */
export const RECORD_HEADER_BYTES = 4;

/** The largest datagram a TCP record carries, in bytes (a longer length is a broken stream). */
export const MAX_TCP_RECORD_BYTES = 64 * 1024 * 1024;

const HANDSHAKE_MAGIC = 0xa7;
const HANDSHAKE_VERSION = 1;
const MAX_NAME_BYTES = 0xffff;

/** The handshake naming `node`, which a dialer writes first on its connection. */
export function encodeHandshake(node: string): Buffer {
  const name = Buffer.from(node, 'utf8');
  if (name.length === 0 || name.length > MAX_NAME_BYTES) throw new Error(`node name of ${name.length} bytes does not fit a handshake`);
  const handshake = Buffer.allocUnsafe(RECORD_HEADER_BYTES + name.length);
  handshake[0] = HANDSHAKE_MAGIC;
  handshake[1] = HANDSHAKE_VERSION;
  handshake.writeUInt16BE(name.length, 2);
  name.copy(handshake, RECORD_HEADER_BYTES);
  return handshake;
}

/** The header of a record carrying `datagramBytes` bytes. */
export function recordHeader(datagramBytes: number): Buffer {
  const header = Buffer.allocUnsafe(RECORD_HEADER_BYTES);
  header.writeUInt32BE(datagramBytes, 0);
  return header;
}

/** Cuts one connection's byte stream into its handshake (when one is expected) and records. */
export class RecordReader {
  private readonly chunks: Buffer[] = [];
  /** Bytes of chunks[0] already read. */
  private consumed = 0;
  /** Unread bytes over all chunks. */
  private buffered = 0;
  /** Length of the body being waited for; -1 while its header is. */
  private bodyBytes = -1;
  private stopped = false;

  /**
   * @param awaitingHandshake whether the stream starts with a handshake (an accepted connection's does)
   * @param onHandshake told the name in the handshake
   * @param onRecord told each record's datagram (a view that stays valid)
   */
  constructor(
    private awaitingHandshake: boolean,
    private readonly onHandshake: (name: string) => void,
    private readonly onRecord: (datagram: Uint8Array) => void,
  ) {}

  /**
   * Takes the next chunk of the stream and hands over every item it completes. Returns what
   * is wrong when the stream is not a msgsim link's (then the reader stops: close the connection).
   */
  push(chunk: Buffer): string | undefined {
    if (this.stopped) return undefined;
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    while (!this.stopped) {
      if (this.bodyBytes < 0) {
        if (this.buffered < RECORD_HEADER_BYTES) return undefined;
        const problem = this.readHeader(this.take(RECORD_HEADER_BYTES));
        if (problem !== undefined) {
          this.stop();
          return problem;
        }
      }
      if (this.buffered < this.bodyBytes) return undefined;
      const body = this.take(this.bodyBytes);
      this.bodyBytes = -1;
      if (this.awaitingHandshake) {
        this.awaitingHandshake = false;
        this.onHandshake(Buffer.from(body.buffer, body.byteOffset, body.length).toString('utf8'));
      } else {
        this.onRecord(body);
      }
    }
    return undefined;
  }

  /** Hands over nothing more (the connection is being dropped). */
  stop(): void {
    this.stopped = true;
    this.chunks.length = 0;
    this.buffered = 0;
  }

  private readHeader(header: Uint8Array): string | undefined {
    if (this.awaitingHandshake) {
      if (header[0] !== HANDSHAKE_MAGIC || header[1] !== HANDSHAKE_VERSION) return 'the connection did not start with a msgsim handshake';
      this.bodyBytes = (header[2]! << 8) | header[3]!;
      return this.bodyBytes === 0 ? 'the handshake names no node' : undefined;
    }
    this.bodyBytes = ((header[0]! << 24) | (header[1]! << 16) | (header[2]! << 8) | header[3]!) >>> 0;
    return this.bodyBytes > MAX_TCP_RECORD_BYTES ? `a record of ${this.bodyBytes} bytes exceeds the ${MAX_TCP_RECORD_BYTES} a link sends` : undefined;
  }

  /** The next `bytes` unread bytes (there are at least that many): a view when one chunk holds them, else one copy. */
  private take(bytes: number): Uint8Array {
    this.buffered -= bytes;
    const head = this.chunks[0];
    if (head === undefined || bytes === 0) return new Uint8Array(0);
    if (head.length - this.consumed >= bytes) {
      const view = head.subarray(this.consumed, this.consumed + bytes);
      this.advance(head, bytes);
      return view;
    }
    const joined = Buffer.allocUnsafe(bytes);
    let filled = 0;
    while (filled < bytes) {
      const chunk = this.chunks[0]!;
      const part = Math.min(bytes - filled, chunk.length - this.consumed);
      chunk.copy(joined, filled, this.consumed, this.consumed + part);
      filled += part;
      this.advance(chunk, part);
    }
    return joined;
  }

  private advance(chunk: Buffer, bytes: number): void {
    this.consumed += bytes;
    if (this.consumed === chunk.length) {
      this.chunks.shift();
      this.consumed = 0;
    }
  }
}
