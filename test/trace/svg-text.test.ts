/**
 * The text both renderers write SVG with: escaping, coordinates, tooltips and documents, the
 * width estimate, shortening, and the unit prefixes of labels.
 */
import { describe, expect, it } from 'vitest';
import { xmlProblems } from '../support/xml.js';
import { escapeXml, fit, inPrefix, n, prefixFor, shorten, svgDocument, textContent, textWidth, UNIT_PREFIXES } from '../../src/trace/svg-text.js';

describe('markup', () => {
  it('escapes markup characters and replaces characters XML cannot hold', () => {
    expect(escapeXml(`a<b & "c" 'd'>`)).toBe('a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;');
    expect(escapeXml('x\u0001y\uD800z')).toBe('x\uFFFDy\uFFFDz');
    expect(escapeXml('東京 😀')).toBe('東京 😀');
  });

  it('writes coordinates with at most two decimals and no negative zero', () => {
    expect(n(1.23456)).toBe('1.23');
    expect(n(-0.001)).toBe('0');
    expect(n(16)).toBe('16');
    expect(n(0.18)).toBe('0.18');
  });

  it('gives shortened text its full text as a tooltip', () => {
    expect(textContent('a<b', 'a<b')).toBe('a&lt;b');
    expect(textContent('ab…', 'abc')).toBe('<title>abc</title>ab…');
  });

  it('writes a well-formed standalone document with a background the size of the document', () => {
    const svg = svgDocument(100.123, 50, ['<g class="x"></g>'], { title: 'T & t', defs: '<marker id="m"/>' });
    expect(xmlProblems(svg)).toEqual([]);
    expect(svg.split('\n')).toEqual([
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="100.12" height="50" viewBox="0 0 100.12 50" font-family="sans-serif">',
      '<title>T &amp; t</title>',
      '<defs><marker id="m"/></defs>',
      '<rect class="background" x="0" y="0" width="100.12" height="50" fill="#fff"/>',
      '<g class="x"></g>',
      '</svg>',
      '',
    ]);
    expect(svgDocument(1, 1, [], { defs: '' })).not.toMatch(/<title>|<defs>/);
  });
});

describe('measuring and shortening', () => {
  it('estimates narrow characters narrower than wide ones, bold wider, CJK at one em', () => {
    expect(textWidth('iiii', 10)).toBeLessThan(textWidth('oooo', 10));
    expect(textWidth('oooo', 10)).toBeLessThan(textWidth('MMMM', 10));
    expect(textWidth('0.5', 10)).toBeCloseTo(15, 9);
    expect(textWidth('ab', 10, true)).toBeCloseTo(textWidth('ab', 10) * 1.1, 9);
    expect(textWidth('東京', 10)).toBe(20);
    expect(textWidth('', 10)).toBe(0);
  });

  it('shortens to a number of characters, counting code points', () => {
    expect(shorten('abcdef', 6)).toBe('abcdef');
    expect(shorten('abcdef', 4)).toBe('abc…');
    expect(shorten('😀😀😀😀', 3)).toBe('😀😀…');
  });

  it('fits text into a width, with an ellipsis when cut', () => {
    expect(fit('short', 100, 10)).toBe('short');
    const cut = fit('a rather long text that does not fit', 60, 10);
    expect(cut.endsWith('…')).toBe(true);
    expect(textWidth(cut, 10)).toBeLessThanOrEqual(60);
    expect(textWidth(`${cut.slice(0, -1)}x…`, 10)).toBeGreaterThan(60);
  });
});

describe('unit prefixes', () => {
  const symbol = (magnitude: number): string => prefixFor(UNIT_PREFIXES.seconds, magnitude).symbol;

  it('picks the largest prefix not above the magnitude, the smallest below all, the base unit for zero', () => {
    expect([2.5, 0.0021, 21e-6, 5e-7, 1e-12, 0, 3600].map(symbol)).toEqual(['s', 'ms', 'µs', 'ns', 'ns', 's', 's']);
    expect(prefixFor(UNIT_PREFIXES['bits/s'], 4.5e6).symbol).toBe('Mbps');
    expect(prefixFor(UNIT_PREFIXES.bytes, 999).symbol).toBe('B');
  });

  it('takes a value a rounding error below a prefix as that prefix', () => {
    expect(symbol(0.001 - 1e-15)).toBe('ms');
    expect(symbol(1 - 1e-13)).toBe('s');
    expect(symbol(0.001 * (1 - 1e-6))).toBe('µs');
  });

  it('scales by exact powers of ten', () => {
    const [ns, us, ms] = UNIT_PREFIXES.seconds;
    expect(inPrefix(0.0108, ms)).toBe(10.8);
    expect(inPrefix(0.0108, ms)).toBe(0.0108 * 1000);
    expect(inPrefix(2.1e-5, us)).toBe(2.1e-5 * 1e6);
    expect(inPrefix(5e-7, ns)).toBe(5e-7 * 1e9);
    expect(inPrefix(4.5e6, UNIT_PREFIXES['bits/s'][2])).toBe(4.5);
  });
});
