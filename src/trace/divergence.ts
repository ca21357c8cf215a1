/**
 * Where two traces of one scenario part, event for event: a run's events are compared, as the
 * run goes, with the events of another run (kept in memory, or read back from a replay file or
 * a trace), and the first one that differs is named with both versions. The hash chain only
 * says in which stretch of events two runs part; this says which event, and how.
 */
import type { TraceEvent } from './events.js';
import { formatTraceLine } from './jsonl.js';

/** The first event at which two traces differ. */
export interface EventDifference {
  /** The event's 0-based number in the trace (its line in trace.jsonl is `index + 1`). */
  readonly index: number;
  /** The reference's event there; undefined when the reference ended before it. */
  readonly expected: TraceEvent | undefined;
  /** The compared run's event there; undefined when that run ended before it. */
  readonly actual: TraceEvent | undefined;
}

/** Whether two field values are equal: numbers and strings exactly, lists item by item. */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => sameValue(item, b[i]));
  return false;
}

/** Whether two events have the same fields with the same values (fields set to undefined do not count). */
export function sameEvent(a: TraceEvent, b: TraceEvent): boolean {
  const left = a as unknown as Readonly<Record<string, unknown>>;
  const right = b as unknown as Readonly<Record<string, unknown>>;
  let fields = 0;
  for (const key in left) {
    if (left[key] === undefined) continue;
    if (!sameValue(left[key], right[key])) return false;
    fields++;
  }
  for (const key in right) if (right[key] !== undefined) fields--;
  return fields === 0;
}

/**
 * Compares a run's events, one at a time and in order, with a reference trace, and keeps the
 * first difference. Pass {@link observe} as the run's trace listener, then call {@link finish}.
 * Costs one field-by-field comparison an event, and nothing after the first difference.
 */
export class TraceComparison {
  private seen = 0;
  private found: EventDifference | undefined;

  /** @param expected - The reference's events, in order. */
  constructor(private readonly expected: readonly TraceEvent[]) {}

  /** Takes the run's next event. */
  readonly observe = (event: TraceEvent): void => {
    const index = this.seen++;
    if (this.found !== undefined) return;
    const expected = this.expected[index];
    if (expected === undefined || !sameEvent(expected, event)) this.found = { index, expected, actual: event };
  };

  /** The first difference once the run has ended (the shorter trace's end counts), else undefined. */
  finish(): EventDifference | undefined {
    if (this.found === undefined && this.seen < this.expected.length) {
      this.found = { index: this.seen, expected: this.expected[this.seen], actual: undefined };
    }
    return this.found;
  }
}

/** The first difference between two whole traces, or undefined if they are the same. */
export function compareTraces(expected: readonly TraceEvent[], actual: readonly TraceEvent[]): EventDifference | undefined {
  const comparison = new TraceComparison(expected);
  for (const event of actual) comparison.observe(event);
  return comparison.finish();
}

/**
 * A difference as report lines: the event's number (counted from 1, as the lines of a
 * trace.jsonl) and time, then each side's version as its trace.jsonl line, under the labels
 * given, e.g. `["recorded", "replayed"]`.
 */
export function describeDifference(difference: EventDifference, labels: readonly [expected: string, actual: string]): string[] {
  const { index, expected, actual } = difference;
  const t = (expected ?? actual)!.t;
  const width = Math.max(labels[0].length, labels[1].length) + 1;
  const version = (label: string, event: TraceEvent | undefined): string =>
    `${`${label}:`.padEnd(width)} ${event === undefined ? `(none: this run ended after ${index} events)` : formatTraceLine(event)}`;
  return [`the first event that differs is event ${index + 1}, at t=${t}s:`, version(labels[0], expected), version(labels[1], actual)];
}
