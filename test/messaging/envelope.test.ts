/**
 * The binary envelope of reliable delivery: what is written reads back, for any stream name
 * and sequence numbers up to 2^53; the overhead formula matches what is written; and bytes
 * that only look like an envelope are refused with a clear error.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { msgpackCodec, jsonCodec } from '../../src/messaging/codec.js';
import {
  dataEnvelopeOverhead,
  ENVELOPE_MARK,
  EnvelopeError,
  EnvelopeKind,
  readEnvelope,
  writeAck,
  writeData,
  type EnvelopeFields,
} from '../../src/messaging/envelope.js';

const fields = (): EnvelopeFields => ({ kind: 0, mode: 0, streamStart: 0, streamEnd: 0, seq: 0, floor: 0, innerStart: 0 });
const seq = fc.oneof(fc.nat({ max: 300 }), fc.nat({ max: Number.MAX_SAFE_INTEGER }));

describe('envelope', () => {
  it('reads back every field of a data envelope, and the inner frame intact', () => {
    fc.assert(
      fc.property(fc.string(), fc.nat({ max: 15 }), seq, seq, fc.uint8Array({ maxLength: 40 }), (name, mode, s, floor, inner) => {
        const stream = new TextEncoder().encode(name);
        const bytes = writeData(stream, mode, s, floor, inner);
        const read = readEnvelope(bytes, fields());
        expect(read.kind).toBe(EnvelopeKind.Data);
        expect(read.mode).toBe(mode);
        expect(new TextDecoder().decode(bytes.subarray(read.streamStart, read.streamEnd))).toBe(name);
        expect([read.seq, read.floor]).toEqual([s, floor]);
        expect([...bytes.subarray(read.innerStart)]).toEqual([...inner]);
        const overhead = 3 + varintBytes(stream.length) + stream.length + varintBytes(s) + varintBytes(floor);
        expect(bytes.length - inner.length).toBe(overhead);
        // The overhead used for sizing holds any envelope with numbers up to the largest.
        expect(dataEnvelopeOverhead(stream.length, Math.max(s, floor))).toBeGreaterThanOrEqual(overhead);
        expect(dataEnvelopeOverhead(stream.length, s)).toBe(3 + varintBytes(stream.length) + stream.length + 2 * varintBytes(s));
      }),
    );
  });

  it('reads back an acknowledgement', () => {
    fc.assert(
      fc.property(fc.string(), seq, (name, s) => {
        const stream = new TextEncoder().encode(name);
        const read = readEnvelope(writeAck(stream, s), fields());
        expect(read.kind).toBe(EnvelopeKind.Ack);
        expect(read.seq).toBe(s);
        expect(read.streamEnd - read.streamStart).toBe(stream.length);
      }),
    );
  });

  it('starts with a byte no shipped codec starts a frame with', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(msgpackCodec.encode(value)[0]).not.toBe(ENVELOPE_MARK);
        expect(jsonCodec.encode(value)[0]).not.toBe(ENVELOPE_MARK);
      }),
    );
  });

  it('refuses an unknown kind and truncated numbers', () => {
    expect(() => readEnvelope(Uint8Array.of(ENVELOPE_MARK, 0x7a), fields())).toThrow(EnvelopeError);
    expect(() => readEnvelope(Uint8Array.of(ENVELOPE_MARK, EnvelopeKind.Ack, 0), fields())).toThrow(/truncated number/);
    expect(() => readEnvelope(Uint8Array.of(ENVELOPE_MARK, EnvelopeKind.Ack, 5, 1), fields())).toThrow(/past the end/);
    expect(() => readEnvelope(Uint8Array.of(ENVELOPE_MARK, EnvelopeKind.Data, 0, 0, 0x80), fields())).toThrow(/truncated number/);
  });
});

/** Bytes of an unsigned LEB128 varint (7 bits a byte), counted independently of the module. */
function varintBytes(value: number): number {
  return Math.max(1, Math.ceil(value.toString(2).replace(/^0+/, '').length / 7));
}
