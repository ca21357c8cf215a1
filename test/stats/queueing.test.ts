import { describe, expect, it } from 'vitest';
import { checkTable } from '../../src/cli/report.js';
import { runScenario } from '../../src/scenario/simulation.js';
import { allRows, checkRun } from '../../src/stats/checks/index.js';
import { wireSizeMoments } from '../../src/stats/checks/queueing.js';
import { meanWaitMG1 } from '../../src/stats/formulas.js';
import type { Distribution } from '../../src/engine/distributions.js';
import type { RunRecord } from '../../src/stats/record.js';
import { flow, oneLinkScenario } from '../support/scenario.js';

/** A lone Poisson flow at load 0.8 over 10 Mbps: mean size 1000 B (0.8 ms), mean gap 1 ms. */
function poisson(size: Distribution, seed: number) {
  return oneLinkScenario({ bandwidthBitsPerSecond: 10e6, delaySeconds: 0.002 }, [flow({ count: 100_000, size, interval: { kind: 'exp', mean: 0.001 } })], { seed });
}

/** A lone Poisson flow at load 0.0008 over 1 Gbps: 1000 B (8 µs) every 10 ms on average, so hardly a message waits. */
function lightPoisson(seed: number, count = 2000) {
  return oneLinkScenario({ bandwidthBitsPerSecond: 1e9, delaySeconds: 0.002 }, [flow({ count, interval: { kind: 'exp', mean: 0.01 } })], { seed });
}

async function waitRow(size: Distribution, seed: number, tamper?: (record: Awaited<ReturnType<typeof runScenario>>) => void) {
  const record = await runScenario(poisson(size, seed));
  tamper?.(record);
  return allRowsOf(record).find((row) => row.metric === 'wait_mean')!;
}

const allRowsOf = (record: RunRecord) => allRows(checkRun(record));

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

  it('never measure a negative wait: a message that finds the line idle waits exactly 0', async () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const row = allRowsOf(await runScenario(lightPoisson(seed))).find((r) => r.metric === 'wait_mean')!;
      expect(row.measured).toBeGreaterThanOrEqual(0);
    }
  });

  it('give no verdict from an interval that collapsed because no message waited', async () => {
    // Seed 2: not one of the 2000 messages finds the line busy, every wait is 0.
    const row = allRowsOf(await runScenario(lightPoisson(2))).find((r) => r.metric === 'wait_mean')!;
    expect(row.measured).toBe(0);
    expect(row.ok).toBe(true);
    expect(row.tolerance).toMatch(/informational \(0 messages waited, batch means needs 100\)$/);
  });

  it('raise no wait_mean alarm on a lightly loaded link, whose few waits batch means cannot judge', async () => {
    let alarms = 0;
    for (let seed = 1; seed <= 100; seed++) {
      const row = allRowsOf(await runScenario(lightPoisson(seed))).find((r) => r.metric === 'wait_mean')!;
      if (!row.ok) alarms++;
    }
    expect(alarms).toBe(0);
  });

  it('still judge a lightly loaded link once enough messages waited', async () => {
    // Load 0.008 (100 Mbps): about 0.8% of 100,000 messages wait, some 36 a batch.
    const scenario = oneLinkScenario({ bandwidthBitsPerSecond: 1e8, delaySeconds: 0.002 }, [flow({ count: 100_000, interval: { kind: 'exp', mean: 0.01 } })], { seed: 1 });
    const row = allRowsOf(await runScenario(scenario)).find((r) => r.metric === 'wait_mean')!;
    expect(row.tolerance).not.toMatch(/informational/);
    expect(row.ok).toBe(true);
  });

  it('print the interval in the unit of the values it brackets', async () => {
    const report = checkRun(await runScenario(poisson({ kind: 'constant', value: 1000 }, 1)));
    const line = checkTable(report).split('\n').find((text) => text.includes('wait_mean'))!;
    // measured, expected, and both ends of the interval as durations: e.g. 1.5ms ... [1.2ms, 1.7ms]
    expect(line).toMatch(/wait_mean +[\d.]+(ns|us|ms|s) +[\d.]+(ns|us|ms|s) .*\[[\d.]+(ns|us|ms|s), [\d.]+(ns|us|ms|s)\]/);
  });
});
