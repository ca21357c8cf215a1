import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatQuantity, parseQuantity, unitsOf, type QuantityKind } from '../../src/scenario/units.js';

/** Powers of ten of each decimal unit, and of 1024 for binary ones (independent of units.ts). */
const SCALES: Record<QuantityKind, Record<string, [decimal: number, binary: number]>> = {
  bandwidth: { bps: [0, 0], kbps: [3, 0], Mbps: [6, 0], Gbps: [9, 0], Tbps: [12, 0] },
  duration: { ns: [-9, 0], us: [-6, 0], ms: [-3, 0], s: [0, 0] },
  size: { B: [0, 0], KB: [3, 0], MB: [6, 0], GB: [9, 0], KiB: [0, 1], MiB: [0, 2], GiB: [0, 3] },
};
const kinds = Object.keys(SCALES) as QuantityKind[];

const quantity = fc.constantFrom(...kinds).chain((kind) =>
  fc.record({
    kind: fc.constant(kind),
    unit: fc.constantFrom(...Object.keys(SCALES[kind])),
    whole: fc.integer({ min: 0, max: 999_999 }),
    fraction: fc.option(fc.stringMatching(/^[0-9]{1,4}$/), { nil: undefined }),
  }),
);

describe('units', () => {
  it('lists exactly the units the scenario reference documents', () => {
    for (const kind of kinds) expect(unitsOf(kind).sort()).toEqual(Object.keys(SCALES[kind]).sort());
  });

  it('parse to the double nearest the exact decimal value', () => {
    fc.assert(
      fc.property(quantity, ({ kind, unit, whole, fraction }) => {
        const digits = fraction === undefined ? `${whole}` : `${whole}.${fraction}`;
        const [decimal, binary] = SCALES[kind][unit]!;
        // JavaScript parses decimal literals correctly rounded; powers of 1024 scale exactly.
        const expected = Number(`${digits}e${decimal}`) * 1024 ** binary;
        expect(parseQuantity(`${digits}${unit}`, kind)).toBe(expected);
        expect(parseQuantity(`${digits} ${unit}`, kind)).toBe(expected);
      }),
    );
  });

  it('parse the examples of the scenario reference', () => {
    expect(parseQuantity('10Mbps', 'bandwidth')).toBe(10_000_000);
    expect(parseQuantity('1.5Gbps', 'bandwidth')).toBe(1_500_000_000);
    expect(parseQuantity('7.77ms', 'duration')).toBe(0.00777);
    expect(parseQuantity('0.8ms', 'duration')).toBe(0.0008);
    expect(parseQuantity('64KiB', 'size')).toBe(65_536);
    expect(parseQuantity('1.5KB', 'size')).toBe(1500);
  });

  it('read back what they format, to 6 significant digits', () => {
    fc.assert(
      fc.property(quantity, ({ kind, unit, whole, fraction }) => {
        const value = parseQuantity(`${whole}${fraction === undefined ? '' : `.${fraction}`}${unit}`, kind)!;
        const again = parseQuantity(formatQuantity(value, kind), kind)!;
        expect(Math.abs(again - value)).toBeLessThanOrEqual(5e-6 * Math.abs(value));
      }),
    );
  });

  it('reject junk', () => {
    const junk: [string, QuantityKind][] = [
      ['10 Mbit', 'bandwidth'],
      ['10', 'bandwidth'],
      ['Mbps', 'bandwidth'],
      ['10mbps', 'bandwidth'],
      ['10MBps', 'bandwidth'],
      ['1e6bps', 'bandwidth'],
      ['-5Mbps', 'bandwidth'],
      ['.5ms', 'duration'],
      ['5.ms', 'duration'],
      ['10  ms', 'duration'],
      [' 10ms', 'duration'],
      ['10ms ', 'duration'],
      ['10 sec', 'duration'],
      ['10KIB', 'size'],
      ['10kb', 'size'],
      ['10Mbps', 'size'],
      ['', 'size'],
    ];
    for (const [text, kind] of junk) expect(parseQuantity(text, kind), `${text} as ${kind}`).toBeUndefined();
  });

  it('reject any text with a character outside digits, one point, one space and a unit', () => {
    fc.assert(
      fc.property(fc.string(), fc.constantFrom(...kinds), (text, kind) => {
        fc.pre(!/^[0-9]+(\.[0-9]+)? ?[A-Za-z]+$/.test(text));
        expect(parseQuantity(text, kind)).toBeUndefined();
      }),
    );
  });
});
