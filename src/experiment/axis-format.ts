/**
 * Tick labels by unit, for the charts' axes: durations in s, ms, µs or ns, bit rates in bps,
 * kbps, Mbps or Gbps, sizes in B, KB, MB or GB, counts and ratios as plain numbers. A linear
 * axis shows all its ticks in one prefix, named once in the axis label ("delay_mean (ms)"),
 * so equal steps read as equal numbers; a log axis spans decades, so each label carries its
 * own prefix and unit ("10 ms", "100 ms", "1 s"). The prefixes, and how one is chosen, are
 * those the sequence diagrams label time with (`trace/svg-text.ts`).
 */
import { format, precisionFixed } from 'd3-format';
import { inPrefix, prefixFor, UNIT_PREFIXES, type UnitPrefix } from '../trace/svg-text.js';
import type { Unit } from './metric-units.js';

/** Labels of a log axis' ticks: three significant digits at most, no trailing zeros. */
const LOG_NUMBER = format('.3~r');

/** The prefixed units of the units that have them. */
const PREFIXES: Partial<Readonly<Record<Unit, readonly UnitPrefix[]>>> = UNIT_PREFIXES;

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
      return `${LOG_NUMBER(inPrefix(value, prefix))} ${prefix.symbol}`;
    });
    return { labels, suffix: undefined };
  }
  const largest = Math.max(...values.map(Math.abs));
  const prefix = prefixFor(prefixes, largest);
  const step = inPrefix(values.length > 1 ? Math.abs(values[1]! - values[0]!) : largest, prefix);
  const number = format(`,.${step > 0 ? precisionFixed(step) : 0}f`);
  return { labels: values.map((value) => number(inPrefix(value, prefix))), suffix: prefix.symbol };
}
