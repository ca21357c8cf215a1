/**
 * The table of metric units: every metric the shipped scenarios measure has one, and it is
 * the metric's own unit, whatever its name looks like.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { METRICS_WITH_UNITS, metricUnit } from '../../src/experiment/metric-units.js';
import { DELAY_PERCENTILES } from '../../src/experiment/run-metrics.js';
import { parseScenario } from '../../src/scenario/load.js';
import { runScenario } from '../../src/scenario/simulation.js';
import { checkRun } from '../../src/stats/checks/index.js';

describe('metricUnit', () => {
  it('knows every metric of the golden summaries and of the golden sweeps', () => {
    const metrics = new Set<string>(['events', 'end_s', ...DELAY_PERCENTILES.map((p) => `delay_p${p}`)]);
    const tables = [
      ...readdirSync('test/golden').filter((name) => name.endsWith('.summary.csv')).map((name) => join('test/golden', name)),
      ...readdirSync('test/golden/sweeps').filter((name) => name.endsWith('.aggregate.csv')).map((name) => join('test/golden/sweeps', name)),
    ];
    for (const file of tables) {
      const rows = parse(readFileSync(file, 'utf8'), { columns: true }) as { metric: string }[];
      for (const row of rows) metrics.add(row.metric);
    }
    expect(metrics.size).toBeGreaterThan(20);
    expect([...metrics].filter((metric) => metricUnit(metric) === undefined)).toEqual([]);
  });

  it('gives the unit of what is measured, not of a prefix of the name', () => {
    expect(metricUnit('delay_matched')).toBe('count');
    expect(metricUnit('rtt_matched')).toBe('count');
    expect(metricUnit('delay_mean')).toBe('seconds');
    expect(metricUnit('delay_p99')).toBe('seconds');
    expect(metricUnit('throughput')).toBe('bits/s');
    expect(metricUnit('reliability')).toBe('ratio');
    expect(metricUnit('toString')).toBeUndefined();
    expect(metricUnit('no_such_metric')).toBeUndefined();
    expect(new Set(METRICS_WITH_UNITS).size).toBe(METRICS_WITH_UNITS.length);
  });

  it('knows every metric of the workload rows of the Gossip Glomers pack, latencies in seconds', async () => {
    const metrics = new Set<string>();
    for (const name of readdirSync('scenarios/glomers').filter((file) => file.endsWith('.yaml'))) {
      const file = join('scenarios/glomers', name);
      const record = await runScenario(parseScenario(readFileSync(file, 'utf8'), file));
      for (const row of checkRun(record).workload) metrics.add(row.metric);
    }
    expect(metrics.size).toBeGreaterThan(40);
    expect([...metrics].filter((metric) => metricUnit(metric) === undefined)).toEqual([]);
    expect(metricUnit('latency_broadcast_p99')).toBe('seconds');
    expect(metricUnit('stable_latency_exact_max')).toBe('seconds');
    expect(metricUnit('availability')).toBe('ratio');
  });
});
