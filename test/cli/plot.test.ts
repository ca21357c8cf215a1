/**
 * msgsim plot and the default charts of sweeps: the chart a table asks for (series by a
 * column, error bars from a mean's interval, the formula dashed), units read from cells,
 * one chart per metric of a sweep, and one-line errors.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cellValue, chartSeries, parseTable, sweepCharts } from '../../src/sweep/charts.js';
import { msgsim, tempDir } from '../support/cli.js';

const aggregate = `point,links[0].loss,flows[0].size,flow,metric,n,mean,stddev,ci_low,ci_high,half_width,p50,p95,p99,expected
0,0,100B,f,reliability,3,1,0,1,1,0,1,1,1,1
1,0,1KB,f,reliability,3,0.999,0.001,0.997,1.001,0.002,0.999,1,1,1
2,0.2,100B,f,reliability,3,0.8,0.01,0.78,0.82,0.02,0.8,0.81,0.81,0.8
3,0.2,1KB,f,reliability,3,0.79,0.02,0.75,0.83,0.04,0.79,0.81,0.81,0.8
0,0,100B,f,delay_mean,3,0.001,0,0.001,0.001,0,0.001,0.001,0.001,0.001
`;

describe('charts from tables', () => {
  it('read quantities in base units and make one series per group, with intervals and the formula', () => {
    expect(cellValue('1KB')).toEqual({ value: 1000, kind: 'size' });
    expect(cellValue('5ms')).toEqual({ value: 0.005, kind: 'duration' });
    expect(cellValue('0.25')).toEqual({ value: 0.25 });
    expect(cellValue('exp(1ms)')).toBeUndefined();
    const { series, xLabel } = chartSeries(parseTable(aggregate), { x: 'links[0].loss', y: 'mean', group: ['flows[0].size'], where: [['metric', 'reliability']] });
    expect(xLabel).toBe('links[0].loss');
    expect(series.map((s) => s.name)).toEqual(['flows[0].size=100B', 'flows[0].size=1KB']);
    expect(series[1]!.points).toEqual([
      { x: 0, y: 0.999, low: 0.997, high: 1.001 },
      { x: 0.2, y: 0.79, low: 0.75, high: 0.83 },
    ]);
    expect(series[1]!.expected).toEqual([
      { x: 0, y: 1 },
      { x: 0.2, y: 0.8 },
    ]);
    expect(chartSeries(parseTable(aggregate), { x: 'flows[0].size', y: 'p95', where: [['metric', 'reliability']] })).toMatchObject({ xLabel: 'flows[0].size', xUnit: 'bytes', yUnit: 'ratio' });
  });

  it('msgsim plot writes the SVG, and says in one line what is wrong with a column or a filter', () => {
    const dir = tempDir();
    const csv = join(dir, 'aggregate.csv');
    writeFileSync(csv, aggregate);
    const ok = msgsim('plot', csv, '--x', 'links[0].loss', '--y', 'mean', '--group', 'flows[0].size', '--where', 'metric=reliability', '--title', 'Reliability');
    expect(ok.status, ok.stderr).toBe(0);
    const svg = readFileSync(join(dir, 'aggregate.svg'), 'utf8');
    expect(svg).toContain('<svg');
    expect(svg).toContain('Reliability');
    expect(svg.match(/class="error-bar"/g)?.length).toBe(4);
    expect(svg).toMatch(/class="expected"/);
    const unknown = msgsim('plot', csv, '--x', 'loss', '--y', 'mean');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/^msgsim: .*aggregate\.csv: no column "loss" \(columns: point, links\[0\]\.loss, /);
    const none = msgsim('plot', csv, '--x', 'links[0].loss', '--y', 'mean', '--where', 'metric=throughput');
    expect(none.stderr).toBe(`msgsim: ${csv}: no rows to draw where metric=throughput\n`);
  });

  it('reads a repeated --where on one column as any of its values', () => {
    const where: [string, string][] = [
      ['metric', 'reliability'],
      ['flows[0].size', '100B'],
      ['flows[0].size', '1KB'],
    ];
    const { series } = chartSeries(parseTable(aggregate), { x: 'links[0].loss', y: 'mean', group: ['flows[0].size'], where });
    expect(series.map((s) => [s.name, s.points.length])).toEqual([
      ['flows[0].size=100B', 2],
      ['flows[0].size=1KB', 2],
    ]);
    const dir = tempDir();
    const csv = join(dir, 'aggregate.csv');
    writeFileSync(csv, aggregate);
    const ok = msgsim('plot', csv, '--x', 'links[0].loss', '--y', 'mean', '--group', 'flows[0].size', '--where', 'metric=reliability', '--where', 'flows[0].size=100B', '--where', 'flows[0].size=1KB');
    expect(ok.status, ok.stderr).toBe(0);
    expect(readFileSync(join(dir, 'aggregate.svg'), 'utf8').match(/class="series-line"/g)).toHaveLength(2);
  });

  it('refuses, in one line, a y column that is not numbers and rows that mix metrics or flows, saying what to add', () => {
    const dir = tempDir();
    const csv = join(dir, 'aggregate.csv');
    writeFileSync(csv, aggregate);
    const text = msgsim('plot', csv, '--x', 'links[0].loss', '--y', 'flow', '--where', 'metric=reliability');
    expect(text.status).toBe(2);
    expect(text.stderr).toBe(`msgsim: ${csv}: column "flow", line 2: "f" is not a number or a quantity (e.g. 1KB, 5ms, 10Mbps); --y needs a column of numbers\n`);
    const mixed = msgsim('plot', csv, '--x', 'links[0].loss', '--y', 'mean');
    expect(mixed.status).toBe(2);
    expect(mixed.stderr).toBe(`msgsim: ${csv}: column "metric" has 2 values in the selected rows (reliability, delay_mean); add --where metric=<one of them>\n`);
    const flows = join(dir, 'flows.csv');
    writeFileSync(flows, `${aggregate.trimEnd()}\n${aggregate.trimEnd().split('\n').slice(1).map((line) => line.replace(',f,', ',g,')).join('\n')}\n`);
    const both = msgsim('plot', flows, '--x', 'links[0].loss', '--y', 'mean', '--where', 'metric=reliability', '--group', 'flows[0].size');
    expect(both.stderr).toBe(`msgsim: ${flows}: column "flow" has 2 values in the selected rows (f, g); add --where flow=<one of them>, or --group flow\n`);
    expect(msgsim('plot', flows, '--x', 'links[0].loss', '--y', 'mean', '--where', 'metric=reliability', '--group', 'flows[0].size', '--group', 'flow').status).toBe(0);
  });

  it("labels the y axis in the unit of the metric drawn, not by its name", () => {
    const table = parseTable(`point,flows[0].size,flow,metric,n,mean,ci_low,ci_high,expected
0,100B,f,delay_matched,3,300,300,300,300
1,1KB,f,delay_matched,3,300,300,300,300
0,100B,f,delay_mean,3,0.0012,0.0011,0.0013,0.0012
1,1KB,f,delay_mean,3,0.0083,0.0082,0.0084,0.0083
0,100B,f,throughput,3,2100000,2000000,2200000,
1,1KB,f,throughput,3,7900000,7800000,8000000,
`);
    const spec = (metric: string) => ({ x: 'flows[0].size', y: 'mean', where: [['metric', metric] as [string, string]] });
    expect(chartSeries(table, spec('delay_matched'))).toMatchObject({ xLabel: 'flows[0].size', xUnit: 'bytes', yLabel: 'mean', yUnit: 'count' });
    expect(chartSeries(table, spec('delay_mean'))).toMatchObject({ yUnit: 'seconds' });
    expect(chartSeries(table, spec('throughput'))).toMatchObject({ yUnit: 'bits/s' });
    const messages = parseTable('flow,id,bytes,sent_s,delay_s,hops\nf,0,100,0,0.0021,1\nf,1,100,0.5,0.0023,2\n');
    expect(chartSeries(messages, { x: 'sent_s', y: 'delay_s' })).toMatchObject({ xUnit: 'seconds', yUnit: 'seconds' });
    expect(chartSeries(messages, { x: 'bytes', y: 'hops' })).toMatchObject({ xUnit: 'bytes', yUnit: 'count' });
    expect(chartSeries(messages, { x: 'id', y: 'hops' }).xUnit).toBeUndefined();
    const charts = new Map(sweepCharts(table, ['flows[0].size'], 'out'));
    const yLabel = (svg: string): string => /class="axis-label y-label"[^>]*>([^<]*)</.exec(svg)![1]!;
    expect(yLabel(charts.get(join('out', 'charts', 'f.delay_matched.svg'))!)).toBe('delay_matched');
    expect(yLabel(charts.get(join('out', 'charts', 'f.delay_mean.svg'))!)).toBe('delay_mean (ms)');
    expect(yLabel(charts.get(join('out', 'charts', 'f.throughput.svg'))!)).toBe('throughput (Mbps)');
  });

  it('a sweep draws one chart per flow and metric, and merged shards draw the same ones', () => {
    const file = join(tempDir(), 'tiny.yaml');
    writeFileSync(
      file,
      `name: tiny
nodes: [a, b]
links: [{ between: [a, b], bandwidth: 1Mbps, delay: 1ms, loss: 0.1 }]
flows: [{ name: f, pattern: p2p, from: a, to: b, count: 30, size: 100B, interval: 2ms }]
sweep: { grid: { 'links[0].loss': [0, 0.1, 0.3] }, replications: 2 }
`,
    );
    const whole = tempDir();
    expect(msgsim('sweep', file, '--out', whole, '--workers', '1').status).toBe(0);
    const charts = readdirSync(join(whole, 'tiny', 'charts')).sort();
    expect(charts).toContain('f.reliability.svg');
    expect(charts).toContain('f.delay_mean.svg');
    const metrics = new Set(readFileSync(join(whole, 'tiny', 'aggregate.csv'), 'utf8').trimEnd().split('\n').slice(1).map((line) => line.split(',')[3]));
    expect(charts).toHaveLength(metrics.size);
    const shards = ['1/2', '2/2'].map((shard) => {
      const out = tempDir();
      expect(msgsim('sweep', file, '--out', out, '--shard', shard, '--workers', '1').status).toBe(0);
      return join(out, 'tiny');
    });
    const merged = tempDir();
    expect(msgsim('merge', ...shards, '--out', merged).status).toBe(0);
    for (const chart of charts) expect(readFileSync(join(merged, 'tiny', 'charts', chart), 'utf8')).toBe(readFileSync(join(whole, 'tiny', 'charts', chart), 'utf8'));
  });
});
