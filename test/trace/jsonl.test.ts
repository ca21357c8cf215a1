/**
 * The JSON Lines trace format: fixed key order, round trips, and errors that name the line.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TRACE_EVENT_TYPES, type TraceEvent } from '../../src/trace/events.js';
import { formatTraceLine, parseTrace, TraceFileError } from '../../src/trace/jsonl.js';

/** One event of every type, with every optional field somewhere. */
const EVERY_TYPE: TraceEvent[] = [
  { t: 0, type: 'send', frame: 1, from: 'a', to: 'c', bytes: 120, flow: 'req' },
  { t: 0, type: 'send', frame: 2, from: 'a', to: 'c', bytes: 120, copyOf: 1 },
  { t: 0, type: 'enqueue', frame: 1, link: 'ab', from: 'a', to: 'b' },
  { t: 0.001, type: 'transmit', frame: 1, link: 'ab', from: 'a', to: 'b', end: 0.0012 },
  { t: 0.011, type: 'arrive', frame: 1, node: 'b' },
  { t: 0.022, type: 'deliver', frame: 1, node: 'c', from: 'a' },
  { t: 0.03, type: 'drop', frame: 2, cause: 'lost', node: 'b', link: 'ab' },
  { t: 0.03, type: 'drop', frame: 3, cause: 'no_route', node: 'a' },
  { t: 0.04, type: 'timer', node: 'a', action: 'set', timer: 7, due: 0.05 },
  { t: 0.05, type: 'timer', node: 'a', action: 'fire', timer: 7 },
  { t: 0.06, type: 'fault', fault: 'partition', groups: [['a'], ['b', 'c']], oneWay: true },
  { t: 0.07, type: 'fault', fault: 'crash', node: 'b' },
  { t: 0.08, type: 'fault', fault: 'link-down', link: 'ab' },
  { t: 0.09, type: 'app_send', node: 'a', to: 'c', msg: 3, seq: 0, request: true },
  { t: 0.1, type: 'app_deliver', node: 'c', from: 'a', msg: 3, seq: 0 },
  { t: 0.11, type: 'app_reply', node: 'a', from: 'c', msg: 3 },
  { t: 0.12, type: 'violation', invariant: 'exactly-once', message: 'm3 delivered twice' },
];

/** The error `parseTrace` throws for `text`, or a failure if it throws none. */
function parseError(text: string, file = 'trace.jsonl'): TraceFileError {
  try {
    parseTrace(text, file);
  } catch (error) {
    expect(error).toBeInstanceOf(TraceFileError);
    return error as TraceFileError;
  }
  throw new Error('expected parseTrace to throw');
}

const lines = (events: readonly TraceEvent[]): string => events.map(formatTraceLine).join('\n');

describe('formatTraceLine', () => {
  it('writes t and type first, then the fields in declared order', () => {
    const scrambled = { to: 'b', bytes: 64, from: 'a', frame: 5, type: 'send', flow: 'x', t: 1.5 } as TraceEvent;
    expect(formatTraceLine(scrambled)).toBe('{"t":1.5,"type":"send","frame":5,"from":"a","to":"b","bytes":64,"flow":"x"}');
    const fault = { oneWay: false, groups: [['a']], fault: 'partition', type: 'fault', t: 2 } as TraceEvent;
    expect(Object.keys(JSON.parse(formatTraceLine(fault)) as object)).toEqual(['t', 'type', 'fault', 'groups', 'oneWay']);
  });

  it('gives equal bytes for equal events whatever their key order, and leaves out undefined', () => {
    for (const event of EVERY_TYPE) {
      const reversed = Object.fromEntries(Object.entries(event).reverse()) as unknown as TraceEvent;
      expect(formatTraceLine(reversed)).toBe(formatTraceLine(event));
    }
    const withUndefined = { t: 0, type: 'drop', frame: 1, cause: 'lost', node: 'b', link: undefined } as unknown as TraceEvent;
    expect(formatTraceLine(withUndefined)).toBe('{"t":0,"type":"drop","frame":1,"cause":"lost","node":"b"}');
    expect(formatTraceLine(EVERY_TYPE[0]!)).not.toContain('\n');
  });
});

