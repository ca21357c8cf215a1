/**
 * MessagePack for the values messages usually are, written and read here in one plain pass:
 * null, booleans, numbers, short strings, arrays and plain objects of those. The bytes are
 * exactly the ones msgpackr writes for the same value (with `useRecords: false`), so this is
 * a faster path to the same encoding, not another encoding: a property test holds the two
 * to byte equality. Anything else (binary data, undefined, long strings, big integers, other
 * classes, deep nesting) is left to msgpackr: {@link packSmall} and {@link unpackSmall}
 * then answer undefined / {@link NOT_SMALL} and the caller asks msgpackr.
 *
 * The encodings msgpackr chooses, and so these: whole numbers in 32 bits as the shortest
 * integer (positive fixint up to 127), other numbers as float64; strings of under 64
 * characters as UTF-8 behind the shortest header for their byte length; arrays as fixarray
 * or array16; plain objects always as map16 (msgpackr reserves its size before counting
 * the own enumerable keys), keys in for-in order.
 */

/** {@link unpackSmall}'s answer for bytes it leaves to msgpackr. */
export const NOT_SMALL: unique symbol = Symbol('msgsim.msgpack.notSmall');

/** Deepest nesting written or read here; deeper values go to msgpackr. */
const MAX_DEPTH = 32;
/** Longest string written here, in UTF-16 code units (msgpackr's own per-character loop's limit). */
const MAX_STRING = 0x40;

/**
 * Encodings are written one after another into a slab and handed out as views of it, so an
 * encoding costs one small object; a new slab starts when one runs low (the old one lives
 * on while its encodings do).
 */
const SLAB_BYTES = 64 * 1024;
let out = new Uint8Array(SLAB_BYTES);
let outView = new DataView(out.buffer);
/** Where the encoding being written starts, and the next byte to write. */
let start = 0;
let at = 0;
/** Whether an encoding is being written (see {@link packSmall}). */
let packing = false;

/**
 * The MessagePack encoding of `value`, as msgpackr would write it, or undefined when the
 * value is not one written here.
 */
export function packSmall(value: unknown): Uint8Array | undefined {
  // An object's getter may encode something itself; that inner call goes to msgpackr.
  if (packing) return undefined;
  packing = true;
  try {
    at = start;
    if (out.length - start < 1024) newSlab(0);
    if (!write(value, 0)) return undefined;
    const encoding = out.subarray(start, at);
    start = at;
    return encoding;
  } finally {
    packing = false;
  }
}

/** Makes room for `bytes` more bytes at `at`, moving the encoding so far to a new slab if need be. */
function room(bytes: number): void {
  if (at + bytes > out.length) newSlab(bytes);
}

function newSlab(bytes: number): void {
  const written = out.subarray(start, at);
  out = new Uint8Array(Math.max(SLAB_BYTES, 2 * (written.length + bytes)));
  outView = new DataView(out.buffer);
  out.set(written);
  at = written.length;
  start = 0;
}

function write(value: unknown, depth: number): boolean {
  switch (typeof value) {
    case 'number':
      writeNumber(value);
      return true;
    case 'string':
      return writeString(value);
    case 'boolean':
      room(1);
      out[at++] = value ? 0xc3 : 0xc2;
      return true;
    case 'object':
      if (value === null) {
        room(1);
        out[at++] = 0xc0;
        return true;
      }
      if (depth >= MAX_DEPTH) return false;
      if (Array.isArray(value)) return value.constructor === Array && writeArray(value, depth);
      return (value as object).constructor === Object && writeObject(value as Record<string, unknown>, depth);
    default:
      return false;
  }
}

function writeNumber(value: number): void {
  room(9);
  if (value >>> 0 === value) {
    if (value < 0x80) {
      out[at++] = value;
    } else if (value < 0x100) {
      out[at++] = 0xcc;
      out[at++] = value;
    } else if (value < 0x10000) {
      out[at++] = 0xcd;
      out[at++] = value >> 8;
      out[at++] = value & 0xff;
    } else {
      out[at++] = 0xce;
      outView.setUint32(at, value);
      at += 4;
    }
  } else if (value >> 0 === value) {
    if (value >= -0x20) {
      out[at++] = 0x100 + value;
    } else if (value >= -0x80) {
      out[at++] = 0xd0;
      out[at++] = value + 0x100;
    } else if (value >= -0x8000) {
      out[at++] = 0xd1;
      outView.setInt16(at, value);
      at += 2;
    } else {
      out[at++] = 0xd2;
      outView.setInt32(at, value);
      at += 4;
    }
  } else {
    out[at++] = 0xcb;
    outView.setFloat64(at, value);
    at += 8;
  }
}

