/**
 * The kafka workload's checker: the anomalies Jepsen's kafka checker (which Maelstrom's
 * kafka workload uses) reports for consumers that assign their keys, judged on offsets.
 * Offsets are *known* when an acknowledged send returned them or a successful poll read
 * them. Per key:
 *
 * - inconsistent offsets: one offset holding two different messages;
 * - duplicates: one message at two offsets;
 * - lost writes: an acknowledged send no poll ever read, though some poll read at or past
 *   its offset;
 * - unseen: an acknowledged send no poll ever read, beyond every offset polled (the final
 *   polls read every key from the start, so none should remain);
 * - nonmonotonic polls: a poll that returned an offset before the one it asked to start
 *   from (the client had read up to there), and internal ones: a poll whose offsets for a
 *   key do not strictly increase;
 * - poll skips: a poll whose first offset for a key comes after a known offset at or past
 *   the one it asked for, and internal ones: a known offset between two offsets a poll
 *   returned next to each other;
 * - nonmonotonic sends: a process's successive acknowledged sends to a key whose offsets do
 *   not increase;
 * - committed offset regressions: a listing of committed offsets, invoked after a commit
 *   was acknowledged, that gives a key a lower offset than that commit (or none).
 */
import { countRow, infoRow, withEvidence, type CheckRow } from '../../checks/rows.js';
import { pairOperations, type Operation } from '../entry.js';
import { evidenceList, invokedBy, type CheckerInput } from './context.js';

/** Each anomaly's cases, as short evidence texts. */
export interface KafkaAnalysis {
  readonly inconsistentOffsets: string[];
  readonly duplicates: string[];
  readonly lostWrites: string[];
  readonly unseen: string[];
  readonly nonmonotonicPolls: string[];
  readonly internalNonmonotonicPolls: string[];
  readonly pollSkips: string[];
  readonly internalPollSkips: string[];
  readonly nonmonotonicSends: string[];
  readonly committedOffsetRegressions: string[];
  readonly acknowledgedSends: number;
  readonly polledMessages: number;
}

/** An acknowledged send: its key, message and offset. */
interface Sent {
  readonly op: Operation;
  readonly key: string;
  readonly msg: string;
  readonly offset: number;
}

type Pairs = readonly (readonly [number, unknown])[];

const text = (value: unknown): string => JSON.stringify(value ?? null);

/** Entries of a map-like value (an object), or none. */
function entriesOf<T>(value: unknown): [string, T][] {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (Object.entries(value) as [string, T][]) : [];
}

/** Per key: what is known at each offset, and which offsets each message was seen at. */
class Logs {
  readonly messagesAt = new Map<string, Map<number, Set<string>>>();
  readonly offsetsOf = new Map<string, Map<string, Set<number>>>();
  private sorted = new Map<string, number[]>();

  note(key: string, offset: number, msg: string): void {
    let offsets = this.messagesAt.get(key);
    if (offsets === undefined) this.messagesAt.set(key, (offsets = new Map()));
    let messages = offsets.get(offset);
    if (messages === undefined) offsets.set(offset, (messages = new Set()));
    messages.add(msg);
    let byMessage = this.offsetsOf.get(key);
    if (byMessage === undefined) this.offsetsOf.set(key, (byMessage = new Map()));
    let where = byMessage.get(msg);
    if (where === undefined) byMessage.set(msg, (where = new Set()));
    where.add(offset);
  }

  /** Known offsets of `key` in [low, high), in order. */
  between(key: string, low: number, high: number): number[] {
    let sorted = this.sorted.get(key);
    if (sorted === undefined) this.sorted.set(key, (sorted = [...(this.messagesAt.get(key)?.keys() ?? [])].sort((a, b) => a - b)));
    return sorted.filter((offset) => offset >= low && offset < high);
  }
}

