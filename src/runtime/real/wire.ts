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

/** The datagram of a frame: header, frame, `paddingBytes` zeros. */
export function encodeDatagram(sender: number, frameNumber: number, frame: Uint8Array, paddingBytes: number): Uint8Array {
  const datagram = new Uint8Array(WIRE_HEADER_BYTES + frame.length + paddingBytes);
  const view = new DataView(datagram.buffer);
  view.setUint8(0, MAGIC);
  view.setUint8(1, VERSION);
  view.setUint16(2, sender);
  view.setUint32(4, frameNumber >>> 0);
  view.setUint32(8, frame.length);
  datagram.set(frame, WIRE_HEADER_BYTES);
  return datagram;
}

/** Reads a datagram's header; undefined when it is not one of msgsim's (stray traffic). */
export function decodeHeader(datagram: Uint8Array): WireHeader | undefined {
  if (datagram.length < WIRE_HEADER_BYTES) return undefined;
  const view = new DataView(datagram.buffer, datagram.byteOffset, datagram.byteLength);
  if (view.getUint8(0) !== MAGIC || view.getUint8(1) !== VERSION) return undefined;
  const frameLength = view.getUint32(8);
  if (WIRE_HEADER_BYTES + frameLength > datagram.length) return undefined;
  return { sender: view.getUint16(2), frameNumber: view.getUint32(4), frameLength };
}

/** The frame inside a datagram whose header is `header` (a view, not a copy). */
export function frameOf(datagram: Uint8Array, header: WireHeader): Uint8Array {
  return datagram.subarray(WIRE_HEADER_BYTES, WIRE_HEADER_BYTES + header.frameLength);
}
