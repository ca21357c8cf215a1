import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RandomStreams } from '../../src/engine/random.js';

const draws = (streams: RandomStreams, name: string, n: number): number[] =>
  Array.from({ length: n }, () => streams.stream(name).uniform());

describe('RandomStreams', () => {
  it('gives the same draws for the same seed and name', () => {
    fc.assert(
      fc.property(fc.nat(), fc.string(), (seed, name) => {
        expect(draws(new RandomStreams(seed), name, 20)).toEqual(draws(new RandomStreams(seed), name, 20));
      }),
    );
  });

  it('gives different draws for different seeds or names', () => {
    expect(draws(new RandomStreams(1), 'a', 5)).not.toEqual(draws(new RandomStreams(2), 'a', 5));
    expect(draws(new RandomStreams(1), 'a', 5)).not.toEqual(draws(new RandomStreams(1), 'b', 5));
  });

  it('keeps a stream unchanged when other streams are added or drawn from', () => {
    const alone = new RandomStreams(7);
    const expected = draws(alone, 'link/a-b/loss', 50);
    const crowded = new RandomStreams(7);
    const interleaved: number[] = [];
    for (let i = 0; i < 50; i++) {
      crowded.stream(`other-${i}`).uniform();
      interleaved.push(crowded.stream('link/a-b/loss').uniform());
    }
    expect(interleaved).toEqual(expected);
  });

  it('draws uniforms in [0, 1) with the right mean', () => {
    const stream = new RandomStreams(3).stream('u');
    const n = 100_000;
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const u = stream.uniform();
      expect(u >= 0 && u < 1).toBe(true);
      sum += u;
    }
    // Mean of U(0,1) is 1/2 with standard error sqrt(1/12/n); allow 4.5 standard errors.
    expect(Math.abs(sum / n - 0.5)).toBeLessThan(4.5 * Math.sqrt(1 / 12 / n));
  });

  it('draws exponentials with the requested mean', () => {
    const stream = new RandomStreams(4).stream('e');
    const n = 100_000;
    const mean = 2.5;
    let sum = 0;
    for (let i = 0; i < n; i++) sum += stream.exponential(mean);
    // Standard error of the sample mean of Exp(mean) is mean / sqrt(n); 4.5 standard errors.
    expect(Math.abs(sum / n - mean)).toBeLessThan((4.5 * mean) / Math.sqrt(n));
  });
});