/** Writes a string of under {@link MAX_STRING} code units as UTF-8 (lone surrogates as U+FFFD). */
function writeString(value: string): boolean {
  const length = value.length;
  if (length >= MAX_STRING) return false;
  // At most 3 bytes a code unit, behind a header of 1 (under 32 units) or 2.
  room(2 + 3 * length);
  const header = length < 0x20 ? 1 : 2;
  const first = at;
  let p = first + header;
  for (let i = 0; i < length; i++) {
    let c = value.charCodeAt(i);
    if (c < 0x80) {
      out[p++] = c;
    } else if (c < 0x800) {
      out[p++] = (c >> 6) | 0xc0;
      out[p++] = (c & 0x3f) | 0x80;
    } else if ((c & 0xfc00) === 0xd800 && (value.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      c = 0x10000 + ((c & 0x03ff) << 10) + (value.charCodeAt(++i) & 0x03ff);
      out[p++] = (c >> 18) | 0xf0;
      out[p++] = ((c >> 12) & 0x3f) | 0x80;
      out[p++] = ((c >> 6) & 0x3f) | 0x80;
      out[p++] = (c & 0x3f) | 0x80;
    } else if ((c & 0xf800) === 0xd800) {
      out[p++] = 0xef;
      out[p++] = 0xbf;
      out[p++] = 0xbd;
    } else {
      out[p++] = (c >> 12) | 0xe0;
      out[p++] = ((c >> 6) & 0x3f) | 0x80;
      out[p++] = (c & 0x3f) | 0x80;
    }
  }
  const bytes = p - first - header;
  // A string of 32 code units or more has as many bytes, so it never fits a fixstr.
  if (bytes < 0x20) {
    out[first] = 0xa0 | bytes;
    at = first + 1 + bytes;
  } else {
    // Under 32 code units but 32 bytes or more: move the bytes up behind the longer header.
    if (header === 1) out.copyWithin(first + 2, first + 1, p);
    out[first] = 0xd9;
    out[first + 1] = bytes;
    at = first + 2 + bytes;
  }
  return true;
}

function writeArray(value: readonly unknown[], depth: number): boolean {
  const length = value.length;
  if (length >= 0x10000) return false;
  room(3);
  if (length < 0x10) {
    out[at++] = 0x90 | length;
  } else {
    out[at++] = 0xdc;
    out[at++] = length >> 8;
    out[at++] = length & 0xff;
  }
  for (let i = 0; i < length; i++) if (!write(value[i], depth + 1)) return false;
  return true;
}

function writeObject(value: Record<string, unknown>, depth: number): boolean {
  // msgpackr honours a toJSON of a plain object's own; leave those to it.
  if ('toJSON' in value) return false;
  room(3);
  // As an offset from the encoding's start: a new slab may move the encoding meanwhile.
  const header = at - start;
  at += 3;
  let size = 0;
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    if (!writeString(key) || !write(value[key], depth + 1)) return false;
    size++;
  }
  if (size >= 0x10000) return false;
  out[start + header] = 0xde;
  out[start + header + 1] = size >> 8;
  out[start + header + 2] = size & 0xff;
  return true;
}

let src: Uint8Array = out;
let end = 0;
let pos = 0;

/**
 * Floats are read through these eight bytes rather than a DataView on the frame: making a
 * view costs more than reading the rest of a small frame.
 */
const float64 = new Float64Array(1);
const float64Bytes = new Uint8Array(float64.buffer);
const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function readFloat64(): number {
  for (let i = 0; i < 8; i++) float64Bytes[littleEndian ? 7 - i : i] = src[pos + i]!;
  pos += 8;
  return float64[0]!;
}

/**
 * The value encoded in `bytes`, when every part of it is one read here and it fills the
 * bytes exactly; otherwise {@link NOT_SMALL} (msgpackr then decides: another encoding of a
 * value, or an error). Strings with bytes outside ASCII are left to msgpackr.
 */
export function unpackSmall(bytes: Uint8Array): unknown {
  src = bytes;
  end = bytes.length;
  pos = 0;
  const value = read(0);
  return pos === end ? value : NOT_SMALL;
}

