/**
 * Line charts of results: well-formed, deterministic SVG with a line and markers per series,
 * error bars, dashed formula lines, a legend clear of the data, log axes that leave out what
 * they cannot show (and say so), ticks whose labels do not overlap, and all text escaped.
 */
import { describe, expect, it } from 'vitest';
import { xmlProblems } from '../support/xml.js';
import { lineChartSvg, type ChartOptions, type ChartSeries } from '../../src/experiment/chart.js';


type Attributes = Record<string, string>;

/** Every element (open or self-closing tag) of `svg` named `tag`, as its attribute map. */
function tags(svg: string, tag: string): Attributes[] {
  return [...svg.matchAll(new RegExp(`<${tag}((?:\\s+[\\w:.-]+="[^"]*")*)\\s*/?>`, 'g'))].map(([, attributes]) =>
    Object.fromEntries([...attributes!.matchAll(/([\w:.-]+)="([^"]*)"/g)].map(([, key, value]) => [key!, value!])),
  );
}

/** The elements named `tag` whose class list includes `className`. */
function withClass(svg: string, tag: string, className: string): Attributes[] {
  return tags(svg, tag).filter((attributes) => (attributes['class'] ?? '').split(' ').includes(className));
}

/** The text of each `<text>` with class `className` (a leading `<title>` tooltip left off). */
function texts(svg: string, className: string): string[] {
  return [...svg.matchAll(/<text\s([^>]*)>(?:<title>[^<]*<\/title>)?([^<]*)<\/text>/g)]
    .filter(([, attributes]) => (/class="([^"]*)"/.exec(attributes!)?.[1] ?? '').split(' ').includes(className))
    .map(([, , text]) => text!);
}

/** The legend entries' labels, in order. */
function legendLabels(svg: string): string[] {
  return [...svg.matchAll(/<g class="legend-entry">.*?<text[^>]*>(?:<title>[^<]*<\/title>)?([^<]*)<\/text><\/g>/g)].map(([, text]) => text!);
}

/** A polyline's points as [x, y] pairs. */
function polylinePoints(attributes: Attributes): [number, number][] {
  return attributes['points']!.split(' ').map((pair) => pair.split(',').map(Number) as [number, number]);
}

/** The plot area, from the two axis lines (the first two lines of the axes group). */
function plotArea(svg: string): { left: number; right: number; top: number; bottom: number } {
  const axes = /<g class="axes">(.*?)<\/g>/.exec(svg)![1]!;
  const [xAxis, yAxis] = tags(axes, 'line');
  return { left: Number(yAxis!['x1']), right: Number(xAxis!['x2']), top: Number(yAxis!['y1']), bottom: Number(xAxis!['y1']) };
}

const OPTIONS: ChartOptions = { title: 'Delay vs size', xLabel: 'message size (bytes)', yLabel: 'mean delay (s)' };

/** Three delay-vs-size series with 95% CIs, two of them with a formula's expected values. */
function delaySeries(): ChartSeries[] {
  const sizes = [100, 1000, 5000, 10000, 20000];
  return [0, 1, 2].map((hops) => ({
    name: `${hops + 1} hop${hops === 0 ? '' : 's'}`,
    points: sizes.map((x, i) => {
      const y = 0.005 + hops * 0.001 + x * (4 + hops) * 1e-7 + (i % 2) * 1e-4;
      return { x, y, low: y - 0.0005, high: y + 0.0005 };
    }),
    ...(hops < 2 ? { expected: sizes.map((x) => ({ x, y: 0.005 + hops * 0.001 + x * (4 + hops) * 1e-7 })) } : {}),
  }));
}

describe('lineChartSvg', () => {
  it('writes a well-formed SVG document with a title and a white background', () => {
    const svg = lineChartSvg(delaySeries(), OPTIONS);
    expect(xmlProblems(svg)).toEqual([]);
    expect(svg.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg ')).toBe(true);
    expect(svg).toContain('xmlns="http://www.w3.org/2000/svg"');
    expect(svg).toContain('font-family="sans-serif"');
    expect(svg).toContain('<title>Delay vs size</title>');
    const [background] = withClass(svg, 'rect', 'background');
    expect(background?.['fill']).toBe('#fff');
    const root = tags(svg, 'svg')[0]!;
    expect(background?.['width']).toBe(root['width']);
    expect(background?.['height']).toBe(root['height']);
  });

  it('has a checker that finds what is not well-formed', () => {
    const svg = lineChartSvg(delaySeries(), OPTIONS);
    expect(xmlProblems(svg.replace('</g>', ''))).not.toEqual([]);
    expect(xmlProblems(svg.replace('mean delay', 'mean & delay'))).not.toEqual([]);
    expect(xmlProblems(svg.replace('</svg>', '</svg><svg/>'))).not.toEqual([]);
  });

  it('draws one line per series and one marker per finite point', () => {
    const series: ChartSeries[] = [
      { name: 'a', points: [{ x: 1, y: 2 }, { x: 2, y: Number.NaN }, { x: 3, y: 4 }, { x: Number.POSITIVE_INFINITY, y: 1 }] },
      { name: 'b', points: [{ x: 1, y: 3 }, { x: 2, y: 3.5 }] },
      { name: 'c', points: [{ x: Number.NaN, y: 1 }] },
    ];
    const svg = lineChartSvg(series, OPTIONS);
    const lines = withClass(svg, 'polyline', 'series-line');
    expect(lines).toHaveLength(2);
    expect(lines.map((line) => polylinePoints(line).length)).toEqual([2, 2]);
    expect(withClass(svg, 'circle', 'marker')).toHaveLength(4);
    expect(svg).not.toMatch(/NaN|Infinity/);
  });

  it('draws each line through its points sorted by x, in a colour of its own', () => {
    const svg = lineChartSvg(
      [
        { name: 'shuffled', points: [5, 1, 4, 2, 3].map((x) => ({ x, y: x * x })) },
        { name: 'other', points: [1, 5].map((x) => ({ x, y: 1 })) },
      ],
      OPTIONS,
    );
    const [first, second] = withClass(svg, 'polyline', 'series-line');
    const xs = polylinePoints(first!).map(([x]) => x);
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
    expect(new Set(xs).size).toBe(5);
    expect(first!['stroke']).not.toBe(second!['stroke']);
  });

  it('draws an error bar where a point has a finite low or high end', () => {
    const series: ChartSeries[] = [
      {
        name: 'ci',
        points: [
          { x: 1, y: 5, low: 4, high: 6 },
          { x: 2, y: 6, low: Number.NaN, high: Number.NaN },
          { x: 3, y: 7, high: 8 },
          { x: 4, y: 8 },
          { x: 5, y: 9, low: 8.5 },
          { x: 6, y: Number.NaN, low: 1, high: 2 },
        ],
      },
    ];
    const svg = lineChartSvg(series, OPTIONS);
    const bars = withClass(svg, 'path', 'error-bar');
    expect(bars).toHaveLength(3);
    // A bar with both ends has its stem and two caps; each bar spans from low to high.
    const segments = bars.map((bar) => bar['d']!.split('M').filter((part) => part.trim() !== '').length);
    expect(segments).toEqual([3, 2, 2]);
    const [full] = bars;
    const ys = full!['d']!.split(/[ML]/).filter((part) => part.trim() !== '').map((pair) => Number(pair.trim().split(' ')[1]));
    const [marker] = withClass(svg, 'circle', 'marker');
    expect(Math.max(...ys)).toBeGreaterThan(Number(marker!['cy']));
    expect(Math.min(...ys)).toBeLessThan(Number(marker!['cy']));
  });

  it('lets the domain cover error bars and expected values', () => {
    const svg = lineChartSvg(
      [{ name: 's', points: [{ x: 0, y: 10, low: -50, high: 12 }, { x: 1, y: 11, low: 10, high: 400 }], expected: [{ x: 0.5, y: 300 }, { x: 2, y: 5 }] }],
      OPTIONS,
    );
    const plot = plotArea(svg);
    const pairs = [
      ...withClass(svg, 'path', 'error-bar').flatMap((bar) => bar['d']!.match(/-?[\d.]+ -?[\d.]+/g)!.map((pair) => pair.split(' ').map(Number) as [number, number])),
      ...withClass(svg, 'polyline', 'expected').flatMap((line) => polylinePoints(line)),
    ];
    expect(pairs.length).toBeGreaterThan(8);
    for (const [x, y] of pairs) {
      expect(x).toBeGreaterThanOrEqual(plot.left - 5);
      expect(x).toBeLessThanOrEqual(plot.right);
      expect(y).toBeGreaterThanOrEqual(plot.top);
      expect(y).toBeLessThanOrEqual(plot.bottom);
    }
  });

  it('draws the expected values as a dashed line of the series colour', () => {
    const svg = lineChartSvg(delaySeries(), OPTIONS);
    const lines = withClass(svg, 'polyline', 'series-line');
    const expected = withClass(svg, 'polyline', 'expected');
    expect(expected).toHaveLength(2);
    for (const [i, line] of expected.entries()) {
      expect(line['stroke-dasharray']).toMatch(/^\d/);
      expect(line['stroke']).toBe(lines[i]!['stroke']);
      expect(polylinePoints(line)).toHaveLength(5);
    }
    expect(lines.every((line) => line['stroke-dasharray'] === undefined)).toBe(true);
  });

  it('has a legend entry per series and one for the formula, right of the plot', () => {
    const svg = lineChartSvg(delaySeries(), OPTIONS);
    expect(legendLabels(svg)).toEqual(['1 hop', '2 hops', '3 hops', 'formula (dashed)']);
    const plot = plotArea(svg);
    const legendXs = tags(/<g class="legend">(.*?)<\/g>\n/.exec(svg)![1]!, 'line').map((line) => Number(line['x1']));
    expect(Math.min(...legendXs)).toBeGreaterThan(plot.right);
    const markerXs = withClass(svg, 'circle', 'marker').map((marker) => Number(marker['cx']));
    expect(Math.max(...markerXs)).toBeLessThanOrEqual(plot.right);
    const [root] = tags(svg, 'svg');
    const longest = Math.max(...legendLabels(svg).map((label) => label.length));
    expect(Number(root!['width']) - Math.min(...legendXs)).toBeGreaterThan(longest * 0.5 * 12);
  });

  it('measures text by its characters: a legend of narrow names leaves the plot more room than one of wide names', () => {
    const named = (a: string, b: string): ChartSeries[] => [a, b].map((name, i) => ({ name, points: [{ x: 1, y: i }, { x: 2, y: i + 1 }] }));
    const narrow = plotArea(lineChartSvg(named('illi.illi.illi', 'il,il,il,il,il'), OPTIONS));
    const wide = plotArea(lineChartSvg(named('MWMWMWMWMWMWMW', 'WMWMWMWMWMWMWM'), OPTIONS));
    expect(narrow.right - wide.right).toBeGreaterThan(50);
  });

  it('leaves the formula entry out without expected values, and the legend out for a lone series', () => {
    const without = delaySeries().map(({ name, points }) => ({ name, points }));
    expect(legendLabels(lineChartSvg(without, OPTIONS))).toEqual(['1 hop', '2 hops', '3 hops']);
    const lone = lineChartSvg(without.slice(0, 1), OPTIONS);
    expect(legendLabels(lone)).toEqual([]);
    expect(withClass(lone, 'polyline', 'series-line')).toHaveLength(1);
    expect(legendLabels(lineChartSvg(delaySeries().slice(0, 1), OPTIONS))).toEqual(['1 hop', 'formula (dashed)']);
  });

  it('labels both axes and ticks them with labels that do not overlap', () => {
    const series: ChartSeries[] = [{ name: 'big', points: [0, 1, 2, 3].map((i) => ({ x: 1e9 + i * 123456789, y: i })) }, { name: 'b', points: [{ x: 1.3e9, y: 2 }] }];
    for (const width of [300, 500, 720, 1200]) {
      const svg = lineChartSvg(series, { ...OPTIONS, width });
      expect(texts(svg, 'x-label')).toEqual(['message size (bytes)']);
      expect(texts(svg, 'y-label')).toEqual(['mean delay (s)']);
      expect(withClass(svg, 'text', 'y-label')[0]!['transform']).toMatch(/^rotate\(-90 /);
      const ticks = withClass(svg, 'text', 'x-tick').map((tick, i) => ({ x: Number(tick['x']), label: texts(svg, 'x-tick')[i]! }));
      expect(ticks.length).toBeGreaterThanOrEqual(2);
      for (let i = 1; i < ticks.length; i++) {
        const gap = ticks[i]!.x - ticks[i - 1]!.x;
        expect(gap, `width ${width}: ${ticks[i - 1]!.label} | ${ticks[i]!.label}`).toBeGreaterThan(((ticks[i]!.label.length + ticks[i - 1]!.label.length) / 2) * 0.6 * 11);
      }
      expect(withClass(svg, 'text', 'y-tick').length).toBeGreaterThanOrEqual(2);
    }
  });

  it('still draws a chart when all values are equal', () => {
    const svg = lineChartSvg([{ name: 'flat', points: [{ x: 3, y: 0.25 }, { x: 3, y: 0.25 }] }], OPTIONS);
    expect(xmlProblems(svg)).toEqual([]);
    const plot = plotArea(svg);
    expect(plot.right - plot.left).toBeGreaterThan(100);
    expect(plot.bottom - plot.top).toBeGreaterThan(100);
    for (const marker of withClass(svg, 'circle', 'marker')) {
      expect(Number(marker['cx'])).toBeGreaterThan(plot.left);
      expect(Number(marker['cx'])).toBeLessThan(plot.right);
      expect(Number(marker['cy'])).toBeGreaterThan(plot.top);
      expect(Number(marker['cy'])).toBeLessThan(plot.bottom);
    }
    expect(withClass(svg, 'text', 'x-tick').length).toBeGreaterThanOrEqual(2);
    expect(withClass(svg, 'text', 'y-tick').length).toBeGreaterThanOrEqual(2);
  });

  it('leaves out points at or below zero on a log x axis, and says so', () => {
    const series: ChartSeries[] = [{ name: 'load', points: [0, -1, 1, 10, 100, 1000].map((x) => ({ x, y: 1 + x })), expected: [0, 1, 1000].map((x) => ({ x, y: 1 + x })) }];
    const linear = lineChartSvg(series, OPTIONS);
    expect(withClass(linear, 'circle', 'marker')).toHaveLength(6);
    expect(texts(linear, 'note')).toEqual([]);
    const log = lineChartSvg(series, { ...OPTIONS, logX: true });
    expect(xmlProblems(log)).toEqual([]);
    expect(withClass(log, 'circle', 'marker')).toHaveLength(4);
    expect(polylinePoints(withClass(log, 'polyline', 'expected')[0]!)).toHaveLength(2);
    expect(texts(log, 'note')).toEqual(['2 points and 1 formula value with x ≤ 0 left out (log x axis).']);
    // Decades are evenly spaced on a log axis.
    const xs = withClass(log, 'circle', 'marker').map((marker) => Number(marker['cx']));
    expect(xs[2]! - xs[1]!).toBeCloseTo(xs[1]! - xs[0]!, 1);
    expect(xs[3]! - xs[2]!).toBeCloseTo(xs[1]! - xs[0]!, 1);
    expect(texts(log, 'x-tick')).toEqual(expect.arrayContaining(['1', '10', '100', '1,000']));
  });

  it('leaves out points at or below zero on a log y axis', () => {
    const svg = lineChartSvg([{ name: 'p', points: [{ x: 1, y: 0 }, { x: 2, y: 0.01, low: -1, high: 0.02 }, { x: 3, y: 0.1 }] }], { ...OPTIONS, logY: true });
    expect(withClass(svg, 'circle', 'marker')).toHaveLength(2);
    expect(withClass(svg, 'path', 'error-bar')).toHaveLength(1);
    expect(texts(svg, 'note')).toEqual(['1 point with y ≤ 0 left out (log y axis).']);
    expect(svg).not.toMatch(/NaN|Infinity/);
  });

  it('escapes all text', () => {
    const series: ChartSeries[] = [
      { name: 'a<b & "c"', points: [{ x: 1, y: 1 }, { x: 2, y: 2 }] },
      { name: "it's", points: [{ x: 1, y: 2 }], expected: [{ x: 1, y: 1.5 }] },
    ];
    const svg = lineChartSvg(series, { title: 'T <&> T', xLabel: 'x <&', yLabel: 'y <&' });
    expect(xmlProblems(svg)).toEqual([]);
    expect(svg).toContain('<title>T &lt;&amp;&gt; T</title>');
    expect(texts(svg, 'x-label')).toEqual(['x &lt;&amp;']);
    expect(texts(svg, 'y-label')).toEqual(['y &lt;&amp;']);
    expect(legendLabels(svg)).toEqual(['a&lt;b &amp; &quot;c&quot;', 'it&apos;s', 'formula (dashed)']);
    expect(svg).not.toContain('<b');
  });

  it('is deterministic, with coordinates rounded to two decimals', () => {
    const first = lineChartSvg(delaySeries(), { ...OPTIONS, logX: true });
    expect(lineChartSvg(delaySeries(), { ...OPTIONS, logX: true })).toBe(first);
    expect(lineChartSvg(delaySeries(), OPTIONS)).not.toBe(first);
    const numbers = [...first.matchAll(/ (?:x|y|x1|y1|x2|y2|cx|cy|width|height)="([^"]*)"/g)].map(([, value]) => value!);
    const points = [...first.matchAll(/ (?:points|d)="([^"]*)"/g)].flatMap(([, value]) => value!.match(/-?\d+(?:\.\d+)?/g)!);
    expect(numbers.length).toBeGreaterThan(20);
    for (const value of [...numbers, ...points]) expect(value).toMatch(/^-?\d+(\.\d{1,2})?$/);
  });

  it('throws a RangeError when there is nothing to draw', () => {
    expect(() => lineChartSvg([], OPTIONS)).toThrow(RangeError);
    expect(() => lineChartSvg([{ name: 'nan', points: [{ x: Number.NaN, y: 1 }, { x: 1, y: Number.NaN }] }], OPTIONS)).toThrow(/nothing to draw/);
    expect(() => lineChartSvg([{ name: 'neg', points: [{ x: -1, y: 1 }, { x: 0, y: 2 }] }], { ...OPTIONS, logX: true })).toThrow(RangeError);
    expect(() => lineChartSvg([{ name: 'ok', points: [{ x: 1, y: 1 }] }], { ...OPTIONS, width: 0 })).toThrow(RangeError);
    expect(() => lineChartSvg([{ name: 'ok', points: [{ x: -1, y: 1 }] }], OPTIONS)).not.toThrow();
  });

  it('draws a dense series as a bare line, its error bars as a band behind it', () => {
    const points = Array.from({ length: 2000 }, (_, i) => {
      const y = 0.005 + 0.001 * Math.sin(i / 50);
      return { x: i, y, low: y - 0.0002, high: y + 0.0002 };
    });
    const svg = lineChartSvg([{ name: 'dense', points }], OPTIONS);
    expect(xmlProblems(svg)).toEqual([]);
    expect(withClass(svg, 'circle', 'marker')).toHaveLength(0);
    expect(withClass(svg, 'path', 'error-bar')).toHaveLength(0);
    const [line] = withClass(svg, 'polyline', 'series-line');
    expect(polylinePoints(line!)).toHaveLength(2000);
    const [band] = withClass(svg, 'path', 'error-band');
    expect(band?.['fill-opacity']).toBeDefined();
    expect(Number(band!['fill-opacity'])).toBeLessThan(0.5);
    // The band is drawn first, so the line is on top of it.
    expect(svg.indexOf('class="error-band"')).toBeLessThan(svg.indexOf('class="series-line"'));
    // A sparse series keeps its markers and bars.
    const sparse = lineChartSvg([{ name: 'sparse', points: points.slice(0, 20) }], OPTIONS);
    expect(withClass(sparse, 'circle', 'marker')).toHaveLength(20);
    expect(withClass(sparse, 'path', 'error-bar')).toHaveLength(20);
    expect(withClass(sparse, 'path', 'error-band')).toHaveLength(0);
  });
});

describe('lineChartSvg with units', () => {
  const line = (ys: readonly number[]): ChartSeries[] => [{ name: 'one', points: ys.map((y, x) => ({ x: x + 1, y })) }];

  it('shows a bit rate in bps, kbps, Mbps or Gbps, named once in the label of a linear axis', () => {
    const svg = lineChartSvg(line([2.1e6, 4.5e6, 8.9e6]), { xLabel: 'run', yLabel: 'throughput', yUnit: 'bits/s' });
    expect(texts(svg, 'y-label')).toEqual(['throughput (Mbps)']);
    const ticks = texts(svg, 'y-tick');
    expect(ticks).toContain('4');
    expect(ticks.every((tick) => /^\d+(\.\d+)?$/.test(tick) && Number(tick) <= 10)).toBe(true);
    expect(texts(lineChartSvg(line([1.5e9, 2.5e9]), { xLabel: 'run', yLabel: 'throughput', yUnit: 'bits/s' }), 'y-label')).toEqual(['throughput (Gbps)']);
    expect(texts(lineChartSvg(line([120e3, 480e3]), { xLabel: 'run', yLabel: 'throughput', yUnit: 'bits/s' }), 'y-label')).toEqual(['throughput (kbps)']);
  });

  it('shows durations in s, ms or µs and sizes in B, KB or MB', () => {
    expect(texts(lineChartSvg(line([0.0021, 0.0078]), { xLabel: 'run', yLabel: 'delay_mean', yUnit: 'seconds' }), 'y-label')).toEqual(['delay_mean (ms)']);
    expect(texts(lineChartSvg(line([21e-6, 78e-6]), { xLabel: 'run', yLabel: 'delay_mean', yUnit: 'seconds' }), 'y-label')).toEqual(['delay_mean (µs)']);
    expect(texts(lineChartSvg(line([2.5, 7.5]), { xLabel: 'run', yLabel: 'end_s', yUnit: 'seconds' }), 'y-label')).toEqual(['end_s (s)']);
    const sizes: ChartSeries[] = [{ name: 'one', points: [100, 20000, 50000].map((x, i) => ({ x, y: i })) }];
    const svg = lineChartSvg(sizes, { xLabel: 'flows[0].size', yLabel: 'n', xUnit: 'bytes' });
    expect(texts(svg, 'x-label')).toEqual(['flows[0].size (KB)']);
    expect(texts(svg, 'x-tick')).toContain('20');
  });

  it('gives every label of a log axis its own prefix and unit', () => {
    const svg = lineChartSvg(line([1e-5, 1e-3, 0.1]), { xLabel: 'run', yLabel: 'delay_mean', yUnit: 'seconds', logY: true });
    expect(texts(svg, 'y-label')).toEqual(['delay_mean']);
    const ticks = texts(svg, 'y-tick');
    expect(ticks).toEqual(expect.arrayContaining(['10 µs', '100 µs', '1 ms', '10 ms', '100 ms']));
  });

  it('shows counts and ratios as plain numbers, with nothing added to the label', () => {
    const counts = lineChartSvg(line([1200, 2400, 3600]), { xLabel: 'run', yLabel: 'delay_matched', yUnit: 'count' });
    expect(texts(counts, 'y-label')).toEqual(['delay_matched']);
    expect(texts(counts, 'y-tick')).toContain('2,000');
    const ratios = lineChartSvg(line([0.8, 0.9, 1]), { xLabel: 'run', yLabel: 'reliability', yUnit: 'ratio' });
    expect(texts(ratios, 'y-label')).toEqual(['reliability']);
    expect(texts(ratios, 'y-tick').every((tick) => /^[01]\.\d+$/.test(tick))).toBe(true);
  });
});
