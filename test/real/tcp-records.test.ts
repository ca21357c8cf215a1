import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeHandshake, MAX_TCP_RECORD_BYTES, RecordReader, recordHeader } from '../../src/runtime/real/tcp-records.js';

/** A stream: the handshake of `name`, then a record of each body. */
function stream(name: string, bodies: readonly Uint8Array[]): Buffer {
  return Buffer.concat([encodeHandshake(name), ...bodies.flatMap((body) => [recordHeader(body.length), body])]);
}

function reader(awaitingHandshake: boolean): { reader: RecordReader; names: string[]; records: Uint8Array[] } {
  const names: string[] = [];
  const records: Uint8Array[] = [];
  return { reader: new RecordReader(awaitingHandshake, (name) => names.push(name), (record) => records.push(Buffer.from(record))), names, records };
}

describe('TCP records', () => {
  it('reads back the handshake and the records however the stream is cut into chunks', () => {
    const body = fc.uint8Array({ maxLength: 300 });
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 20 }), fc.array(body, { maxLength: 12 }), fc.array(fc.nat(400), { maxLength: 20 }), (name, bodies, cuts) => {
        const bytes = stream(name, bodies);
        const { reader: cut, names, records } = reader(true);
        let at = 0;
        for (const length of cuts) {
          expect(cut.push(bytes.subarray(at, Math.min(bytes.length, at + length)))).toBeUndefined();
          at = Math.min(bytes.length, at + length);
        }
        expect(cut.push(bytes.subarray(at))).toBeUndefined();
        expect(names).toEqual([name]);
        expect(records.map((record) => [...record])).toEqual(bodies.map((record) => [...record]));
      }),
    );
  });

  it('hands over a record inside one chunk as a view, without copying it', () => {
    const chunk = Buffer.concat([recordHeader(3), Buffer.from([1, 2, 3])]);
    let seen: Uint8Array | undefined;
    new RecordReader(false, () => {}, (record) => (seen = record)).push(chunk);
    expect(seen!.buffer).toBe(chunk.buffer);
  });

  it('joins a large record from many chunks', () => {
    const body = Buffer.alloc(1_000_003, 0x5a);
    const bytes = stream('n', [body, Buffer.from([9])]);
    const { reader: joined, records } = reader(true);
    for (let at = 0; at < bytes.length; at += 65536) joined.push(bytes.subarray(at, at + 65536));
    expect(records.map((record) => record.length)).toEqual([body.length, 1]);
    expect(Buffer.compare(records[0]!, body)).toBe(0);
  });

  it('says what is wrong with a stream that is not a link, and reads no more of it', () => {
    const { reader: stray, records } = reader(true);
    expect(stray.push(Buffer.from('GET / HTTP/1.1\r\n'))).toBe('the connection did not start with a msgsim handshake');
    expect(stray.push(stream('x', [Buffer.from([1])]))).toBeUndefined();
    expect(records).toEqual([]);
    const { reader: huge } = reader(false);
    expect(huge.push(recordHeader(MAX_TCP_RECORD_BYTES + 1))).toBe(`a record of ${MAX_TCP_RECORD_BYTES + 1} bytes exceeds the ${MAX_TCP_RECORD_BYTES} a link sends`);
    expect(reader(true).reader.push(Buffer.from([0xa7, 1, 0, 0]))).toBe('the handshake names no node');
  });

  it('refuses to name a node no handshake can carry', () => {
    expect(() => encodeHandshake('')).toThrow();
    expect(() => encodeHandshake('x'.repeat(65536))).toThrow();
    expect(encodeHandshake('é')).toEqual(Buffer.from([0xa7, 1, 0, 2, 0xc3, 0xa9]));
  });
});
