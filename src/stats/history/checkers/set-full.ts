/**
 * A grow-only set as clients saw it, judged the way Jepsen's set-full checker (which
 * Maelstrom's broadcast and g-set workloads use) judges it, element by element:
 *
 * - *known*: the completion of its add, or of the first read that saw it, whichever is first;
 * - *stable*: some read saw it, and no read invoked after that one missed it; its stable
 *   time is the invocation of the last read that missed it (or 0; Jepsen adds a nanosecond), and its stable
 *   latency the time from known to stable (at least 0), the read-sampled latency Maelstrom
 *   reports;
 * - *lost*: known, yet missed by a read invoked after the last read that saw it and after it
 *   was known.
 *
 * Besides, every final read (one per client, after the recovery wait) must hold every
 * acknowledged element, and no read may hold an element nobody tried to add.
 *
 * A run also knows the exact stable time of each element (the record's `stableAt`: when
 * every program node first held it, watched after every step of every node); from it come
 * the exact stable latencies, from the acknowledgement to that time (at least 0). The
 * read-sampled latency is never above the exact one for an element known at its
 * acknowledgement: the last read that missed it was invoked before some node held it.
 */
import { countRow, infoRow, withEvidence, type CheckRow } from '../../checks/rows.js';
import { pairOperations, type Operation } from '../entry.js';
import type { SetOperations } from '../../../workload/clients/workload.js';
import { evidenceList, type CheckerInput } from './context.js';

interface ElementState {
  readonly addIndex: number;
  /** Time and history index of the completion that made it known. */
  known: { time: number; index: number } | undefined;
  /** Invocation (time, index) of the latest read that saw it / missed it. */
  lastPresent: { time: number; index: number } | undefined;
  lastAbsent: { time: number; index: number } | undefined;
}

/** Stable latencies' quantiles reported, as Maelstrom reports them. */
export const LATENCY_QUANTILES: readonly [string, number][] = [
  ['p0', 0],
  ['p50', 0.5],
  ['p95', 0.95],
  ['p99', 0.99],
  ['max', 1],
];

/** The value at quantile q of sorted values: Jepsen's rule, element ⌊n·q⌋ (the last for q = 1). */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))]!;
}

/** The outcome of the set-full analysis, for checkers and metrics. */
export interface SetAnalysis {
  readonly attempts: number;
  readonly acknowledged: number;
  readonly stable: readonly unknown[];
  readonly lost: readonly unknown[];
  readonly neverRead: readonly unknown[];
  readonly unexpected: readonly unknown[];
  /** Read-sampled stable latencies, in seconds, of the stable elements. */
  readonly stableLatencies: readonly number[];
  /** Final reads that missed acknowledged elements: `[process, missing elements]`. */
  readonly incompleteFinalReads: readonly (readonly [number, readonly unknown[]])[];
  /** Acknowledgement time of each acknowledged element, by its JSON text. */
  readonly acknowledgedAt: ReadonlyMap<string, number>;
}

/** Analyses the set operations of a history; reads that start at or after `finalAt` are final reads. */
export function analyseSet(operations: readonly Operation[], fns: SetOperations, finalAt: number): SetAnalysis {
  const elements = new Map<string, ElementState>();
  const values = new Map<string, unknown>();
  const acknowledgedAt = new Map<string, number>();
  const unexpected = new Map<string, unknown>();
  // Events in history order: adds at their invocation and completion, reads at their completion.
  type Event = { index: number; op: Operation; kind: 'invoke' | 'complete' };
  const events: Event[] = [];
  for (const op of operations) {
    if (op.f === fns.add) {
      events.push({ index: op.invokeIndex, op, kind: 'invoke' });
      if (op.outcome === 'ok') events.push({ index: op.returnIndex, op, kind: 'complete' });
    } else if (op.f === fns.read && op.outcome === 'ok') {
      events.push({ index: op.returnIndex, op, kind: 'complete' });
    }
  }
  events.sort((a, b) => a.index - b.index);
  const finalReads: Operation[] = [];
  for (const { op, kind } of events) {
    if (op.f === fns.add) {
      const key = JSON.stringify(op.input);
      if (kind === 'invoke') {
        elements.set(key, { addIndex: op.invokeIndex, known: undefined, lastPresent: undefined, lastAbsent: undefined });
        values.set(key, op.input);
      } else {
        const state = elements.get(key)!;
        state.known ??= { time: op.returnTime ?? 0, index: op.returnIndex };
        acknowledgedAt.set(key, op.returnTime ?? 0);
      }
      continue;
    }
    const read = new Set((Array.isArray(op.output) ? op.output : []).map((value) => JSON.stringify(value)));
    const invoked = { time: op.invokeTime ?? 0, index: op.invokeIndex };
    if ((op.invokeTime ?? 0) >= finalAt) finalReads.push(op);
    for (const key of read) if (!elements.has(key) && !unexpected.has(key)) unexpected.set(key, JSON.parse(key));
    for (const [key, state] of elements) {
      if (read.has(key)) {
        state.known ??= { time: op.returnTime ?? 0, index: op.returnIndex };
        if (state.lastPresent === undefined || state.lastPresent.index < invoked.index) state.lastPresent = invoked;
      } else if (state.lastAbsent === undefined || state.lastAbsent.index < invoked.index) {
        state.lastAbsent = invoked;
      }
    }
  }
  const stable: unknown[] = [];
  const lost: unknown[] = [];
  const neverRead: unknown[] = [];
  const stableLatencies: number[] = [];
  for (const [key, state] of elements) {
    const value = values.get(key);
    const absentIndex = state.lastAbsent?.index ?? -1;
    if (state.lastPresent !== undefined && absentIndex < state.lastPresent.index) {
      stable.push(value);
      const stableTime = state.lastAbsent === undefined ? 0 : state.lastAbsent.time;
      stableLatencies.push(Math.max(0, stableTime - (state.known?.time ?? stableTime)));
    } else if (state.known !== undefined && state.lastAbsent !== undefined && (state.lastPresent?.index ?? -1) < absentIndex && state.known.index < absentIndex) {
      lost.push(value);
    } else {
      neverRead.push(value);
    }
  }
  const incompleteFinalReads = finalReads.flatMap((read) => {
    const seen = new Set((Array.isArray(read.output) ? read.output : []).map((value) => JSON.stringify(value)));
    const missing = [...acknowledgedAt.keys()].filter((key) => !seen.has(key)).map((key) => values.get(key));
    return missing.length === 0 ? [] : [[read.process, missing] as const];
  });
  return {
    attempts: elements.size,
    acknowledged: acknowledgedAt.size,
    stable,
    lost,
    neverRead,
    unexpected: [...unexpected.values()],
    stableLatencies: stableLatencies.sort((a, b) => a - b),
    incompleteFinalReads,
    acknowledgedAt,
  };
}