/** Analyses the kafka operations of a history; see the module comment. */
export function analyseKafka(operations: readonly Operation[]): KafkaAnalysis {
  const sends: Sent[] = operations.flatMap((op) =>
    op.f === 'send' && op.outcome === 'ok' && typeof op.output === 'number' ? [{ op, key: String(op.key), msg: text(op.input), offset: op.output }] : [],
  );
  const polls = operations.filter((op) => op.f === 'poll' && op.outcome === 'ok');
  const logs = new Logs();
  for (const send of sends) logs.note(send.key, send.offset, send.msg);
  /** Per key, the messages polls read and the highest offset they reached. */
  const polled = new Map<string, { messages: Set<string>; highest: number }>();
  for (const poll of polls) {
    for (const [key, pairs] of entriesOf<Pairs>(poll.output)) {
      let seen = polled.get(key);
      if (seen === undefined) polled.set(key, (seen = { messages: new Set(), highest: -Infinity }));
      for (const [offset, msg] of pairs) {
        logs.note(key, offset, text(msg));
        seen.messages.add(text(msg));
        seen.highest = Math.max(seen.highest, offset);
      }
    }
  }
  const inconsistentOffsets: string[] = [];
  for (const [key, offsets] of logs.messagesAt) {
    for (const [offset, messages] of offsets) if (messages.size > 1) inconsistentOffsets.push(`key ${text(key)} offset ${offset}: ${[...messages].join(', ')}`);
  }
  const duplicates: string[] = [];
  for (const [key, byMessage] of logs.offsetsOf) {
    for (const [msg, offsets] of byMessage) if (offsets.size > 1) duplicates.push(`key ${text(key)} message ${msg} at offsets ${[...offsets].sort((a, b) => a - b).join(', ')}`);
  }
  const lostWrites: string[] = [];
  const unseen: string[] = [];
  for (const send of sends) {
    const seen = polled.get(send.key);
    if (seen?.messages.has(send.msg) === true) continue;
    const what = `key ${text(send.key)} offset ${send.offset} (message ${send.msg}, sent by ${invokedBy(send.op)})`;
    if (seen !== undefined && seen.highest >= send.offset) lostWrites.push(`${what}: never polled, though polls reached offset ${seen.highest}`);
    else unseen.push(what);
  }
  return {
    inconsistentOffsets,
    duplicates,
    lostWrites,
    unseen,
    ...pollOrder(polls, logs),
    nonmonotonicSends: sendOrder(sends),
    committedOffsetRegressions: commitRegressions(operations),
    acknowledgedSends: sends.length,
    polledMessages: [...polled.values()].reduce((sum, seen) => sum + seen.messages.size, 0),
  };
}

/** Polls against the offsets they asked for, and against the offsets known between theirs. */
function pollOrder(polls: readonly Operation[], logs: Logs): Pick<KafkaAnalysis, 'nonmonotonicPolls' | 'internalNonmonotonicPolls' | 'pollSkips' | 'internalPollSkips'> {
  const found = { nonmonotonicPolls: [] as string[], internalNonmonotonicPolls: [] as string[], pollSkips: [] as string[], internalPollSkips: [] as string[] };
  for (const poll of polls) {
    const asked = new Map(entriesOf<number>(poll.input));
    for (const [key, pairs] of entriesOf<Pairs>(poll.output)) {
      const offsets = pairs.map(([offset]) => offset);
      if (offsets.length === 0) continue;
      const from = asked.get(key);
      const where = `${invokedBy(poll)} polled key ${text(key)}`;
      if (from !== undefined && offsets[0]! < from) found.nonmonotonicPolls.push(`${where} from ${from}, got ${offsets[0]} first`);
      if (from !== undefined && offsets[0]! > from) {
        const skipped = logs.between(key, from, offsets[0]!);
        if (skipped.length > 0) found.pollSkips.push(`${where} from ${from}, got ${offsets[0]} first, skipping ${skipped.join(', ')}`);
      }
      for (let i = 1; i < offsets.length; i++) {
        const [a, b] = [offsets[i - 1]!, offsets[i]!];
        if (b <= a) found.internalNonmonotonicPolls.push(`${where}: offset ${b} after ${a}`);
        else {
          const skipped = logs.between(key, a + 1, b);
          if (skipped.length > 0) found.internalPollSkips.push(`${where}: ${a} then ${b}, skipping ${skipped.join(', ')}`);
        }
      }
    }
  }
  return found;
}

