import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/scenario/simulation.js';
import { allRows, checkRun } from '../../src/stats/checks/index.js';
import { wireSizeMoments } from '../../src/stats/checks/queueing.js';
import { meanWaitMG1 } from '../../src/stats/formulas.js';
import type { Distribution } from '../../src/engine/distributions.js';
import { flow, oneLinkScenario } from '../support/scenario.js';

/** A lone Poisson flow at load 0.8 over 10 Mbps: mean size 1000 B (0.8 ms), mean gap 1 ms. */
function poisson(size: Distribution, seed: number) {
  return oneLinkScenario({ bandwidthBitsPerSecond: 10e6, delaySeconds: 0.002 }, [flow({ count: 100_000, size, interval: { kind: 'exp', mean: 0.001 } })], { seed });
}

async function waitRow(size: Distribution, seed: number, tamper?: (record: Awaited<ReturnType<typeof runScenario>>) => void) {
  const record = await runScenario(poisson(size, seed));
  tamper?.(record);
  return allRows(checkRun(record)).find((row) => row.metric === 'wait_mean')!;
}

describe('queueing checks', () => {
  it('compute M/D/1 and M/M/1 from Pollaczek–Khinchine', () => {
    const mu = 1250;
    const lambda = 1000;
    const rho = lambda / mu;
    expect(meanWaitMG1(lambda, 1 / mu, 1 / mu ** 2)).toBeCloseTo(rho / (2 * mu * (1 - rho)), 15);
    expect(meanWaitMG1(lambda, 1 / mu, 2 / mu ** 2)).toBeCloseTo(rho / (mu - lambda), 15);
    expect(meanWaitMG1(2000, 1 / mu, 1 / mu ** 2)).toBe(Infinity);
  });

  it('use the exact moments of whole-byte sizes raised to the minimum', () => {
    expect(wireSizeMoments({ kind: 'constant', value: 1000 }, 20)).toEqual({ mean: 1000, secondMoment: 1e6 });
    const exp = wireSizeMoments({ kind: 'exp', mean: 1000 }, 1);
    expect(exp.mean / 1000).toBeCloseTo(1, 3);
    expect(exp.secondMoment / 2e6).toBeCloseTo(1, 3);
    // Raising small sizes to 500 B lifts the mean well above 1000 B.
    expect(wireSizeMoments({ kind: 'exp', mean: 1000 }, 500).mean).toBeGreaterThan(1100);
    const uniform = wireSizeMoments({ kind: 'uniform', min: 100, max: 200 }, 20);
    expect(uniform.mean).toBeCloseTo(150, 6);
  });

  for (const seed of [1, 2, 3]) {
    it(`find M/D/1 waits inside their interval (seed ${seed})`, async () => {
      const row = await waitRow({ kind: 'constant', value: 1000 }, seed);
      expect(row.formula).toMatch(/^M\/D\/1/);
      expect(row.expected).toBeCloseTo(0.8 * 0.0008 / (2 * 0.2), 12);
      expect(row.ok).toBe(true);
    });

    it(`find M/M/1 waits inside their interval (seed ${seed})`, async () => {
      const row = await waitRow({ kind: 'exp', mean: 1000 }, seed);
      expect(row.formula).toMatch(/^M\/M\/1/);
      // ρ/(μ − λ) = 0.8/(1250 − 1000), up to the whole-byte sizes (about 1e-4).
      expect(row.expected / 0.0032).toBeCloseTo(1, 2);
      expect(row.ok).toBe(true);
    });
  }

  it('fail when the arrival rate is not what the formula is told', async () => {
    const row = await waitRow({ kind: 'exp', mean: 1000 }, 1, (record) => {
      (record as { flows: unknown }).flows = [{ ...record.flows[0]!, interval: { kind: 'exp', mean: 0.00105 } }];
    });
    expect(row.ok).toBe(false);
  });
});