function read(depth: number): unknown {
  if (pos >= end || depth >= MAX_DEPTH) return NOT_SMALL;
  const token = src[pos++]!;
  if (token < 0x80) return token;
  if (token >= 0xe0) return token - 0x100;
  if (token >= 0xa0 && token < 0xc0) return readAscii(token - 0xa0);
  if (token >= 0x90 && token < 0xa0) return readArray(token - 0x90, depth);
  if (token >= 0x80 && token < 0x90) return readMap(token - 0x80, depth);
  switch (token) {
    case 0xc0:
      return null;
    case 0xc2:
      return false;
    case 0xc3:
      return true;
    case 0xcb:
      return pos + 8 <= end ? readFloat64() : NOT_SMALL;
    case 0xcc:
      return pos + 1 <= end ? src[pos++]! : NOT_SMALL;
    case 0xcd:
      return pos + 2 <= end ? ((pos += 2), (src[pos - 2]! << 8) | src[pos - 1]!) : NOT_SMALL;
    case 0xce:
      return pos + 4 <= end ? ((pos += 4), src[pos - 4]! * 0x1000000 + ((src[pos - 3]! << 16) | (src[pos - 2]! << 8) | src[pos - 1]!)) : NOT_SMALL;
    case 0xd0:
      return pos + 1 <= end ? (src[pos++]! << 24) >> 24 : NOT_SMALL;
    case 0xd1:
      return pos + 2 <= end ? ((pos += 2), ((src[pos - 2]! << 24) | (src[pos - 1]! << 16)) >> 16) : NOT_SMALL;
    case 0xd2:
      return pos + 4 <= end ? ((pos += 4), (src[pos - 4]! << 24) | (src[pos - 3]! << 16) | (src[pos - 2]! << 8) | src[pos - 1]!) : NOT_SMALL;
    case 0xd9:
      return pos + 1 <= end ? readAscii(src[pos++]!) : NOT_SMALL;
    case 0xdc:
      return pos + 2 <= end ? ((pos += 2), readArray((src[pos - 2]! << 8) | src[pos - 1]!, depth)) : NOT_SMALL;
    case 0xde:
      return pos + 2 <= end ? ((pos += 2), readMap((src[pos - 2]! << 8) | src[pos - 1]!, depth)) : NOT_SMALL;
    default:
      return NOT_SMALL;
  }
}

/**
 * Short strings read before, by a hash of their bytes: messages repeat the same few (frame
 * kinds, flow and node names, topics, object keys), and finding one here costs less than
 * making it again.
 */
const ASCII_CACHE_SIZE = 1024;
const MAX_CACHED = 32;
const asciiCache: (string | undefined)[] = new Array<string | undefined>(ASCII_CACHE_SIZE).fill(undefined);

/** A string of `length` bytes, all ASCII; anything else is left to msgpackr. */
function readAscii(length: number): unknown {
  if (pos + length > end) return NOT_SMALL;
  const from = pos;
  const to = from + length;
  const b = src;
  let high = 0;
  let hash = length;
  for (let i = from; i < to; i++) {
    const byte = b[i]!;
    high |= byte;
    hash = (Math.imul(hash, 31) + byte) | 0;
  }
  if (high >= 0x80) return NOT_SMALL;
  pos = to;
  if (length > MAX_CACHED) return String.fromCharCode.apply(null, b.subarray(from, to) as unknown as number[]);
  const slot = hash & (ASCII_CACHE_SIZE - 1);
  const cached = asciiCache[slot];
  if (cached !== undefined && cached.length === length) {
    let same = true;
    for (let i = 0; i < length; i++) {
      if (cached.charCodeAt(i) !== b[from + i]) {
        same = false;
        break;
      }
    }
    if (same) return cached;
  }
  let text = '';
  for (let i = from; i < to; i++) text += String.fromCharCode(b[i]!);
  asciiCache[slot] = text;
  return text;
}

function readArray(length: number, depth: number): unknown {
  if (length > end - pos) return NOT_SMALL;
  const array = new Array<unknown>(length);
  for (let i = 0; i < length; i++) {
    const item = read(depth + 1);
    if (item === NOT_SMALL) return NOT_SMALL;
    array[i] = item;
  }
  return array;
}

function readMap(size: number, depth: number): unknown {
  if (2 * size > end - pos) return NOT_SMALL;
  const object: Record<string, unknown> = {};
  for (let i = 0; i < size; i++) {
    const key = read(depth + 1);
    // msgpackr renames a key "__proto__" and reads other keys its own way: leave those to it.
    if (typeof key !== 'string' || key === '__proto__') return NOT_SMALL;
    const item = read(depth + 1);
    if (item === NOT_SMALL) return NOT_SMALL;
    object[key] = item;
  }
  return object;
}
