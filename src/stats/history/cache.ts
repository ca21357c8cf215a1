/**
 * The linearization search's memory: the set of operations linearized so far, as a bitset
 * in a typed array with an incrementally kept hash, and the cache of (linearized set, state)
 * configurations already explored (Lowe's improvement of Wing and Gong's search). The cache
 * is an open-addressing hash table whose entries (hash, state id, a copy of the bitset) live
 * in typed arrays, so a million configurations cost a few words each and no objects; a hash
 * match is confirmed word by word, so collisions cost time, never a wrong verdict.
 */

/** A 32-bit integer mixer (the finaliser of MurmurHash3): spreads consecutive ids over all bits. */
function mix32(value: number): number {
  let h = value | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}

/** A set of operation indices in [0, size) with a hash that set and clear update in O(1). */
export class LinearizedSet {
  readonly words: Uint32Array;
  /** XOR of each member's own random-looking number (Zobrist hashing). */
  hash = 0;

  constructor(size: number) {
    this.words = new Uint32Array(Math.max(1, Math.ceil(size / 32)));
  }

  add(index: number): void {
    this.words[index >>> 5]! |= 1 << (index & 31);
    this.hash ^= mix32(index + 1);
  }

  delete(index: number): void {
    this.words[index >>> 5]! &= ~(1 << (index & 31));
    this.hash ^= mix32(index + 1);
  }
}

/** Memory the cache may take, in bytes; past it the search goes on without caching more. */
export const CACHE_BYTES_MAX = 512 * 2 ** 20;

/** Configurations (linearized set, state id) seen by the search. */
export class ConfigurationCache {
  private readonly wordCount: number;
  private slots = new Int32Array(1 << 12);
  private hashes = new Int32Array(1 << 10);
  private states = new Int32Array(1 << 10);
  private bits: Uint32Array;
  private count = 0;
  private readonly capacityMax: number;

  constructor(setSize: number, bytesMax: number = CACHE_BYTES_MAX) {
    this.wordCount = Math.max(1, Math.ceil(setSize / 32));
    this.bits = new Uint32Array(this.hashes.length * this.wordCount);
    // Per entry: its words, hash and state, and two slots of the table (kept at most half full).
    this.capacityMax = Math.max(1, Math.floor(bytesMax / (4 * (this.wordCount + 4))));
  }

  /** Number of configurations held. */
  get size(): number {
    return this.count;
  }

  /**
   * Adds the configuration unless it is there already; true if it was new (or the cache is
   * full, so that the search explores it rather than skip it unseen).
   */
  addIfAbsent(set: LinearizedSet, stateId: number): boolean {
    const hash = set.hash ^ mix32(stateId ^ 0x5bd1e995);
    const mask = this.slots.length - 1;
    let slot = hash & mask;
    for (let entry = this.slots[slot]!; entry !== 0; entry = this.slots[slot]!) {
      if (this.hashes[entry - 1] === hash && this.states[entry - 1] === stateId && this.sameWords(entry - 1, set.words)) return false;
      slot = (slot + 1) & mask;
    }
    if (this.count >= this.capacityMax) return true;
    if (this.count === this.hashes.length) this.growEntries();
    const entry = this.count++;
    this.hashes[entry] = hash;
    this.states[entry] = stateId;
    this.bits.set(set.words, entry * this.wordCount);
    this.slots[slot] = entry + 1;
    if (this.count * 2 > this.slots.length) this.rehash();
    return true;
  }

  private sameWords(entry: number, words: Uint32Array): boolean {
    const base = entry * this.wordCount;
    for (let i = 0; i < this.wordCount; i++) if (this.bits[base + i] !== words[i]) return false;
    return true;
  }

  private growEntries(): void {
    const length = this.hashes.length * 2;
    const hashes = new Int32Array(length);
    hashes.set(this.hashes);
    const states = new Int32Array(length);
    states.set(this.states);
    const bits = new Uint32Array(length * this.wordCount);
    bits.set(this.bits);
    this.hashes = hashes;
    this.states = states;
    this.bits = bits;
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let entry = 0; entry < this.count; entry++) {
      let slot = this.hashes[entry]! & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = entry + 1;
    }
    this.slots = slots;
  }
}
