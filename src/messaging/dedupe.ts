/**
 * A bounded record of which sequence numbers a stream has seen, for exactly-once delivery.
 * Everything below `low` counts as seen; a ring of `size` flags covers [low, low + size).
 * Seeing a number beyond the window slides it forward, so memory stays bounded; the price is
 * that a first copy arriving `size` or more numbers behind the newest seen is taken for a
 * duplicate.
 */

/** Seen sequence numbers of one stream, in bounded memory. */
export class DedupeWindow {
  private low = 0;
  private readonly flags: Uint8Array;

  /** @param size how many numbers above the low-water mark are remembered */
  constructor(readonly size = 4096) {
    this.flags = new Uint8Array(size);
  }

  /** Whether `seq` was seen (or fell below the window). */
  has(seq: number): boolean {
    return seq < this.low || (seq < this.low + this.size && this.flags[seq % this.size] === 1);
  }

  /** Records `seq` as seen. */
  add(seq: number): void {
    if (seq < this.low) return;
    if (seq >= this.low + 2 * this.size) {
      this.flags.fill(0);
      this.low = seq - this.size + 1;
    }
    while (seq >= this.low + this.size) this.forgetLowest();
    this.flags[seq % this.size] = 1;
    while (this.flags[this.low % this.size] === 1) this.forgetLowest();
  }

  private forgetLowest(): void {
    this.flags[this.low % this.size] = 0;
    this.low++;
  }
}
