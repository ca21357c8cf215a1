/**
 * Codecs turn messages into frames (bytes) and back. A message's size on the wire is its
 * encoded length plus the transport's header bytes (plus any padding the sender asks for),
 * so the codec decides what a message costs.
 */
import { Packr } from 'msgpackr';
import { NOT_SMALL, packSmall, unpackSmall } from './msgpack.js';

/**
 * Encodes messages of type T to bytes and decodes them back. An encoding must not start with
 * the byte 0xC1, which marks reliable-delivery envelopes (MessagePack never uses it; no UTF-8
 * text starts with it).
 */
export interface Codec<T = unknown> {
  /** Short name, as used in scenario files (e.g. "json"). */
  readonly name: string;
  encode(message: T): Uint8Array;
  decode(frame: Uint8Array): T;
}

/** Thrown when a frame cannot be decoded. */
export class DecodeError extends Error {
  constructor(codec: string, cause: unknown) {
    super(`${codec} codec could not decode a frame: ${cause instanceof Error ? cause.message : String(cause)}`, {
      cause,
    });
    this.name = 'DecodeError';
  }
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

/** UTF-8 JSON: any JSON-serialisable value. */
export const jsonCodec: Codec<unknown> = {
  name: 'json',
  encode(message: unknown): Uint8Array {
    const text = JSON.stringify(message);
    if (text === undefined) throw new TypeError('the json codec cannot encode undefined or a function');
    return encodeUtf8(text);
  },
  decode(frame: Uint8Array): unknown {
    try {
      return JSON.parse(decoder.decode(frame));
    } catch (error) {
      throw new DecodeError('json', error);
    }
  },
};

/**
 * UTF-8 encoding with a fast path for short ASCII text, the common case for messages:
 * TextEncoder.encode costs several times more than this loop on strings under ~100 chars.
 */
function encodeUtf8(text: string): Uint8Array {
  const length = text.length;
  if (length > 256) return encoder.encode(text);
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) {
    const code = text.charCodeAt(i);
    if (code > 0x7f) return encoder.encode(text);
    bytes[i] = code;
  }
  return bytes;
}

// Binary values are copied out on decode, because decoding reads from a reused buffer.
const packr = new Packr({ useRecords: false, copyBuffers: true });

/**
 * Frames are decoded from one reused buffer: msgpackr caches a DataView on the buffer it
 * reads, and making one for every small frame costs more than copying the frame in.
 */
let scratch = Buffer.allocUnsafeSlow(4096);

/**
 * MessagePack (msgpackr's encoding): compact binary, several times faster than JSON to
 * encode and decode. Encodes the same values as JSON plus binary data; numbers that are
 * whole stay integers, others are float64. The values messages usually are take a shorter
 * path to the same bytes (msgpack.ts); msgpackr does the rest.
 */
export const msgpackCodec: Codec<unknown> = {
  name: 'msgpack',
  encode(message: unknown): Uint8Array {
    return packSmall(message) ?? packr.pack(message);
  },
  decode(frame: Uint8Array): unknown {
    const small = unpackSmall(frame);
    if (small !== NOT_SMALL) return small;
    if (frame.length > scratch.length) scratch = Buffer.allocUnsafeSlow(Math.max(frame.length, 2 * scratch.length));
    scratch.set(frame);
    try {
      return packr.unpack(scratch, frame.length);
    } catch (error) {
      throw new DecodeError('msgpack', error);
    }
  },
};

/** Codecs by the names scenario files use. */
export const CODECS: Readonly<Record<string, Codec>> = { json: jsonCodec, msgpack: msgpackCodec };
