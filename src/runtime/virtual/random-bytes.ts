/**
 * Random bytes and UUIDs drawn from a node's named random stream, for the virtual
 * `crypto.getRandomValues`, `randomUUID`, `randomBytes` and `randomFillSync`.
 */
import type { RandomSource } from '../seam.js';

const TWO_TO_32 = 2 ** 32;

/** Fills `bytes` with bytes of `source`: four bytes from each draw. */
export function fillRandomBytes(source: RandomSource, bytes: Uint8Array): Uint8Array {
  let i = 0;
  const length = bytes.length;
  while (i < length) {
    let word = Math.floor(source.uniform() * TWO_TO_32);
    for (let k = 0; k < 4 && i < length; k++, i++) {
      bytes[i] = word & 0xff;
      word >>>= 8;
    }
  }
  return bytes;
}

/** The bytes of any integer typed array, DataView or Buffer, as `getRandomValues` and `randomFillSync` take them. */
export function bytesOf(view: ArrayBufferView, offset = 0, size?: number): Uint8Array {
  const length = size ?? view.byteLength - offset;
  return new Uint8Array(view.buffer, view.byteOffset + offset, length);
}

const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/** A version-4 UUID (RFC 9562) from 16 bytes of `source`. */
export function randomUuid(source: RandomSource): string {
  const bytes = fillRandomBytes(source, new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  let text = '';
  for (let i = 0; i < 16; i++) {
    if (i === 4 || i === 6 || i === 8 || i === 10) text += '-';
    text += HEX[bytes[i]!];
  }
  return text;
}
