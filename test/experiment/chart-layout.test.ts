/**
 * A line chart before it is markup: what the series show (sorted, filtered, counted), the
 * axes' domains and ticks, and a layout whose points, bars and legend sit where they should.
 */
import { describe, expect, it } from 'vitest';
import { chartData, type ChartSeries } from '../../src/experiment/chart-data.js';
import { layoutChart, type PointColumns } from '../../src/experiment/chart-layout.js';
import { chooseTicks, extent, labelsFit, makeScale } from '../../src/experiment/chart-scales.js';

describe('chartData', () => {
  it('sorts each series by x, drops what is not finite, and colours series in order', () => {
    const data = chartData(
      [
        { name: 'a', points: [{ x: 3, y: 1 }, { x: 1, y: Number.NaN }, { x: 2, y: 2, low: Number.NaN, high: 3 }] },
        { name: 'b', points: [{ x: 1, y: 1 }] },
      ],
      false,
      false,
    );
    expect(data.series[0]!.points).toEqual([{ x: 2, y: 2, high: 3 }, { x: 3, y: 1 }]);
    expect(data.series[0]!.color).not.toBe(data.series[1]!.color);
    expect(data.ys).toEqual([2, 3, 1, 1]);
    expect(data.legend.map((entry) => entry.name)).toEqual(['a', 'b']);
  });

  it('counts what log axes leave out, and keeps an error bar whose low end is at or below zero down to the axis', () => {
    const series: ChartSeries[] = [{ name: 'p', points: [{ x: 0, y: 1 }, { x: 1, y: 0.5, low: -1 }, { x: 2, y: 0 }], expected: [{ x: -1, y: 1 }] }];
    const data = chartData(series, true, true);
    expect(data.series[0]!.points).toEqual([{ x: 1, y: 0.5, low: 0 }]);
    expect(data.note).toBe('1 point and 1 formula value with x ≤ 0 left out (log x axis); 1 point with y ≤ 0 left out (log y axis).');
    expect(data.legend.map((entry) => entry.kind)).toEqual(['series', 'formula']);
  });

  it('throws when nothing can be drawn', () => {
    expect(() => chartData([], false, false)).toThrow(/no series given/);
    expect(() => chartData([{ name: 'n', points: [{ x: -1, y: 1 }] }], true, false)).toThrow(/positive on a log axis/);
  });
});

describe('scales', () => {
  it('pads a linear domain by 5% without crossing zero, and widens a single value', () => {
    expect(extent([10, 20], false)).toEqual([9.5, 20.5]);
    expect(extent([0, 10], false)).toEqual([0, 10.5]);
    expect(extent([-10, -5], false)).toEqual([-10.25, -4.75]);
    expect(extent([4, 4], false)).toEqual([3.6, 4.4]);
    expect(extent([0, 0], false)).toEqual([-1, 1]);
    expect(extent([5, 5], true)).toEqual([2.5, 10]);
  });

  it('asks for fewer ticks until their labels fit', () => {
    const scale = makeScale([0, 1e9], false, [0, 200]);
    const { ticks } = chooseTicks(scale, false, true, undefined);
    expect(ticks.length).toBeGreaterThanOrEqual(2);
    expect(labelsFit(ticks, true)).toBe(true);
    expect(labelsFit(makeScale([0, 1e9], false, [0, 200]).ticks(10).map((value) => ({ value, at: value / 5e6, label: String(value) })), true)).toBe(false);
  });
});

describe('layoutChart', () => {
  const series: ChartSeries[] = [
    { name: 'measured', points: [1, 2, 3, 4].map((x) => ({ x, y: x * 2, low: x * 2 - 0.5, high: x * 2 + 0.5 })), expected: [1, 4].map((x) => ({ x, y: x * 2 })) },
    { name: 'other', points: [1, 4].map((x) => ({ x, y: 1 })) },
  ];
  const layout = layoutChart(chartData(series, false, false), { title: 'T', xLabel: 'x', yLabel: 'y', width: 600, height: 400 });
  const { plot } = layout;

  it('keeps the size asked for, the plot inside it, and the legend right of the plot', () => {
    expect([layout.width, layout.height]).toEqual([600, 400]);
    expect(plot.left).toBeGreaterThan(0);
    expect(plot.right).toBeLessThan(600);
    expect(plot.bottom).toBeLessThan(400);
    expect(layout.legend.map((row) => row.label)).toEqual(['measured', 'other', 'formula (dashed)']);
    for (const row of layout.legend) expect(row.x1).toBeGreaterThan(plot.right);
    expect(layout.legend[1]!.y - layout.legend[0]!.y).toBe(20);
  });

  /** The points of columns as [x, y] pairs. */
  const pairs = (columns: PointColumns): [number, number][] => Array.from(columns.xs, (x, i) => [x, columns.ys[i]!]);

  it('puts points, bars and expected values inside the plot, bars round their points with caps', () => {
    const [measured] = layout.series;
    const markers = pairs(measured!.markers);
    for (const [x, y] of [...pairs(measured!.line), ...markers, ...pairs(measured!.expected)]) {
      expect(x).toBeGreaterThanOrEqual(plot.left);
      expect(x).toBeLessThanOrEqual(plot.right);
      expect(y).toBeGreaterThanOrEqual(plot.top);
      expect(y).toBeLessThanOrEqual(plot.bottom);
    }
    expect(markers).toHaveLength(4);
    expect(measured!.bars).toHaveLength(4);
    measured!.bars.forEach((bar, i) => {
      expect(bar.x).toBe(markers[i]![0]);
      expect(bar.bottom).toBeGreaterThan(markers[i]![1]);
      expect(bar.top).toBeLessThan(markers[i]![1]);
      expect([bar.lowCap, bar.highCap]).toEqual([true, true]);
    });
    // The line rises to the right (y grows upwards on the page).
    expect(measured!.line.ys[3]).toBeLessThan(measured!.line.ys[0]!);
  });

  it('centres the title over the plot and puts the axis labels beside their axes', () => {
    expect(layout.heading!.x).toBeCloseTo((plot.left + plot.right) / 2, 9);
    expect(layout.xLabel.y).toBeGreaterThan(layout.xTickY);
    expect(layout.xLabel.x).toBeCloseTo((plot.left + plot.right) / 2, 9);
    expect(layout.yLabel.x).toBeLessThan(plot.left);
    expect(layout.yLabel.y).toBeCloseTo((plot.top + plot.bottom) / 2, 9);
    for (const tick of layout.yTicks) expect(tick.at).toBeGreaterThanOrEqual(plot.top - 1e-9);
  });

  it('draws a dense series as a band round its error bars, without bars or markers', () => {
    const points = Array.from({ length: 100 }, (_, i) => ({ x: i, y: 1, low: 0.5, high: 1.5 }));
    const [dense] = layoutChart(chartData([{ name: 'd', points }], false, false), { xLabel: 'x', yLabel: 'y' }).series;
    expect(dense!.dense).toBe(true);
    expect(dense!.bars).toEqual([]);
    expect(dense!.markers.xs).toHaveLength(0);
    const { tops, bottoms } = dense!.band!;
    expect([tops.xs.length, bottoms.xs.length]).toEqual([100, 100]);
    expect(Array.from(tops.xs)).toEqual(Array.from(dense!.line.xs));
    for (let i = 0; i < 100; i++) {
      expect(tops.ys[i]).toBeLessThan(dense!.line.ys[i]!);
      expect(bottoms.ys[i]).toBeGreaterThan(dense!.line.ys[i]!);
    }
  });
});
