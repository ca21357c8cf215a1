import fc from 'fast-check';
import { Packr } from 'msgpackr';
import { describe, expect, it } from 'vitest';
import { DecodeError, msgpackCodec } from '../../src/messaging/codec.js';
import { NOT_SMALL, packSmall, unpackSmall } from '../../src/messaging/msgpack.js';

// msgpackr as msgsim configures it (codec.ts): the encoding the short path must reproduce.
const packr = new Packr({ useRecords: false, copyBuffers: true });

/** Numbers at every boundary of MessagePack's integer and float encodings, and beside them. */
const edgeNumbers = fc.constantFrom(
  0, -0, 1, 31, 32, 127, 128, 255, 256, 65535, 65536, 2 ** 32 - 1, 2 ** 32, 2 ** 53,
  -1, -31, -32, -33, -127, -128, -129, -32768, -32769, -(2 ** 31), -(2 ** 31) - 1,
  0.5, -1.25, 1e-300, Number.MIN_VALUE, Number.MAX_VALUE, Infinity, -Infinity, NaN,
);
const numbers = fc.oneof(edgeNumbers, fc.integer(), fc.double(), fc.integer({ min: -300, max: 300 }));
/** Strings around the short path's length limits, in every kind of UTF-16 (lone surrogates too). */
const strings = fc.oneof(
  // Byte lengths either side of fixstr's 31, from code units either side of 32.
  fc.constantFrom('x'.repeat(31), 'x'.repeat(32), 'é'.repeat(15) + 'x', 'é'.repeat(16), '€'.repeat(11), '€'.repeat(21), 'x'.repeat(63), '😀'.repeat(8)),
  fc.string({ maxLength: 70 }),
  fc.string({ unit: 'binary', maxLength: 70 }),
  fc.string({ unit: fc.constantFrom('a', 'é', '€', '😀', '\ud800', '\udc00'), maxLength: 40 }),
);
const values = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    numbers,
    strings,
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
    fc.uint8Array({ maxLength: 4 }),
    tie('array'),
    tie('object'),
  ),
  array: fc.array(tie('value'), { maxLength: 20 }),
  object: fc.dictionary(fc.oneof(strings, fc.constant('__proto__')), tie('value'), { maxKeys: 20 }),
})).value;

describe('MessagePack short path', () => {
  it('writes exactly the bytes msgpackr writes, for every value it takes', () => {
    let written = 0;
    fc.assert(
      fc.property(values, (value) => {
        const small = packSmall(value);
        if (small === undefined) return;
        written++;
        expect(Buffer.from(small).toString('hex')).toBe(Buffer.from(packr.pack(value)).toString('hex'));
      }),
      { numRuns: 2000 },
    );
    expect(written).toBeGreaterThan(500);
  });

  it('takes the values messages are made of', () => {
    for (const value of [['M', ['bulk', 999_999]], { type: 'broadcast', message: 12, msg_id: 3 }, [1.5, -7, null, true, 'é'], 'x'.repeat(63)]) {
      expect(packSmall(value)).toBeDefined();
    }
    for (const value of [undefined, new Uint8Array(2), [undefined], 'x'.repeat(64), 10n, new Date(0), { toJSON: () => 1 }]) {
      expect(packSmall(value)).toBeUndefined();
    }
  });

  it('reads what msgpackr writes as msgpackr reads it, or leaves it to msgpackr', () => {
    let read = 0;
    fc.assert(
      fc.property(values, (value) => {
        const bytes = packr.pack(value);
        const small = unpackSmall(bytes);
        if (small === NOT_SMALL) return;
        read++;
        expect(small).toStrictEqual(packr.unpack(bytes));
      }),
      { numRuns: 2000 },
    );
    // The property must not hold only because nothing was read.
    expect(read).toBeGreaterThan(500);
  });

  it('leaves truncated, overlong and unknown bytes to msgpackr', () => {
    fc.assert(
      fc.property(values, fc.nat(), (value, cut) => {
        const bytes = packr.pack(value);
        if (bytes.length > 1) expect(unpackSmall(bytes.subarray(0, cut % bytes.length))).toBe(NOT_SMALL);
        expect(unpackSmall(Buffer.concat([bytes, Buffer.from([0])]))).toBe(NOT_SMALL);
      }),
    );
    expect(unpackSmall(new Uint8Array([0xc1]))).toBe(NOT_SMALL);
    expect(unpackSmall(new Uint8Array([]))).toBe(NOT_SMALL);
  });

  it('round-trips through the codec, and the codec still rejects bad frames', () => {
    fc.assert(
      fc.property(values, (value) => {
        expect(msgpackCodec.decode(msgpackCodec.encode(value))).toStrictEqual(packr.unpack(packr.pack(value)));
      }),
    );
    expect(() => msgpackCodec.decode(new Uint8Array([0x92, 0x01]))).toThrow(DecodeError);
  });
});

describe('MessagePack short path, re-entered', () => {
  it('encodes a value whose getter encodes another value while it is being written', () => {
    const inner = { seq: 1, text: 'inner' };
    let innerBytes: Uint8Array | undefined;
    const outer = {
      first: 'a',
      get second(): number {
        innerBytes = msgpackCodec.encode(inner);
        return 2;
      },
    };
    const bytes = msgpackCodec.encode(outer);
    expect(msgpackCodec.decode(bytes)).toStrictEqual({ first: 'a', second: 2 });
    expect(msgpackCodec.decode(innerBytes!)).toStrictEqual(inner);
  });
});
