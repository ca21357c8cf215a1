/**
 * The JSON Lines form of a trace: one event per line with its keys in a fixed order (so equal
 * traces are equal bytes), and the reader that turns such a file back into events, checking
 * each line enough that a renderer can rely on it and naming the line when it cannot.
 */
import { DROP_FATE_NAMES } from '../net/fates.js';
import { TRACE_EVENT_TYPES, type FaultEvent, type TimerEvent, type TraceEvent } from './events.js';

/** What a field must hold; a trailing `?` makes it optional. */
type Kind = 'number' | 'integer' | 'string' | 'boolean' | 'groups' | 'cause' | 'timer-action' | 'fault-kind';
type FieldSpec = Kind | `${Kind}?`;
type EventType = TraceEvent['type'];

/**
 * Each type's fields after `t` and `type`, in the order its interface declares them: the
 * order they are written in, and what the reader demands of them.
 */
const FIELDS: { readonly [K in EventType]: Readonly<Record<string, FieldSpec>> } = {
  send: { frame: 'integer', from: 'string', to: 'string', bytes: 'number', flow: 'string?', copyOf: 'integer?' },
  enqueue: { frame: 'integer', link: 'string', from: 'string', to: 'string' },
  transmit: { frame: 'integer', link: 'string', from: 'string', to: 'string', end: 'number' },
  arrive: { frame: 'integer', node: 'string' },
  deliver: { frame: 'integer', node: 'string', from: 'string' },
  drop: { frame: 'integer', cause: 'cause', node: 'string', link: 'string?' },
  timer: { node: 'string', action: 'timer-action', timer: 'integer', due: 'number?' },
  fault: { fault: 'fault-kind', node: 'string?', link: 'string?', groups: 'groups?', oneWay: 'boolean?' },
  app_send: { node: 'string', to: 'string', msg: 'integer', seq: 'integer', request: 'boolean?' },
  app_deliver: { node: 'string', from: 'string', msg: 'integer', seq: 'integer' },
  app_reply: { node: 'string', from: 'string', msg: 'integer' },
  violation: { invariant: 'string', message: 'string' },
};

/** Every value of a string union, listed in a record so the compiler notices a new one. */
const TIMER_ACTIONS = Object.keys({ set: 0, fire: 0, cancel: 0 } satisfies Record<TimerEvent['action'], 0>);
const FAULT_KINDS = Object.keys({
  crash: 0,
  restart: 0,
  'link-down': 0,
  'link-up': 0,
  hold: 0,
  release: 0,
  partition: 0,
  heal: 0,
  degrade: 0,
  clock: 0,
} satisfies Record<FaultEvent['fault'], 0>);
const TYPES: ReadonlySet<string> = new Set(TRACE_EVENT_TYPES);

/** Keys in writing order for each type: `t`, `type`, then the declared fields. */
const KEY_ORDER = Object.fromEntries(
  TRACE_EVENT_TYPES.map((type) => [type, ['t', 'type', ...Object.keys(FIELDS[type])]]),
) as unknown as { readonly [K in EventType]: readonly string[] };

/** What a trace file is, for messages that refuse one that is not. */
export const TRACE_FILE_DESCRIPTION = 'JSON Lines written by msgsim run --trace, one event a line';

/** A trace file line that is not a usable event; the message names the file and line. */
export class TraceFileError extends Error {
  override readonly name = 'TraceFileError';
  /** The file as named to {@link parseTrace}. */
  readonly file: string;
  /** The 1-based line number of the bad line. */
  readonly line: number;

  constructor(file: string, line: number, problem: string) {
    super(`${file}:${line}: ${problem}`);
    this.file = file;
    this.line = line;
  }
}

/**
 * One trace event as a JSON Lines line, without the newline: keys in a fixed order (`t`,
 * `type`, then the others in the order the event's interface declares them; any key the
 * interface does not know comes last, sorted), undefined values left out. Equal events give
 * equal bytes.
 */
export function formatTraceLine(event: TraceEvent): string {
  const record = event as unknown as Readonly<Record<string, unknown>>;
  const known = KEY_ORDER[event.type] ?? ['t', 'type'];
  const extra = Object.keys(record)
    .filter((key) => !known.includes(key))
    .sort();
  const ordered: Record<string, unknown> = {};
  for (const key of [...known, ...extra]) {
    if (record[key] !== undefined) ordered[key] = record[key];
  }
  return JSON.stringify(ordered);
}

