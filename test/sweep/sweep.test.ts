/**
 * Sweeps in-process: points expanded from grid and zip in a fixed order and validated one
 * by one, seeds derived per replication, Student t intervals as the textbook computes them,
 * and a sweep that stops half-way resuming without losing or repeating a run.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { summarise } from '../../src/experiment/aggregate.js';
import { percentile } from '../../src/experiment/run-metrics.js';
import { ScenarioError } from '../../src/scenario/errors.js';
import { scenarioData } from '../../src/scenario/load.js';
import { expandSweep, parsePath, replicationSeed } from '../../src/scenario/sweep.js';
import { runSweep } from '../../src/sweep/runner.js';
import { parseScenario } from '../../src/scenario/load.js';
import { runScenario } from '../../src/scenario/simulation.js';
import { Outcome } from '../../src/net/outcome.js';
import { msgsim, tempDir } from '../support/cli.js';

const base = `name: s
seed: 5
nodes: [a, b]
links:
  - { between: [a, b], bandwidth: 10Mbps, delay: 1ms, loss: 0.1 }
flows:
  - { name: f, pattern: p2p, from: a, to: b, count: 40, size: 200B, interval: 2ms }
`;

function sweepOf(text: string): ReturnType<typeof expandSweep> {
  return expandSweep(scenarioData(text, 's.yaml'), 's.yaml');
}

function problem(text: string): string {
  try {
    sweepOf(text);
  } catch (error) {
    if (error instanceof ScenarioError) return error.message;
    throw error;
  }
  throw new Error('expected a ScenarioError');
}

describe('sweep points', () => {
  it('are every grid combination (first parameter slowest) with every zipped tuple, each a valid scenario', () => {
    const sweep = sweepOf(`${base}sweep:
  grid:
    links[0].loss: [0, 0.2]
    flows[0].size: [100B, 1KB]
  zip:
    links[0].delay: [1ms, 5ms]
    flows[0].count: [10, 20]
  replications: 4
`)!;
    expect(sweep.parameters).toEqual(['links[0].loss', 'flows[0].size', 'links[0].delay', 'flows[0].count']);
    expect(sweep.points).toHaveLength(8);
    expect(sweep.points.map((p) => p.parameters.map((q) => q.value))).toEqual([
      [0, '100B', '1ms', 10],
      [0, '100B', '5ms', 20],
      [0, '1KB', '1ms', 10],
      [0, '1KB', '5ms', 20],
      [0.2, '100B', '1ms', 10],
      [0.2, '100B', '5ms', 20],
      [0.2, '1KB', '1ms', 10],
      [0.2, '1KB', '5ms', 20],
    ]);
    const last = sweep.points[7]!.scenario;
    expect(last.links[0]).toMatchObject({ loss: 0.2, delaySeconds: 0.005 });
    expect(last.flows[0]).toMatchObject({ count: 20, size: { kind: 'constant', value: 1000 } });
    expect(sweep.replications).toBe(4);
    expect(sweepOf(base)).toBeUndefined();
  });

  it('reports a bad path, unequal zipped lists, or a bad value with the point it makes', () => {
    expect(problem(`${base}sweep: { grid: { 'links[0]..loss': [0] } }\n`)).toMatch(/sweep\.grid\.links\[0\]\.\.loss: not a parameter path/);
    expect(problem(`${base}sweep: { grid: { 'links[3].loss': [0] } }\n`)).toMatch(/there is no element \[3\] to set/);
    expect(problem(`${base}sweep: { zip: { 'links[0].loss': [0, 0.1], 'flows[0].count': [1] } }\n`)).toMatch(/has 1 values; zipped lists need the same length \(2\)/);
    expect(problem(`${base}sweep: { grid: { 'links[0].loss': [0, 2] } }\n`)).toMatch(/^s\.yaml: links\[0\]\.loss: .*\(at sweep point 1: links\[0\]\.loss=2\)$/);
    expect(problem(`${base}sweep: { replications: 0, grid: { 'links[0].loss': [0] } }\n`)).toMatch(/sweep\.replications/);
    expect(problem(`${base}sweep: {}\n`)).toMatch(/nothing to vary/);
    expect(parsePath('flows[0].retry.max_retries')).toEqual(['flows', 0, 'retry', 'max_retries']);
  });

  it('derive one seed per replication from the scenario seed, the same at every point', () => {
    const seeds = Array.from({ length: 100 }, (_, r) => replicationSeed(5, r));
    expect(new Set(seeds).size).toBe(100);
    expect(seeds.every((s) => Number.isSafeInteger(s) && s >= 0 && s < 2 ** 32)).toBe(true);
    expect(replicationSeed(5, 7)).toBe(seeds[7]);
    expect(replicationSeed(6, 7)).not.toBe(seeds[7]);
  });
});

describe('aggregation', () => {
  it('gives the mean, sample deviation and 95% Student t interval a textbook computation gives', () => {
    const values = [2.1, 1.9, 2.4, 2.0, 2.6];
    const mean = 11 / 5;
    const sd = Math.sqrt([0.01, 0.09, 0.04, 0.04, 0.16].reduce((a, b) => a + b) / 4);
    // t(0.975, 4 degrees of freedom) from the tables: 2.776445105.
    const half = (2.776445105 * sd) / Math.sqrt(5);
    const s = summarise(values);
    expect(s.n).toBe(5);
    expect(s.mean).toBeCloseTo(mean, 14);
    expect(s.stddev).toBeCloseTo(sd, 14);
    expect(s.halfWidth).toBeCloseTo(half, 8);
    expect(s.ciLow).toBeCloseTo(mean - half, 8);
    expect(s.ciHigh).toBeCloseTo(mean + half, 8);
    expect([s.p50, s.p95, s.p99]).toEqual([2.1, 2.6, 2.6]);
    const one = summarise([3, NaN]);
    expect(one.n).toBe(1);
    expect(one.mean).toBe(3);
    expect(Number.isNaN(one.halfWidth)).toBe(true);
    expect(percentile(Float64Array.from([1, 2, 3, 4]), 50)).toBe(2);
  });
});

describe('runSweep', () => {
  const text = `${base}sweep:\n  grid:\n    links[0].loss: [0, 0.1, 0.3]\n  replications: 4\n`;

  it('writes runs.csv and aggregate.csv with one row per run, flow and metric', async () => {
    const out = tempDir();
    const outcome = await runSweep({ text, file: 's.yaml', out });
    expect(outcome.runs).toBe(12);
    const runs = readFileSync(join(out, 's', 'runs.csv'), 'utf8').trimEnd().split('\n');
    expect(runs[0]).toBe('point,replication,seed,links[0].loss,flow,metric,value,expected');
    const reliability = runs.filter((line) => line.includes(',f,reliability,'));
    expect(reliability).toHaveLength(12);
    expect(reliability[11]).toMatch(new RegExp(`^2,3,${replicationSeed(5, 3)},0.3,f,reliability,[0-9.]+,[0-9.]+$`));
    // The formula's expected reliability, 1 - loss, beside each measurement.
    expect(Number(reliability[11]!.split(',')[7])).toBeCloseTo(0.7, 12);
    const aggregate = readFileSync(join(out, 's', 'aggregate.csv'), 'utf8').trimEnd().split('\n');
    expect(aggregate[0]).toBe('point,links[0].loss,flow,metric,n,mean,stddev,ci_low,ci_high,half_width,p50,p95,p99,expected');
    const row = aggregate.find((line) => line.startsWith('2,0.3,f,reliability,'))!.split(',');
    const values = reliability.slice(8).map((line) => Number(line.split(',')[6]));
    const s = summarise(values);
    expect(row.slice(4, 13).map(Number)).toEqual([4, s.mean, s.stddev, s.ciLow, s.ciHigh, s.halfWidth, s.p50, s.p95, s.p99]);
    expect(Number(row[13])).toBeCloseTo(0.7, 12);
  });

  it('resumes a sweep that stopped half-way: nothing lost, nothing repeated, the same bytes', async () => {
    const whole = tempDir();
    await runSweep({ text, file: 's.yaml', out: whole });
    const out = tempDir();
    const stop = new Error('interrupted');
    await expect(
      runSweep({
        text,
        file: 's.yaml',
        out,
        onProgress: (done) => {
          if (done === 5) throw stop;
        },
      }),
    ).rejects.toBe(stop);
    let ran = 0;
    const resumed = await runSweep({ text, file: 's.yaml', out, resume: true, onProgress: () => void ran++ });
    expect(resumed.reused).toBe(5);
    // One call before the first run, then one per run it made.
    expect(ran).toBe(1 + 7);
    for (const name of ['runs.csv', 'aggregate.csv']) {
      expect(readFileSync(join(out, 's', name), 'utf8')).toBe(readFileSync(join(whole, 's', name), 'utf8'));
    }
    // A changed scenario does not reuse the stored runs.
    const changed = await runSweep({ text: text.replace('seed: 5', 'seed: 6'), file: 's.yaml', out, resume: true });
    expect(changed.reused).toBe(0);
  });
});

describe('warm-up and the stopping rule', () => {
  it('measures only the messages sent after the warm-up, as the journal of the same run says', async () => {
    // Offered load above the bandwidth: the queue, and so the delay, grows all along.
    const text = `name: w
seed: 2
nodes: [a, b]
links:
  - { between: [a, b], bandwidth: 1Mbps, delay: 1ms }
flows:
  - { name: f, pattern: p2p, from: a, to: b, count: 100, size: 150B, interval: 1ms }
sweep: { grid: { 'links[0].delay': [1ms] }, warmup: 50ms }
`;
    const out = tempDir();
    await runSweep({ text, file: 'w.yaml', out });
    const row = (metric: string): string[] => readFileSync(join(out, 'w', 'runs.csv'), 'utf8').split('\n').find((line) => line.includes(`,f,${metric},`))!.split(',');
    const scenario = parseScenario(text.replace(/^sweep:.*$/m, ''), 'w.yaml');
    const journal = (await runScenario(scenario, { seed: replicationSeed(2, 0) })).journal;
    const late: number[] = [];
    for (let id = 0; id < journal.length; id++) {
      if (journal.sentAt[id]! >= 0.05 && journal.outcome[id] === Outcome.Delivered) late.push(journal.receivedAt[id]! - journal.sentAt[id]!);
    }
    expect(late).toHaveLength(50);
    const mean = late.reduce((a, b) => a + b) / late.length;
    expect(Number(row('delay_mean')[6])).toBeCloseTo(mean, 12);
    expect(Number(row('delay_min')[6])).toBe(Math.min(...late));
    // The formula's value still comes from the whole schedule: the waits behind early messages count.
    expect(Number(row('delay_mean')[7])).toBeCloseTo(mean, 12);
  });

  it('adds batches of replications to each point until its interval is narrow enough, or the maximum', async () => {
    const text = `${base}sweep:
  grid:
    links[0].loss: [0, 0.05, 0.3]
  replications: 3
  until_ci: { metric: reliability, half_width: 2%, max_replications: 12 }
`;
    const out = tempDir();
    await runSweep({ text, file: 's.yaml', out });
    const rows = readFileSync(join(out, 's', 'aggregate.csv'), 'utf8').trimEnd().split('\n').filter((line) => line.includes(',f,reliability,')).map((line) => line.split(','));
    const ns = rows.map((r) => Number(r[4]));
    expect(ns.every((n) => n >= 3 && n <= 12 && n % 3 === 0)).toBe(true);
    expect(new Set(ns).size).toBeGreaterThan(1);
    const runs = readFileSync(join(out, 's', 'runs.csv'), 'utf8').trimEnd().split('\n').filter((line) => line.includes(',f,reliability,')).map((line) => line.split(','));
    for (const r of rows) {
      const [n, mean, half] = [Number(r[4]), Number(r[5]), Number(r[9])];
      // Either narrow enough, or out of replications; and with one batch fewer it was not narrow enough.
      expect(half <= 0.02 * mean || n === 12).toBe(true);
      if (n > 3) {
        const earlier = summarise(runs.filter((run) => run[0] === r[0] && Number(run[1]) < n - 3).map((run) => Number(run[6])));
        expect(earlier.halfWidth).toBeGreaterThan(0.02 * earlier.mean);
      }
    }
    expect(problem(`${base}sweep: { grid: { 'links[0].loss': [0] }, replications: 1, until_ci: { metric: reliability, half_width: 1% } }\n`)).toMatch(/at least 2 replications/);
    expect(problem(`${base}sweep: { grid: { 'links[0].loss': [0] }, replications: 2, until_ci: { metric: reliability, flow: g, half_width: 0.01 } }\n`)).toMatch(/until_ci\.flow: no flow named "g"/);
    expect(problem(`${base}sweep: { grid: { 'links[0].loss': [0] }, replications: 2, until_ci: { metric: reliability, half_width: "1 %" } }\n`)).toMatch(/until_ci\.half_width/);
  });
});

describe('a sweep of a program', () => {
  it('loads the program in its workers and reports the workload rows per point', async () => {
    const out = tempDir();
    const program = `name: bc
nodes: 4
topology: { kind: full-mesh, link: { bandwidth: 1Gbps, delay: 10ms } }
program: { module: ${resolve('test/support/program.ts')}, export: flooding }
workload: { kind: broadcast, topology: line }
clients: { concurrency: 4, rate: 20, duration: 2s, recovery: 1s }
sweep:
  grid:
    workload.topology: [line, total]
`;
    // Through the CLI, whose sweep workers are threads of the built package.
    writeFileSync(join(out, 'bc.yaml'), program);
    const result = msgsim('sweep', join(out, 'bc.yaml'), '--out', out, '--workers', '2');
    expect(result.status, result.stderr).toBe(0);
    const aggregate = readFileSync(join(out, 'bc', 'aggregate.csv'), 'utf8').trimEnd().split('\n');
    const row = (point: number, metric: string): string[] => aggregate.find((line) => line.startsWith(`${point},`) && line.includes(`,workload:broadcast,${metric},`))!.split(',');
    expect(row(0, 'lost')[5]).toBe('0');
    expect(row(1, 'lost')[5]).toBe('0');
    // Flooding over 4 nodes: a line has 3 edges, total 6, so total sends more per operation.
    expect(Number(row(1, 'msgs_per_op')[5])).toBeGreaterThan(Number(row(0, 'msgs_per_op')[5]));
  });
});