/** A process's successive acknowledged sends to one key must get increasing offsets. */
function sendOrder(sends: readonly Sent[]): string[] {
  const last = new Map<string, Sent>();
  const found: string[] = [];
  for (const send of [...sends].sort((a, b) => a.op.invokeIndex - b.op.invokeIndex)) {
    const id = `${send.op.process} ${send.key}`;
    const before = last.get(id);
    if (before !== undefined && send.offset <= before.offset) found.push(`process ${send.op.process} sent to key ${text(send.key)} at offset ${before.offset}, then at ${send.offset}`);
    last.set(id, send);
  }
  return found;
}

/** Listings of committed offsets against the commits acknowledged before them. */
function commitRegressions(operations: readonly Operation[]): string[] {
  const events: { index: number; op: Operation }[] = [];
  for (const op of operations) {
    if (op.outcome !== 'ok') continue;
    if (op.f === 'commit_offsets') events.push({ index: op.returnIndex, op });
    if (op.f === 'list_committed_offsets') events.push({ index: op.invokeIndex, op });
  }
  events.sort((a, b) => a.index - b.index);
  const committed = new Map<string, { offset: number; op: Operation }>();
  const found: string[] = [];
  for (const { op } of events) {
    if (op.f === 'commit_offsets') {
      for (const [key, offset] of entriesOf<number>(op.input)) if (offset > (committed.get(key)?.offset ?? -Infinity)) committed.set(key, { offset, op });
      continue;
    }
    const listed = new Map(entriesOf<number>(op.output));
    for (const key of Array.isArray(op.input) ? op.input.map(String) : []) {
      const floor = committed.get(key);
      const offset = listed.get(key);
      if (floor === undefined || (offset !== undefined && offset >= floor.offset)) continue;
      found.push(`${invokedBy(op)} listed key ${text(key)} at ${offset ?? 'none'}, below ${floor.offset} committed by ${invokedBy(floor.op)}`);
    }
  }
  return found;
}

/** Rows: one per anomaly (each must be 0), then counts. */
export function checkKafka({ history, subject }: CheckerInput): CheckRow[] {
  const analysis = analyseKafka(pairOperations(history));
  const row = (metric: string, cases: readonly string[], formula: string): CheckRow => withEvidence(countRow(subject, metric, cases.length, 0, formula), evidenceList(cases, 3));
  return [
    row('inconsistent_offsets', analysis.inconsistentOffsets, 'offsets of a key holding two different messages'),
    row('duplicates', analysis.duplicates, 'messages at two offsets of a key'),
    row('lost_writes', analysis.lostWrites, 'acknowledged sends never polled, though polls reached their offset'),
    row('unseen', analysis.unseen, 'acknowledged sends never polled, beyond every offset polled'),
    row('nonmonotonic_polls', analysis.nonmonotonicPolls, 'polls that returned an offset before the one they asked for'),
    row('internal_nonmonotonic_polls', analysis.internalNonmonotonicPolls, 'polls whose offsets for a key do not strictly increase'),
    row('poll_skips', analysis.pollSkips, 'polls that began after a known offset at or past the one they asked for'),
    row('internal_poll_skips', analysis.internalPollSkips, 'polls that skipped a known offset between two they returned'),
    row('nonmonotonic_sends', analysis.nonmonotonicSends, "a process's sends to a key whose offsets do not increase"),
    row('committed_offset_regressions', analysis.committedOffsetRegressions, 'listed committed offsets below a commit acknowledged before'),
    infoRow(subject, 'acknowledged_sends', analysis.acknowledgedSends, 'sends acknowledged with an offset'),
    infoRow(subject, 'polled_messages', analysis.polledMessages, 'distinct messages polls read, over all keys'),
  ];
}