describe('parseTrace', () => {
  it('round-trips one event of every type', () => {
    expect(new Set(EVERY_TYPE.map((event) => event.type))).toEqual(new Set(TRACE_EVENT_TYPES));
    const text = `${lines(EVERY_TYPE)}\n`;
    const parsed = parseTrace(text, 'trace.jsonl');
    expect(parsed).toEqual(EVERY_TYPE);
    expect(`${lines(parsed)}\n`).toBe(text);
  });

  it('round-trips arbitrary frame events', () => {
    const name = fc.string({ minLength: 1, maxLength: 6 });
    const event: fc.Arbitrary<TraceEvent> = fc.oneof(
      fc.record({
        t: fc.double({ min: 0, max: 1e6, noNaN: true }),
        type: fc.constant('send' as const),
        frame: fc.nat(),
        from: name,
        to: name,
        bytes: fc.nat(),
        flow: fc.option(name, { nil: undefined }),
      }) as fc.Arbitrary<TraceEvent>,
      fc.record({
        t: fc.double({ min: 0, max: 1e6, noNaN: true }),
        type: fc.constant('drop' as const),
        frame: fc.nat(),
        cause: fc.constantFrom('queue_full' as const, 'lost' as const, 'link_down' as const),
        node: name,
      }),
      fc.record({ t: fc.double({ min: 0, max: 1e6, noNaN: true }), type: fc.constant('violation' as const), invariant: name, message: fc.string() }),
    );
    fc.assert(
      fc.property(fc.array(event, { maxLength: 20 }), (events) => {
        const text = lines(events);
        const again = lines(parseTrace(text, 'p.jsonl'));
        expect(again).toBe(text);
      }),
    );
  });

  it('allows blank lines, CRLF line ends and a trailing newline', () => {
    const [first, second] = EVERY_TYPE.map(formatTraceLine);
    expect(parseTrace(`\n${first}\r\n\n   \n${second}\r\n`, 'trace.jsonl')).toEqual(EVERY_TYPE.slice(0, 2));
    expect(parseTrace('', 'trace.jsonl')).toEqual([]);
  });

  it('names the file and line of a line that is no event', () => {
    const good = EVERY_TYPE.slice(0, 3).map(formatTraceLine);
    const error = parseError([good[0], good[1], '', good[2], '{"t":1,"type":"sned","frame":1}'].join('\n'));
    expect(error.line).toBe(5);
    expect(error.file).toBe('trace.jsonl');
    expect(error.message).toMatch(/^trace\.jsonl:5: expected an event with a numeric "t" and a known "type" \(send, enqueue, /);
    expect(error.message).not.toContain('\n');
  });

  it('says a file whose first line is not shaped like an event is no msgsim trace', () => {
    expect(parseError('flow,sent\nf,3', 'r.csv').message).toMatch(/^r\.csv:1: not a msgsim trace \(JSON Lines written by msgsim run --trace, one event a line\): line 1 is not valid JSON/);
    expect(parseError('\n{"level":"info"}').message).toMatch(/^trace\.jsonl:2: not a msgsim trace \(.*\): line 2 has no numeric "t" and known "type" \(send, /);
    // A first line that is an event of a known type with a bad field is a broken trace, said plainly.
    expect(parseError('{"t":0,"type":"arrive","frame":1}').message).toBe('trace.jsonl:1: a "arrive" event needs a string "node"');
  });

  it('rejects lines that are not JSON objects or lack a finite numeric t', () => {
    expect(parseError('{"t":0,"type":"arrive","frame":1,"node":"b"}\n{oops').message).toMatch(/^trace\.jsonl:2: not valid JSON/);
    expect(parseError('[1,2]').line).toBe(1);
    expect(parseError('null').line).toBe(1);
    expect(parseError('{"t":"0","type":"arrive","frame":1,"node":"b"}').message).toContain('numeric "t"');
    expect(parseError('{"type":"arrive","frame":1,"node":"b"}').message).toContain('numeric "t"');
  });

  it('demands the fields each type needs, of the right kinds', () => {
    expect(parseError('{"t":0,"type":"send","frame":1,"to":"b","bytes":1}', 'x.jsonl').message).toBe('x.jsonl:1: a "send" event needs a string "from"');
    expect(parseError('{"t":0,"type":"deliver","frame":1.5,"node":"b","from":"a"}').message).toContain('an integer "frame"');
    expect(parseError('{"t":0,"type":"drop","frame":1,"node":"b"}').message).toContain('a "drop" event needs a "cause" (one of queue_full, lost,');
    expect(parseError('{"t":0,"type":"drop","frame":1,"cause":"eaten","node":"b"}').message).toContain('"cause"');
    expect(parseError('{"t":0,"type":"app_send","node":"a","to":"b","seq":0}').message).toContain('an integer "msg"');
    expect(parseError('{"t":0,"type":"timer","node":"a","action":"ring","timer":1}').message).toContain('"action"');
    expect(parseError('{"t":0,"type":"fault","fault":"partition","groups":["a"]}').message).toContain('"groups"');
    expect(parseError('{"t":0,"type":"send","frame":1,"from":"a","to":"b","bytes":1,"flow":3}').message).toContain('a string "flow" when it has one');
  });
});
