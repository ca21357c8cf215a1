/**
 * Tick labels by unit, for the charts' axes: durations in s, ms, µs or ns, bit rates in bps,
 * kbps, Mbps or Gbps, sizes in B, KB, MB or GB, counts and ratios as plain numbers. A linear
 * axis shows all its ticks in one prefix, named once in the axis label ("delay_mean (ms)"),
 * so equal steps read as equal numbers; a log axis spans decades, so each label carries its
 * own prefix and unit ("10 ms", "100 ms", "1 s").
 */
import { format, precisionFixed } from 'd3-format';
import type { Unit } from './metric-units.js';

interface Prefix {
  /** Base units in one of this. */
  readonly factor: number;
  readonly symbol: string;
}

/** The prefixed units of the units that have them, smallest first. */
const PREFIXES: Partial<Readonly<Record<Unit, readonly Prefix[]>>> = {
  seconds: [
    { factor: 1e-9, symbol: 'ns' },
    { factor: 1e-6, symbol: 'µs' },
    { factor: 1e-3, symbol: 'ms' },
    { factor: 1, symbol: 's' },
  ],
  'bits/s': [
    { factor: 1, symbol: 'bps' },
    { factor: 1e3, symbol: 'kbps' },
    { factor: 1e6, symbol: 'Mbps' },
    { factor: 1e9, symbol: 'Gbps' },
    { factor: 1e12, symbol: 'Tbps' },
  ],
  bytes: [
    { factor: 1, symbol: 'B' },
    { factor: 1e3, symbol: 'KB' },
    { factor: 1e6, symbol: 'MB' },
    { factor: 1e9, symbol: 'GB' },
    { factor: 1e12, symbol: 'TB' },
  ],
};

/** Labels of a log axis' ticks: three significant digits at most, no trailing zeros. */
const LOG_NUMBER = format('.3~r');

/** The largest prefix not above `magnitude` (the smallest one for magnitudes below all). */
function prefixFor(prefixes: readonly Prefix[], magnitude: number): Prefix {
  let chosen = prefixes[0]!;
  // A hair of slack so that 0.001 (a double a little below 1e-3 after arithmetic) is 1 ms.
  for (const prefix of prefixes) if (magnitude >= prefix.factor * (1 - 1e-9)) chosen = prefix;
  return chosen;
}

/** An axis' tick labels in a unit, and what its label should add (e.g. "ms"), if anything. */
export interface UnitTicks {
  readonly labels: readonly string[];
  readonly suffix: string | undefined;
}

/**
 * The labels of `values` (an axis' ticks, ascending) in `unit`. `plain` are the labels the
 * scale itself would give; an empty one (a log axis' minor tick) stays empty, and a unit
 * without prefixes (counts, ratios, none) keeps them as they are.
 */
export function unitTicks(unit: Unit | undefined, values: readonly number[], plain: readonly string[], log: boolean): UnitTicks {
  const prefixes = unit === undefined ? undefined : PREFIXES[unit];
  if (prefixes === undefined || values.length === 0) return { labels: plain, suffix: undefined };
  if (log) {
    const labels = values.map((value, i) => {
      if (plain[i] === '') return '';
      const prefix = prefixFor(prefixes, Math.abs(value));
      return `${LOG_NUMBER(value / prefix.factor)} ${prefix.symbol}`;
    });
    return { labels, suffix: undefined };
  }
  const largest = Math.max(...values.map(Math.abs));
  const prefix = prefixFor(prefixes, largest);
  const step = values.length > 1 ? Math.abs(values[1]! - values[0]!) / prefix.factor : largest / prefix.factor;
  const number = format(`,.${step > 0 ? precisionFixed(step) : 0}f`);
  return { labels: values.map((value) => number(value / prefix.factor)), suffix: prefix.symbol };
}
