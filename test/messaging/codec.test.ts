import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DecodeError, jsonCodec } from '../../src/messaging/codec.js';

describe('json codec', () => {
  it('decodes what it encodes, as JSON would', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(jsonCodec.decode(jsonCodec.encode(value))).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });

  it('encodes to UTF-8, so the size on the wire is the UTF-8 length', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const frame = jsonCodec.encode(text);
        expect(frame.length).toBe(Buffer.byteLength(JSON.stringify(text), 'utf8'));
        expect(jsonCodec.decode(frame)).toBe(text);
      }),
    );
  });

  it('rejects frames that are not JSON with a DecodeError', () => {
    expect(() => jsonCodec.decode(new Uint8Array([0x7b, 0x7b]))).toThrow(DecodeError);
    expect(() => jsonCodec.decode(new Uint8Array([0xff, 0xfe]))).toThrow(DecodeError);
  });
});