/** Rows of a set workload: the verdicts (lost, unexpected, incomplete final reads), then counts and latencies. */
export function setRows(input: CheckerInput, fns: SetOperations, finalAt: number): CheckRow[] {
  const { subject } = input;
  const analysis = analyseSet(pairOperations(input.history), fns, finalAt);
  const missing = analysis.incompleteFinalReads;
  const rows = [
    withEvidence(countRow(subject, 'lost', analysis.lost.length, 0, 'acknowledged elements missed by every read after the last that saw them'), evidenceList(analysis.lost)),
    withEvidence(countRow(subject, 'unexpected', analysis.unexpected.length, 0, 'elements read that no client tried to add'), evidenceList(analysis.unexpected)),
    withEvidence(
      countRow(subject, 'incomplete_final_reads', missing.length, 0, 'final reads missing an acknowledged element'),
      evidenceList(missing.map(([process, values]) => `process ${process} missed ${evidenceList(values, 5)}`), 3),
    ),
    infoRow(subject, 'attempted', analysis.attempts, 'elements clients tried to add'),
    infoRow(subject, 'acknowledged', analysis.acknowledged, 'elements whose add was acknowledged'),
    infoRow(subject, 'stable', analysis.stable.length, 'elements that every read after some point saw'),
    withEvidence(infoRow(subject, 'never_read', analysis.neverRead.length, 'elements neither stable nor lost (no read after they were known)'), evidenceList(analysis.neverRead)),
  ];
  for (const [name, q] of LATENCY_QUANTILES) {
    rows.push(infoRow(subject, `stable_latency_read_${name}`, quantile(analysis.stableLatencies, q), `read-sampled stable latency (Jepsen set-full), quantile ${q}`));
  }
  const stableAt = input.record.stableAt;
  if (stableAt !== undefined) rows.push(...exactRows(subject, exactStableLatencies(analysis, stableAt)));
  return rows;
}

/**
 * Exact stable latencies, sorted: for each acknowledged element that every program node held,
 * the time from its acknowledgement until the last node first held it (0 if that was before).
 */
export function exactStableLatencies(analysis: SetAnalysis, stableAt: ReadonlyMap<string, number>): number[] {
  const latencies: number[] = [];
  for (const [key, acknowledged] of analysis.acknowledgedAt) {
    const stable = stableAt.get(key);
    if (stable !== undefined) latencies.push(Math.max(0, stable - acknowledged));
  }
  return latencies.sort((a, b) => a - b);
}

/** The exact rows: how many acknowledged elements reached every node, and their latencies' quantiles. */
function exactRows(subject: string, latencies: readonly number[]): CheckRow[] {
  const rows = [infoRow(subject, 'stable_exact', latencies.length, 'acknowledged elements every program node held')];
  for (const [name, q] of LATENCY_QUANTILES) {
    if (name === 'p0') continue;
    rows.push(infoRow(subject, `stable_latency_exact_${name}`, quantile(latencies, q), `acknowledgement to the first time every program node held it (probed after each step), quantile ${q}`));
  }
  return rows;
}
