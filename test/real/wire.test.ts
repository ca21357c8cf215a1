/**
 * The real runtime's wire header: datagrams read back as they were made, their padding is
 * zeros, and datagrams cut from a shared slab never overlap.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeHeader, encodeDatagram, frameOf, WIRE_HEADER_BYTES } from '../../src/runtime/real/wire.js';

describe('wire header', () => {
  it('reads back sender, frame number and frame, and cuts the padding off', () => {
    fc.assert(
      fc.property(fc.nat(0xffff), fc.nat(0xffffffff), fc.uint8Array({ maxLength: 2000 }), fc.nat(3000), (sender, frameNumber, frame, padding) => {
        const datagram = encodeDatagram(sender, frameNumber, frame, padding);
        expect(datagram.length).toBe(WIRE_HEADER_BYTES + frame.length + padding);
        const header = decodeHeader(datagram);
        expect(header).toEqual({ sender, frameNumber, frameLength: frame.length });
        expect([...frameOf(datagram, header!)]).toEqual([...frame]);
        expect(datagram.subarray(WIRE_HEADER_BYTES + frame.length).every((byte) => byte === 0)).toBe(true);
      }),
    );
  });

  it('keeps every datagram as it was made while more are made, large ones included', () => {
    const made: [Uint8Array, number, number][] = [];
    // Enough to fill several slabs, with frames of every size up to a large one of its own buffer.
    for (let n = 0; n < 3000; n++) {
      const bytes = n % 500 === 0 ? 100_000 : (n * 37) % 1500;
      const frame = new Uint8Array(bytes).fill(0xff);
      made.push([encodeDatagram(n % 7, n, frame, n % 3 === 0 ? 50 : 0), bytes, n]);
    }
    for (const [datagram, bytes, n] of made) {
      expect(decodeHeader(datagram)).toEqual({ sender: n % 7, frameNumber: n, frameLength: bytes });
      expect(datagram.subarray(WIRE_HEADER_BYTES, WIRE_HEADER_BYTES + bytes).every((byte) => byte === 0xff)).toBe(true);
      expect(datagram.subarray(WIRE_HEADER_BYTES + bytes).every((byte) => byte === 0)).toBe(true);
    }
  });

  it('takes for stray traffic what is too short, of another kind, or shorter than its frame', () => {
    const datagram = encodeDatagram(1, 2, new Uint8Array(10), 0);
    expect(decodeHeader(datagram.subarray(0, WIRE_HEADER_BYTES - 1))).toBeUndefined();
    expect(decodeHeader(datagram.subarray(0, WIRE_HEADER_BYTES + 9))).toBeUndefined();
    const other = datagram.slice();
    other[0] = 0x47;
    expect(decodeHeader(other)).toBeUndefined();
  });
});
