/**
 * The bytes of frames in flight, copied into shared slabs: a frame on the wire costs its
 * bytes and two numbers, not a JavaScript object of its own (a Uint8Array costs about a
 * hundred bytes of heap beside its bytes, which with a million frames in flight was most of
 * the memory). Frames are written one after another into the current slab; each slab counts
 * the frames it holds and is let go when the last of them has left. A frame comes back out
 * as a view of its slab, so taking it out copies nothing: slabs are never written twice.
 *
 * A frame's place is one int32, `slab * SLAB_BYTES + offset`, so the arena holds at most
 * {@link MAX_SLABS} slabs (2 GiB of frames in flight); past that, frames are not taken. Its
 * length is written before its bytes (two bytes, little-endian), so the place alone finds it.
 */

/** Bytes of one slab. */
const SLAB_BYTES = 256 * 1024;
/** Most slabs held at once: places stay below 2^31. */
const MAX_SLABS = 2 ** 31 / SLAB_BYTES;
/** Frames longer than this are not copied: they keep their own buffer. */
export const MAX_ARENA_FRAME = 4096;
/** Bytes of the length written before each frame. */
const LENGTH_BYTES = 2;

/** Slabs of frame bytes, with a count of live frames per slab. */
export class FrameArena {
  private readonly slabs: (Uint8Array | undefined)[] = [];
  /** Frames held per slab, by slab number. */
  private live = new Int32Array(16);
  /** The slab being written (-1 before the first), and how much of it is written. */
  private current = -1;
  private used = 0;

  /**
   * Copies `frame` (at most {@link MAX_ARENA_FRAME} bytes) in; returns its place, or -1
   * when the arena is full (the caller keeps the frame itself).
   */
  put(frame: Uint8Array): number {
    const length = frame.length;
    if ((this.current < 0 || this.used + LENGTH_BYTES + length > SLAB_BYTES) && !this.newSlab()) return -1;
    const slab = this.current;
    const offset = this.used;
    const bytes = this.slabs[slab]!;
    bytes[offset] = length & 0xff;
    bytes[offset + 1] = length >>> 8;
    bytes.set(frame, offset + LENGTH_BYTES);
    this.used = offset + LENGTH_BYTES + length;
    this.live[slab]!++;
    return slab * SLAB_BYTES + offset;
  }

  /** A view of the bytes of the frame at `place`, which stays in the arena. */
  view(place: number): Uint8Array {
    const offset = place % SLAB_BYTES;
    const bytes = this.slabs[(place - offset) / SLAB_BYTES]!;
    const start = offset + LENGTH_BYTES;
    return bytes.subarray(start, start + (bytes[offset]! | (bytes[offset + 1]! << 8)));
  }

  /** Takes the frame at `place` out: a view of its bytes (its slab goes once its last frame has left). */
  take(place: number): Uint8Array {
    const bytes = this.view(place);
    const slab = (place - (place % SLAB_BYTES)) / SLAB_BYTES;
    if (--this.live[slab]! === 0 && slab !== this.current) this.slabs[slab] = undefined;
    return bytes;
  }

  /** Slabs held now (for tests and memory accounting). */
  get slabCount(): number {
    let count = 0;
    for (const slab of this.slabs) if (slab !== undefined) count++;
    return count;
  }

  /** Starts a new slab; false when {@link MAX_SLABS} are held. */
  private newSlab(): boolean {
    const previous = this.current;
    // A slab whose frames have all left already goes as the next one starts.
    if (previous >= 0 && this.live[previous] === 0) this.slabs[previous] = undefined;
    // Slab numbers are reused from the lowest free one, so the counts stay few.
    let slab = this.slabs.indexOf(undefined);
    if (slab < 0) slab = this.slabs.length;
    if (slab >= MAX_SLABS) return false;
    if (slab >= this.live.length) {
      const larger = new Int32Array(this.live.length * 2);
      larger.set(this.live);
      this.live = larger;
    }
    this.slabs[slab] = new Uint8Array(SLAB_BYTES);
    this.live[slab] = 0;
    this.current = slab;
    this.used = 0;
    return true;
  }
}
