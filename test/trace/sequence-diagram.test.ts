/**
 * Sequence diagrams of traces: well-formed, deterministic SVG with a lifeline per node, an
 * arrow per hop, a red cross per drop, and all text escaped.
 */
import { describe, expect, it } from 'vitest';
import { xmlProblems } from '../support/xml.js';
import type { TraceEvent } from '../../src/trace/events.js';
import { sequenceDiagramSvg } from '../../src/trace/sequence-diagram.js';

const L = 0.0108;

/** Adds the enqueue and transmit of one hop. */
function hop(t: number, frame: number, from: string, to: string, wait = 0): TraceEvent[] {
  const link = [from, to].sort().join('');
  return [
    { t, type: 'enqueue', frame, link, from, to },
    { t: t + wait, type: 'transmit', frame, link, from, to, end: t + wait + 0.0008 },
  ];
}

/** Three nodes on a line a - b - c, with most things a trace can say. */
function sampleTrace(): TraceEvent[] {
  const events: TraceEvent[] = [
    { t: 0, type: 'app_send', node: 'a', to: 'c', msg: 1, seq: 0, request: true },
    { t: 0, type: 'send', frame: 1, from: 'a', to: 'c', bytes: 100, flow: 'req' },
    ...hop(0, 1, 'a', 'b'),
    { t: L, type: 'arrive', frame: 1, node: 'b' },
    ...hop(L, 1, 'b', 'c'),
    { t: 2 * L, type: 'deliver', frame: 1, node: 'c', from: 'a' },
    { t: 2 * L, type: 'app_deliver', node: 'c', from: 'a', msg: 1, seq: 0 },
    { t: 0.05, type: 'timer', node: 'a', action: 'fire', timer: 1 },
    { t: 0.05, type: 'send', frame: 2, from: 'a', to: 'b', bytes: 100 },
    ...hop(0.05, 2, 'a', 'b'),
    { t: 0.05 + L, type: 'drop', frame: 2, cause: 'lost', node: 'b', link: 'ab' },
    { t: 0.07, type: 'send', frame: 3, from: 'a', to: 'b', bytes: 100 },
    { t: 0.07, type: 'send', frame: 4, from: 'a', to: 'b', bytes: 100 },
    ...hop(0.07, 3, 'a', 'b'),
    { t: 0.07, type: 'drop', frame: 4, cause: 'queue_full', node: 'a', link: 'ab' },
    { t: 0.07 + L, type: 'deliver', frame: 3, node: 'b', from: 'a' },
    { t: 0.1, type: 'fault', fault: 'crash', node: 'b' },
    { t: 0.13, type: 'fault', fault: 'restart', node: 'b' },
    { t: 0.14, type: 'fault', fault: 'partition', groups: [['a'], ['b', 'c']] },
    { t: 0.15, type: 'send', frame: 5, from: 'c', to: 'a', bytes: 100 },
    { t: 0.15, type: 'drop', frame: 5, cause: 'no_route', node: 'c' },
    { t: 0.17, type: 'fault', fault: 'heal' },
    { t: 0.2, type: 'send', frame: 6, from: 'a', to: 'a', bytes: 100 },
    { t: 0.2, type: 'deliver', frame: 6, node: 'a', from: 'a' },
    { t: 0.21, type: 'violation', invariant: 'at-most-once', message: 'm1 delivered twice' },
  ];
  return events.sort((x, y) => x.t - y.t);
}


/** How many elements carry `className` among their classes. */
function countClass(svg: string, className: string): number {
  return [...svg.matchAll(/class="([^"]*)"/g)].filter(([, classes]) => classes!.split(' ').includes(className)).length;
}

/** The x of each node's name at the top, by name. */
function nameXs(svg: string): Map<string, number> {
  const xs = new Map<string, number>();
  for (const [, x, name] of svg.matchAll(/<g class="node">(?:<title>[^<]*<\/title>)?<rect[^>]*\/><text x="([\d.]+)"[^>]*>([^<]*)<\/text><\/g>/g)) {
    if (!xs.has(name!)) xs.set(name!, Number(x));
  }
  return xs;
}

