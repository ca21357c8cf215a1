/**
 * Named random streams derived from one root seed.
 *
 * Every random draw in a run comes from a stream obtained here by name (for example
 * "link/a-b/a>b/loss" or "workload/requests"). Each stream is seeded from the root seed and
 * its own name only, so adding a component (a link, a flow) never changes the draws of
 * another. The generator is seedrandom's Alea, pinned here in one place: it is fast, has a
 * period of about 2^116 and is pure arithmetic, so its output is identical on every machine.
 */
import seedrandom from 'seedrandom';

/** A deterministic stream of random numbers; see {@link RandomStreams}. */
export class RandomStream {
  private readonly next53: () => number;

  /** @param name the stream's name, for messages and replay */
  constructor(
    readonly name: string,
    seed: string,
  ) {
    this.next53 = seedrandom.alea(seed).double;
  }

  /** A uniform draw from [0, 1) with 53 bits of resolution. */
  uniform(): number {
    return this.next53();
  }

  /** A draw from the exponential distribution with the given mean (inverse transform). */
  exponential(mean: number): number {
    return -mean * Math.log(1 - this.next53());
  }

  /** True with probability `p` (one uniform draw, even when p is 0 or 1). */
  bernoulli(p: number): boolean {
    return this.next53() < p;
  }
}

/** Hands out one {@link RandomStream} per name, all derived from a root seed. */
export class RandomStreams {
  private readonly streams = new Map<string, RandomStream>();

  constructor(readonly rootSeed: number) {}

  /** The stream with this name; asking twice returns the same stream. */
  stream(name: string): RandomStream {
    let stream = this.streams.get(name);
    if (stream === undefined) {
      stream = new RandomStream(name, `${this.rootSeed}/${name}`);
      this.streams.set(name, stream);
    }
    return stream;
  }
}
