/**
 * The binary envelope of reliable delivery: a few header bytes in front of an encoded frame,
 * and a bare acknowledgement, both written here rather than by the codec so that wrapping,
 * unwrapping and acknowledging a message cost no encoding work.
 *
 *   data  0xC1 'd' mode  len(stream) stream  seq floor  inner frame (codec bytes)
 *   ack   0xC1 'a'       len(stream) stream  seq
 *
 * Numbers are unsigned LEB128 varints (up to 2^53); the stream name is UTF-8. The first
 * byte, 0xC1, is one MessagePack never uses and one no UTF-8 text (so no JSON) starts with:
 * an envelope cannot be taken for a codec frame, whatever the codec (custom codecs must not
 * start frames with it either).
 */

/** First byte of every envelope. */
export const ENVELOPE_MARK = 0xc1;

/** Envelope kinds (second byte). */
export const EnvelopeKind = { Data: 0x64, Ack: 0x61 } as const;

/**
 * Envelopes are cut from shared slabs: a small typed array of its own costs an allocation
 * of backing memory each, many times the price of a view into a slab. A slab lives as long
 * as any envelope cut from it (one kept for retransmission keeps its slab).
 */
const SLAB_BYTES = 64 * 1024;
let slab = new Uint8Array(SLAB_BYTES);
let slabUsed = 0;

/** `length` fresh bytes. */
function allocate(length: number): Uint8Array {
  if (slabUsed + length > slab.length) {
    slab = new Uint8Array(Math.max(SLAB_BYTES, length));
    slabUsed = 0;
  }
  const bytes = slab.subarray(slabUsed, slabUsed + length);
  slabUsed += length;
  return bytes;
}

/** Bytes a varint of `value` takes. */
function varintLength(value: number): number {
  let length = 1;
  while (value >= 128) {
    value = Math.floor(value / 128);
    length++;
  }
  return length;
}

/** Writes `value` as a varint at `offset`; returns the offset after it. */
function writeVarint(bytes: Uint8Array, offset: number, value: number): number {
  while (value >= 128) {
    bytes[offset++] = (value % 128) | 128;
    value = Math.floor(value / 128);
  }
  bytes[offset++] = value;
  return offset;
}

/**
 * Bytes a data envelope adds to its inner frame, for a stream name of `streamBytes` UTF-8
 * bytes and sequence numbers up to `largestSeq`.
 */
export function dataEnvelopeOverhead(streamBytes: number, largestSeq: number): number {
  return 3 + varintLength(streamBytes) + streamBytes + 2 * varintLength(largestSeq);
}

/** A data envelope around an encoded inner frame. */
export function writeData(stream: Uint8Array, mode: number, seq: number, floor: number, inner: Uint8Array): Uint8Array {
  const header = 3 + varintLength(stream.length) + stream.length + varintLength(seq) + varintLength(floor);
  const bytes = allocate(header + inner.length);
  bytes[0] = ENVELOPE_MARK;
  bytes[1] = EnvelopeKind.Data;
  bytes[2] = mode;
  let offset = writeVarint(bytes, 3, stream.length);
  bytes.set(stream, offset);
  offset = writeVarint(bytes, offset + stream.length, seq);
  offset = writeVarint(bytes, offset, floor);
  bytes.set(inner, offset);
  return bytes;
}

/** An acknowledgement of `seq` on a stream. */
export function writeAck(stream: Uint8Array, seq: number): Uint8Array {
  const bytes = allocate(2 + varintLength(stream.length) + stream.length + varintLength(seq));
  bytes[0] = ENVELOPE_MARK;
  bytes[1] = EnvelopeKind.Ack;
  const offset = writeVarint(bytes, 2, stream.length);
  bytes.set(stream, offset);
  writeVarint(bytes, offset + stream.length, seq);
  return bytes;
}

/** What {@link readEnvelope} found; one object, overwritten by every read. */
export interface EnvelopeFields {
  kind: number;
  mode: number;
  /** Where the stream name lies in the envelope. */
  streamStart: number;
  streamEnd: number;
  seq: number;
  floor: number;
  /** Where the inner frame starts (data). */
  innerStart: number;
}

/** Thrown for bytes that start like an envelope but are not one. */
export class EnvelopeError extends Error {
  constructor(reason: string) {
    super(`malformed reliable envelope: ${reason}`);
    this.name = 'EnvelopeError';
  }
}

/** Reads an envelope's header into `into` (reused); returns it. */
export function readEnvelope(bytes: Uint8Array, into: EnvelopeFields): EnvelopeFields {
  const kind = bytes[1];
  if (bytes[0] !== ENVELOPE_MARK || (kind !== EnvelopeKind.Data && kind !== EnvelopeKind.Ack)) throw new EnvelopeError('unknown kind');
  let offset = kind === EnvelopeKind.Data ? 3 : 2;
  into.kind = kind;
  into.mode = kind === EnvelopeKind.Data ? bytes[2]! : 0;
  offset = readVarint(bytes, offset, into, 'streamEnd');
  into.streamStart = offset;
  into.streamEnd += offset;
  if (into.streamEnd > bytes.length) throw new EnvelopeError('stream name past the end');
  offset = readVarint(bytes, into.streamEnd, into, 'seq');
  if (kind === EnvelopeKind.Data) offset = readVarint(bytes, offset, into, 'floor');
  into.innerStart = offset;
  return into;
}

/** Reads a varint at `offset` into `into[field]`; returns the offset after it. */
function readVarint(bytes: Uint8Array, offset: number, into: EnvelopeFields, field: 'streamEnd' | 'seq' | 'floor'): number {
  let value = 0;
  let scale = 1;
  for (;;) {
    const byte = bytes[offset++];
    if (byte === undefined || scale > 2 ** 49) throw new EnvelopeError('truncated number');
    value += (byte & 127) * scale;
    if (byte < 128) break;
    scale *= 128;
  }
  into[field] = value;
  return offset;
}

/** Whether two byte ranges hold the same bytes. */
export function sameBytes(a: Uint8Array, aStart: number, aEnd: number, b: Uint8Array): boolean {
  if (aEnd - aStart !== b.length) return false;
  for (let i = 0; i < b.length; i++) if (a[aStart + i] !== b[i]) return false;
  return true;
}