/** The elements with class `className`, as their attribute maps. */
function elements(svg: string, className: string): Record<string, string>[] {
  return [...svg.matchAll(/<(?:line|path|rect|circle)\s([^>]*)\/?>/g)]
    .map(([, attributes]) => Object.fromEntries([...attributes!.matchAll(/([\w:-]+)="([^"]*)"/g)].map(([, key, value]) => [key!, value!])))
    .filter((attributes) => (attributes['class'] ?? '').split(' ').includes(className));
}

describe('xmlProblems (the test helper)', () => {
  it('catches what it should', () => {
    expect(xmlProblems('<svg><g></svg>')).not.toEqual([]);
    expect(xmlProblems('<svg><text>a < b</text></svg>')).not.toEqual([]);
    expect(xmlProblems('<svg><text>a & b</text></svg>')).not.toEqual([]);
    expect(xmlProblems('<svg x="1" x="2"/>')).not.toEqual([]);
    expect(xmlProblems('<svg/><svg/>')).not.toEqual([]);
    expect(xmlProblems('<?xml version="1.0"?>\n<svg a="&amp;"><g/><text>&lt;ok&gt;</text></svg>\n')).toEqual([]);
  });
});

describe('sequenceDiagramSvg', () => {
  const events = sampleTrace();
  const svg = sequenceDiagramSvg(events, { title: 'sample' });

  it('is a well-formed standalone SVG document', () => {
    expect(xmlProblems(svg)).toEqual([]);
    expect(svg).toMatch(/<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" version="1\.1" width="[\d.]+" height="[\d.]+" viewBox="0 0 [\d.]+ [\d.]+" font-family="sans-serif">/);
    expect(svg).toMatch(/<rect class="background" x="0" y="0" width="[\d.]+" height="[\d.]+" fill="#fff"\/>/);
    expect(svg).toContain('<title>sample</title>');
  });

  it('draws one lifeline per node, left to right along the path', () => {
    expect(countClass(svg, 'lifeline')).toBe(3);
    const xs = nameXs(svg);
    expect([...xs.keys()].sort()).toEqual(['a', 'b', 'c']);
    expect(xs.get('a')!).toBeLessThan(xs.get('b')!);
    expect(xs.get('b')!).toBeLessThan(xs.get('c')!);
  });

  it('draws one arrow per hop, from sender to receiver, down the page', () => {
    const hops = events.filter((event) => event.type === 'enqueue').length;
    const selfDeliveries = events.filter((event) => event.type === 'deliver' && event.node === event.from).length;
    expect(countClass(svg, 'hop')).toBe(hops + selfDeliveries);
    const xs = nameXs(svg);
    const lines = elements(svg, 'hop').filter((attributes) => attributes['x1'] !== undefined);
    // The first hop of frame 1: a to b, delivered with an arrowhead.
    const first = lines[0]!;
    expect(Number(first['x1'])).toBeCloseTo(xs.get('a')!, 1);
    expect(Math.abs(Number(first['x2']) - xs.get('b')!)).toBeLessThan(2);
    expect(Number(first['y2'])).toBeGreaterThan(Number(first['y1']));
    expect(first['marker-end']).toMatch(/^url\(#[\w-]+\)$/);
    // The second: b to c, starting where the first ended.
    const second = lines[1]!;
    expect(Number(second['x1'])).toBeCloseTo(xs.get('b')!, 1);
    expect(Number(second['y1'])).toBeCloseTo(Number(first['y2']), 1);
    // The lost frame's arrow stops short of b, with no arrowhead.
    const dropped = elements(svg, 'dropped');
    expect(dropped).toHaveLength(1);
    expect(dropped[0]!['marker-end']).toBeUndefined();
    expect(Number(dropped[0]!['x2'])).toBeLessThan(xs.get('b')! - 10);
    // Every marker an arrow points at is defined.
    for (const [, id] of svg.matchAll(/marker-end="url\(#([\w-]+)\)"/g)) expect(svg).toContain(`<marker id="${id}"`);
  });

  it('draws a red cross for every drop, labelled with its cause', () => {
    const drops = events.filter((event) => event.type === 'drop');
    expect(countClass(svg, 'drop-mark')).toBe(drops.length);
    for (const mark of elements(svg, 'drop-mark')) expect(mark['stroke']).toBe('#d11a1a');
    for (const drop of drops) if (drop.type === 'drop') expect(svg).toContain(`>${drop.cause}</text>`);
  });

  it('marks application events, timers, faults and the violation', () => {
    expect(countClass(svg, 'app-mark')).toBe(events.filter((event) => event.type.startsWith('app_')).length);
    expect(countClass(svg, 'timer-mark')).toBe(1);
    expect(countClass(svg, 'fault-mark')).toBe(2);
    expect(countClass(svg, 'fault-line')).toBe(2);
    expect(countClass(svg, 'violation')).toBe(1);
    for (const text of ['request m1 → c', 'deliver m1 ← a', 'crash', 'restart', 'partition a | b c', 'heal', 'violation: at-most-once: m1 delivered twice', '#1 req']) {
      expect(svg).toContain(`>${text}</text>`);
    }
  });

  it('gives distinct times distinct rows, at least 14 px apart, labelled in order', () => {
    const close: TraceEvent[] = [
      { t: 1, type: 'send', frame: 1, from: 'a', to: 'b', bytes: 1 },
      { t: 1, type: 'enqueue', frame: 1, link: 'ab', from: 'a', to: 'b' },
      { t: 1 + 1e-9, type: 'deliver', frame: 1, node: 'b', from: 'a' },
      { t: 500, type: 'fault', fault: 'heal' },
    ];
    const ticks = [...sequenceDiagramSvg(close).matchAll(/<text class="tick"[^>]* y="([\d.]+)"[^>]*>([^<]*)<\/text>/g)];
    expect(ticks).toHaveLength(3);
    const ys = ticks.map(([, y]) => Number(y));
    for (let i = 1; i < ys.length; i++) expect(ys[i]! - ys[i - 1]!).toBeGreaterThanOrEqual(14);
    // A long idle gap is shortened, not drawn to scale.
    expect(ys[2]! - ys[1]!).toBeLessThan(200);
    const labels = ticks.map(([, , label]) => label);
    expect(new Set(labels).size).toBe(3);
    expect(labels[2]).toMatch(/^500(\.0+)? s$/);
  });

  it('labels times in the unit the charts would choose: ns below a microsecond, ms from a hair under 1 ms', () => {
    const at = (times: readonly number[]): TraceEvent[] => times.map((t, i) => ({ t, type: 'app_send', node: 'a', to: 'b', msg: i, seq: i }));
    const labels = (svg: string): string[] => [...svg.matchAll(/<text class="tick"[^>]*>([^<]*)<\/text>/g)].map(([, label]) => label!);
    expect(labels(sequenceDiagramSvg(at([0, 2e-7, 5e-7])))).toEqual(['0 ns', '200 ns', '500 ns']);
    const almostOneMs = 0.001 - 1e-15;
    expect(almostOneMs).toBeLessThan(0.001);
    expect(labels(sequenceDiagramSvg(at([0, 0.0005, almostOneMs])))).toEqual(['0.0 ms', '0.5 ms', '1.0 ms']);
    expect(labels(sequenceDiagramSvg(at([0, 0])))).toEqual(['0 s']);
  });

  it('puts times that only rounding tells apart on one row', () => {
    const sum = 0.1 + 0.2;
    expect(sum).not.toBe(0.3);
    const split: TraceEvent[] = [
      { t: 0.3, type: 'app_send', node: 'a', to: 'b', msg: 1, seq: 0 },
      { t: sum, type: 'app_deliver', node: 'b', from: 'a', msg: 1, seq: 0 },
      { t: 0.4, type: 'app_deliver', node: 'b', from: 'a', msg: 2, seq: 1 },
    ];
    expect([...sequenceDiagramSvg(split).matchAll(/class="tick"/g)]).toHaveLength(2);
  });

  it('escapes names and messages', () => {
    const nasty: TraceEvent[] = [
      { t: 0, type: 'send', frame: 1, from: 'a<&b', to: '"q"', bytes: 1, flow: "it's <x>" },
      { t: 0, type: 'enqueue', frame: 1, link: 'l', from: 'a<&b', to: '"q"' },
      { t: 1, type: 'deliver', frame: 1, node: '"q"', from: 'a<&b' },
      { t: 2, type: 'violation', invariant: '<inv>', message: 'x & y < z \u0001' },
    ];
    const out = sequenceDiagramSvg(nasty, { title: 'T&<' });
    expect(xmlProblems(out)).toEqual([]);
    expect(out).toContain('>a&lt;&amp;b</text>');
    expect(out).toContain('&quot;q&quot;');
    expect(out).toContain('T&amp;&lt;');
    expect(out).not.toContain('a<&b');
    expect(out).not.toContain('\u0001');
  });

  it('is deterministic, with coordinates rounded to two decimals', () => {
    const copy = JSON.parse(JSON.stringify(events)) as TraceEvent[];
    expect(sequenceDiagramSvg(copy, { title: 'sample' })).toBe(svg);
    const longDecimals = [...svg.matchAll(/="([^"]*)"/g)].filter(([, value]) => /\d\.\d{3,}/.test(value!));
    expect(longDecimals).toEqual([]);
  });

  it('draws only the first maxEvents events, and says so', () => {
    const cut = sequenceDiagramSvg(events, { maxEvents: 6 });
    expect(cut).toContain(`showing first 6 of ${events.length} events`);
    expect(svg).not.toContain('showing first');
    expect(countClass(cut, 'hop')).toBeLessThan(countClass(svg, 'hop'));
    expect(xmlProblems(cut)).toEqual([]);
    expect(() => sequenceDiagramSvg(events, { maxEvents: 0 })).toThrow(RangeError);
  });

  it('draws an empty trace as an empty but valid diagram', () => {
    const empty = sequenceDiagramSvg([]);
    expect(xmlProblems(empty)).toEqual([]);
    expect(empty).toContain('no events');
    expect(countClass(empty, 'lifeline')).toBe(0);
  });

  it('repeats node names at the bottom of long diagrams only', () => {
    const many: TraceEvent[] = [];
    for (let frame = 0; frame < 60; frame++) {
      many.push({ t: frame, type: 'send', frame, from: 'a', to: 'b', bytes: 1 }, ...hop(frame, frame, 'a', 'b'), { t: frame + 0.5, type: 'deliver', frame, node: 'b', from: 'a' });
    }
    expect(countClass(sequenceDiagramSvg(many), 'node')).toBe(4);
    expect(countClass(sequenceDiagramSvg(many.slice(0, 8)), 'node')).toBe(2);
    expect(countClass(sequenceDiagramSvg(many), 'hop')).toBe(60);
  });
});
