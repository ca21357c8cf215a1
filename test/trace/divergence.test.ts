/**
 * Comparing two traces event for event: the first event that differs, whichever field differs
 * and whichever trace ends first, with both versions as trace.jsonl lines.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareTraces, describeDifference, sameEvent, TraceComparison } from '../../src/trace/divergence.js';
import type { SendEvent, TraceEvent } from '../../src/trace/events.js';

const SEND: SendEvent = { t: 0, type: 'send', frame: 0, from: 'a', to: 'b', bytes: 100, flow: 'f' };
const TRACE: TraceEvent[] = [
  SEND,
  { t: 0, type: 'enqueue', frame: 0, link: 'a-b', from: 'a', to: 'b' },
  { t: 0, type: 'transmit', frame: 0, link: 'a-b', from: 'a', to: 'b', end: 0.0008 },
  { t: 0.0018, type: 'deliver', frame: 0, node: 'b', from: 'a' },
  { t: 0.5, type: 'fault', fault: 'partition', groups: [['a'], ['b']], oneWay: false },
];

describe('sameEvent', () => {
  it('compares fields and values, not key order, and ignores fields set to undefined', () => {
    expect(sameEvent(SEND, { bytes: 100, flow: 'f', t: 0, type: 'send', frame: 0, from: 'a', to: 'b' })).toBe(true);
    expect(sameEvent(SEND, { ...SEND, copyOf: undefined } as unknown as TraceEvent)).toBe(true);
    expect(sameEvent(SEND, { ...SEND, bytes: 101 })).toBe(false);
    expect(sameEvent(SEND, { ...SEND, copyOf: 3 })).toBe(false);
    const { flow: _flow, ...withoutFlow } = SEND;
    expect(sameEvent(SEND, withoutFlow)).toBe(false);
    expect(sameEvent(withoutFlow, SEND)).toBe(false);
    expect(sameEvent(TRACE[4]!, { ...TRACE[4]!, groups: [['a'], ['b']] } as TraceEvent)).toBe(true);
    expect(sameEvent(TRACE[4]!, { ...TRACE[4]!, groups: [['a', 'b']] } as TraceEvent)).toBe(false);
  });
});

describe('compareTraces', () => {
  it('finds nothing in equal traces', () => {
    expect(compareTraces(TRACE, TRACE.map((event) => ({ ...event })))).toBeUndefined();
    expect(compareTraces([], [])).toBeUndefined();
  });

  it('names the first event that differs, with both versions', () => {
    const changed = TRACE.map((event, i) => (i === 2 ? { ...event, t: 0.0001 } : i === 3 ? { ...event, node: 'c' } : event));
    expect(compareTraces(TRACE, changed)).toEqual({ index: 2, expected: TRACE[2], actual: changed[2] });
  });

  it('names the event after the end of the shorter trace, with the side that ended undefined', () => {
    expect(compareTraces(TRACE, TRACE.slice(0, 3))).toEqual({ index: 3, expected: TRACE[3], actual: undefined });
    expect(compareTraces(TRACE.slice(0, 1), TRACE)).toEqual({ index: 1, expected: undefined, actual: TRACE[1] });
  });

  it('finds the event changed in any trace, as a property', () => {
    const event = fc.record({
      t: fc.double({ min: 0, max: 10, noNaN: true }),
      type: fc.constant('arrive' as const),
      frame: fc.nat(5),
      node: fc.constantFrom('a', 'b', 'c'),
    });
    fc.assert(
      fc.property(fc.array(event, { minLength: 1, maxLength: 50 }), fc.nat(), fc.nat(5), (trace, at, frame) => {
        const index = at % trace.length;
        const changed = trace.map((e, i) => (i === index ? { ...e, frame: e.frame + 1 + frame } : e));
        const found = compareTraces(trace, changed);
        return found !== undefined && found.index === index && found.expected === trace[index] && found.actual === changed[index];
      }),
    );
  });

  it('stops comparing after the first difference, as a listener', () => {
    const comparison = new TraceComparison(TRACE);
    comparison.observe(TRACE[0]!);
    comparison.observe({ ...TRACE[1]!, link: 'b-a' } as TraceEvent);
    comparison.observe({ ...SEND, frame: 9 });
    expect(comparison.finish()?.index).toBe(1);
  });
});

describe('describeDifference', () => {
  it('counts events from 1, gives the time, and each version as its trace.jsonl line', () => {
    const changed = { ...TRACE[3]!, node: 'c' } as TraceEvent;
    expect(describeDifference({ index: 3, expected: TRACE[3], actual: changed }, ['recorded', 'replayed'])).toEqual([
      'the first event that differs is event 4, at t=0.0018s:',
      'recorded: {"t":0.0018,"type":"deliver","frame":0,"node":"b","from":"a"}',
      'replayed: {"t":0.0018,"type":"deliver","frame":0,"node":"c","from":"a"}',
    ]);
    expect(describeDifference({ index: 3, expected: TRACE[3], actual: undefined }, ['first run', 'second run'])).toEqual([
      'the first event that differs is event 4, at t=0.0018s:',
      'first run:  {"t":0.0018,"type":"deliver","frame":0,"node":"b","from":"a"}',
      'second run: (none: this run ended after 3 events)',
    ]);
  });
});
