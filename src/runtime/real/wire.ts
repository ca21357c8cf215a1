/**
 * The header a real runtime puts in front of every frame on a socket, and the datagram it
 * makes of a frame: header, the frame's bytes, then its padding as zero bytes. The header
 * names the sending node and numbers its frames, so the receiver can join each arrival to
 * its send for results (which frame, how long it took), and carries the frame's length, so
 * padding can be cut off again. Nothing of it reaches protocol code.
 *
 * Layout (big-endian), {@link WIRE_HEADER_BYTES} bytes:
 *   0  u8   magic 0xA7
 *   1  u8   version 1
 *   2  u16  sender's node index (in the scenario's node order)
 *   4  u32  the sender's frame number (0, 1, 2, … per sending node)
 *   8  u32  frame length in bytes (padding follows it)
 */

/** Bytes of the header in front of every frame on a real socket. */
export const WIRE_HEADER_BYTES = 12;

const MAGIC = 0xa7;
const VERSION = 1;

/** A datagram's header, read back. */
export interface WireHeader {
  readonly sender: number;
  readonly frameNumber: number;
  readonly frameLength: number;
}

/** Bytes of each slab datagrams are cut from. */
const SLAB_BYTES = 256 * 1024;

/** Datagrams up to this size are cut from a slab; larger ones get a buffer of their own. */
const SLAB_DATAGRAM_BYTES = SLAB_BYTES / 8;

let slab = new ArrayBuffer(SLAB_BYTES);
let slabUsed = 0;

/**
 * The datagram of a frame: header, frame, `paddingBytes` zeros. A datagram of up to
 * {@link SLAB_DATAGRAM_BYTES} is a view of a shared slab rather than a typed array with a
 * backing store of its own: making those was a fifth of a saturated TCP sender's time, and
 * Buffer.allocUnsafe's pool costs five times what a view costs. A slab is never written
 * again once cut up (a full one is left to the views that hold it and a new one made), so
 * a datagram stays valid for as long as a socket holds on to it. Every byte of a datagram is
 * written here: nothing of a slab's earlier contents shows.
 */
export function encodeDatagram(sender: number, frameNumber: number, frame: Uint8Array, paddingBytes: number): Uint8Array {
  const frameBytes = frame.length;
  const bytes = WIRE_HEADER_BYTES + frameBytes + paddingBytes;
  let datagram: Uint8Array;
  if (bytes > SLAB_DATAGRAM_BYTES) {
    datagram = new Uint8Array(bytes);
  } else {
    if (slabUsed + bytes > SLAB_BYTES) {
      slab = new ArrayBuffer(SLAB_BYTES);
      slabUsed = 0;
    }
    datagram = new Uint8Array(slab, slabUsed, bytes);
    slabUsed += bytes;
    if (paddingBytes > 0) datagram.fill(0, WIRE_HEADER_BYTES + frameBytes);
  }
  datagram[0] = MAGIC;
  datagram[1] = VERSION;
  writeU16(datagram, 2, sender);
  writeU32(datagram, 4, frameNumber >>> 0);
  writeU32(datagram, 8, frameBytes);
  datagram.set(frame, WIRE_HEADER_BYTES);
  return datagram;
}

/** Reads a datagram's header; undefined when it is not one of msgsim's (stray traffic). */
export function decodeHeader(datagram: Uint8Array): WireHeader | undefined {
  if (datagram.length < WIRE_HEADER_BYTES || datagram[0] !== MAGIC || datagram[1] !== VERSION) return undefined;
  const frameLength = readU32(datagram, 8);
  if (WIRE_HEADER_BYTES + frameLength > datagram.length) return undefined;
  return { sender: (datagram[2]! << 8) | datagram[3]!, frameNumber: readU32(datagram, 4), frameLength };
}

/** The frame inside a datagram whose header is `header` (a view, not a copy). */
export function frameOf(datagram: Uint8Array, header: WireHeader): Uint8Array {
  return datagram.subarray(WIRE_HEADER_BYTES, WIRE_HEADER_BYTES + header.frameLength);
}

// Big-endian fields by hand: a DataView per datagram costs more than the rest of its header.

function writeU16(bytes: Uint8Array, at: number, value: number): void {
  bytes[at] = value >>> 8;
  bytes[at + 1] = value;
}

function writeU32(bytes: Uint8Array, at: number, value: number): void {
  bytes[at] = value >>> 24;
  bytes[at + 1] = value >>> 16;
  bytes[at + 2] = value >>> 8;
  bytes[at + 3] = value;
}

function readU32(bytes: Uint8Array, at: number): number {
  return ((bytes[at]! << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!) >>> 0;
}