/**
 * The events of a JSON Lines trace, in file order. Blank lines (and a trailing newline, and
 * CRLF line ends) are allowed. Each line must be an object with a finite numeric `t`, a known
 * `type`, and the fields that type declares, of the right kinds (optional ones may be absent);
 * keys it does not know are kept as they are. A file whose first line is not even shaped like
 * an event (not JSON, or no `t` and known `type`) is said to be no msgsim trace at all.
 *
 * @param text - The file's contents.
 * @param file - The file's name, for error messages.
 * @throws {TraceFileError} at the first line that is not such an event, e.g.
 *   `trace.jsonl:12: a "drop" event needs a "cause" (one of queue_full, lost, …)` or
 *   `results.csv:1: not a msgsim trace (JSON Lines written by …): line 1 is not valid JSON (…)`.
 */
export function parseTrace(text: string, file: string): TraceEvent[] {
  const events: TraceEvent[] = [];
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    let line = lines[index]!;
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (line.trim() === '') continue;
    // Before the first event, a line that is not even shaped like one means another kind of file.
    const unusable = (problem: string, asFirst: string): TraceFileError =>
      new TraceFileError(file, index + 1, events.length === 0 ? `not a msgsim trace (${TRACE_FILE_DESCRIPTION}): line ${index + 1} ${asFirst}` : problem);
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
      throw unusable(`not valid JSON (${reason})`, `is not valid JSON (${reason})`);
    }
    if (!looksLikeEvent(value)) throw unusable(NOT_AN_EVENT, `has no numeric "t" and known "type" (${TYPE_LIST})`);
    const problem = checkEvent(value);
    if (problem !== undefined) throw new TraceFileError(file, index + 1, problem);
    events.push(value as unknown as TraceEvent);
  }
  return events;
}

const TYPE_LIST = TRACE_EVENT_TYPES.join(', ');
const NOT_AN_EVENT = `expected an event with a numeric "t" and a known "type" (${TYPE_LIST})`;

/**
 * Why `value` (e.g. an event read from another file) is not a trace event, or undefined if it
 * is one: the checks {@link parseTrace} makes of every line.
 */
export function traceEventProblem(value: unknown): string | undefined {
  return looksLikeEvent(value) ? checkEvent(value) : NOT_AN_EVENT;
}

/** Whether `value` is an object with a finite numeric `t` and a known `type`. */
function looksLikeEvent(value: unknown): value is Record<string, unknown> & { type: EventType } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const record = value as Record<string, unknown>;
  return typeof record['t'] === 'number' && Number.isFinite(record['t']) && typeof record['type'] === 'string' && TYPES.has(record['type']);
}

/** Why `value`, shaped like an event, is not a trace event, or undefined if it is one. */
function checkEvent(record: Record<string, unknown> & { type: EventType }): string | undefined {
  const type = record.type;
  for (const [key, spec] of Object.entries(FIELDS[type])) {
    const optional = spec.endsWith('?');
    const kind = (optional ? spec.slice(0, -1) : spec) as Kind;
    const field = record[key];
    if (field === undefined) {
      if (optional) continue;
      return `a "${type}" event needs ${expectation(key, kind)}`;
    }
    if (!fits(field, kind)) return `a "${type}" event needs ${expectation(key, kind)}${optional ? ' when it has one' : ''}`;
  }
  return undefined;
}

/** Whether `value` is of `kind`. */
function fits(value: unknown, kind: Kind): boolean {
  switch (kind) {
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'integer':
      return Number.isInteger(value);
    case 'string':
      return typeof value === 'string';
    case 'boolean':
      return typeof value === 'boolean';
    case 'groups':
      return Array.isArray(value) && value.every((group) => Array.isArray(group) && group.every((node) => typeof node === 'string'));
    case 'cause':
      return typeof value === 'string' && (DROP_FATE_NAMES as readonly string[]).includes(value);
    case 'timer-action':
      return typeof value === 'string' && TIMER_ACTIONS.includes(value);
    case 'fault-kind':
      return typeof value === 'string' && FAULT_KINDS.includes(value);
  }
}

/** What a field must be, as the end of an error message. */
function expectation(key: string, kind: Kind): string {
  switch (kind) {
    case 'number':
      return `a numeric "${key}"`;
    case 'integer':
      return `an integer "${key}"`;
    case 'string':
      return `a string "${key}"`;
    case 'boolean':
      return `a boolean "${key}"`;
    case 'groups':
      return `"${key}" as a list of lists of node names`;
    case 'cause':
      return `a "${key}" (one of ${DROP_FATE_NAMES.join(', ')})`;
    case 'timer-action':
      return `an "${key}" (one of ${TIMER_ACTIONS.join(', ')})`;
    case 'fault-kind':
      return `a "${key}" (one of ${FAULT_KINDS.join(', ')})`;
  }
}
