import { describe, expect, it } from 'vitest';
import { RandomStreams } from '../../src/engine/random.js';
import { badStateProbability, longRunLossRate, lossProcess, lossRateVariance, type GilbertElliottLoss } from '../../src/net/loss.js';

const model = (p: number, r: number, lossGood = 0, lossBad = 1): GilbertElliottLoss => ({ model: 'gilbert-elliott', p, r, lossGood, lossBad });

/** Loss indicators of n messages through a process. */
function run(loss: GilbertElliottLoss | number, n: number, seed: number): Uint8Array {
  const streams = new RandomStreams(seed);
  const process = lossProcess(loss, () => streams.stream('loss'));
  return Uint8Array.from({ length: n }, () => (process.shouldLose() ? 1 : 0));
}

describe('Gilbert–Elliott loss', () => {
  it('has the stationary loss rate (1 − π_B)·loss_good + π_B·loss_bad', () => {
    expect(badStateProbability(model(0.01, 0.09))).toBeCloseTo(0.1, 15);
    expect(longRunLossRate(model(0.01, 0.09, 0.02, 0.8))).toBeCloseTo(0.9 * 0.02 + 0.1 * 0.8, 15);
  });

  it('loses at its long-run rate, within the interval its correlated variance gives', () => {
    for (const [loss, seed] of [
      [model(0.01, 0.1), 1],
      [model(0.05, 0.3, 0.01, 0.7), 2],
      [model(0.002, 0.02), 3],
    ] as const) {
      const n = 400_000;
      const lost = run(loss, n, seed).reduce((a, b) => a + b, 0);
      const halfWidth = 3.29 * Math.sqrt(lossRateVariance(loss) / n);
      expect(Math.abs(lost / n - longRunLossRate(loss))).toBeLessThan(halfWidth);
    }
  });

  it('is bursty: losses cluster far more than independent losses at the same rate', () => {
    const loss = model(0.01, 0.1);
    const indicators = run(loss, 200_000, 4);
    let pairs = 0;
    let losses = 0;
    for (let i = 1; i < indicators.length; i++) {
      losses += indicators[i]!;
      if (indicators[i] === 1 && indicators[i - 1] === 1) pairs++;
    }
    // P(lost | previous lost) = 1 − r = 0.9, against about 0.09 for independent loss.
    expect(pairs / losses).toBeGreaterThan(0.85);
    // Its variance is inflated by (1 + λ)/(1 − λ) with λ = 1 − p − r.
    const q = longRunLossRate(loss);
    expect(lossRateVariance(loss)).toBeCloseTo((q * (1 - q) * (1 + 0.89)) / (1 - 0.89), 10);
  });

  it('draws nothing for a Bernoulli loss of zero', () => {
    let drawn = false;
    const process = lossProcess(0, () => {
      drawn = true;
      return new RandomStreams(1).stream('x');
    });
    for (let i = 0; i < 10; i++) expect(process.shouldLose()).toBe(false);
    expect(drawn).toBe(false);
  });
});
