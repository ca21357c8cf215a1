/**
 * What every check needs, computed once per run: the hop schedule, message paths, each
 * message's predicted delay, the frames of each ledger row, each label's messages, each
 * flow's messages and logical messages, which label each transmitter carried, and the
 * link directions as columns. Each is one pass over a journal, so that no check scans one
 * again per flow or per link.
 */
import { labelOfStream } from '../../messaging/observer.js';
import { Outcome } from '../../net/outcome.js';
import type { FlowSpec } from '../../workload/flow.js';
import { ledgerRowsByFlow, measureDeliveries, type DeliveryMetrics } from '../delivery-metrics.js';
import { idsOfFlow, measureFlow, messageIdsByFlow, type FlowMetrics } from '../flow-metrics.js';
import { scheduleHops, type HopSchedule } from '../hop-schedule.js';
import { messagePaths, type MessagePaths } from '../paths.js';
import { linkColumns, type LinkColumns } from '../link-columns.js';
import type { RunRecord, TransmitterRecord } from '../record.js';
import { rowFrames, type RowFrames } from '../traces.js';
import { patternOf, type PatternAnalysis } from './pattern.js';

/** Shared inputs of the checks of one run. */
export interface RunContext {
  readonly record: RunRecord;
  readonly schedule: HopSchedule;
  readonly paths: MessagePaths;
  /**
   * Per transmitter, the journal label (flow index) of every message it carried:
   * {@link CARRIED_NOTHING}, {@link CARRIED_SEVERAL}, or that label (-1: unlabeled).
   */
  readonly carried: Int32Array;
  /** Message ids by journal label (flow index), copies included, in send order. */
  readonly idsByLabel: readonly number[][];
  /** The link directions' parameters as columns, and each node's outgoing directions. */
  readonly links: LinkColumns;
  /**
   * Each message's delay on the hop schedule, by message id: its last hop's predicted
   * arrival − its send (0 without hops); NaN where some hop was not predicted exactly.
   */
  readonly predictedDelays: Float64Array;
  /** Whether any transmitter was touched by a fault. */
  readonly anyFault: boolean;
  /** The journal frames of each ledger row. */
  readonly frames: RowFrames;
  /** Node indices by name. */
  readonly nodeIndex: ReadonlyMap<string, number>;
  /**
   * Only messages sent (and logical messages opened) at or after this time are measured: a
   * warm-up to leave out. The reference schedule still covers every hop, so what a message
   * waited behind earlier ones is predicted all the same. 0 measures everything.
   */
  readonly since: number;
}

/**
 * Inputs of the checks of one labelled stream of frames: a flow's own messages (labelled
 * with its name), or the other frames of its exchanges (`<flow>:reply`, `<flow>:event`,
 * `<flow>:ack`, …).
 */
export interface FlowContext {
  readonly run: RunContext;
  /** The scenario flow the frames belong to. */
  readonly spec: FlowSpec;
  /** What the checks need of the flow's pattern. */
  readonly pattern: PatternAnalysis;
  /** Their label in the journal. */
  readonly name: string;
  /**
   * Whether they are sent one per scheduled send, at most once, so the flow's interval and
   * size describe them (and the queueing and closed-form throughput formulas apply).
   */
  readonly scheduled: boolean;
  /** The label's index in the journal, or -1 if nothing was sent under it. */
  readonly index: number;
  /** Ids of every message of the flow, copies included, in send order. */
  readonly ids: readonly number[];
  /** Ids of the messages the sender sent (no copies), in send order. */
  readonly originals: readonly number[];
  /** Ids of delivered originals, in send order. */
  readonly delivered: readonly number[];
  readonly metrics: FlowMetrics;
}

/** {@link RunContext.carried}: the transmitter carried no message. */
export const CARRIED_NOTHING = -2;
/** {@link RunContext.carried}: the transmitter carried messages of more than one label. */
export const CARRIED_SEVERAL = -3;

/** Whether transmitter `index` carried messages of label `label` and of no other. */
export function carriesOnly(run: RunContext, index: number, label: number): boolean {
  return run.carried[index] === label;
}

/** Prepares the shared inputs of a run's checks; `since` leaves out a warm-up. */
export function runContext(record: RunRecord, since = 0): RunContext {
  const carried = new Int32Array(record.transmitters.length).fill(CARRIED_NOTHING);
  const hops = record.hops;
  for (let h = 0; h < hops.length; h++) {
    const t = hops.transmitter[h]!;
    const label = record.journal.flow[hops.message[h]!]!;
    if (carried[t] === CARRIED_NOTHING) carried[t] = label;
    else if (carried[t] !== label) carried[t] = CARRIED_SEVERAL;
  }
  const schedule = scheduleHops(record);
  const paths = messagePaths(record);
  const journal = record.journal;
  return {
    record,
    schedule,
    paths,
    carried,
    idsByLabel: messageIdsByFlow(journal),
    links: linkColumns(record),
    predictedDelays: predictedDelays(record, schedule, paths),
    anyFault: record.transmitters.some((t: TransmitterRecord) => t.faultedAt !== Infinity),
    frames: rowFrames(record),
    nodeIndex: new Map(record.nodeNames.map((name, index) => [name, index])),
    since,
  };
}

/**
 * Prepares the inputs of the checks of every label, in scenario order: each flow's own
 * label first (unless only its other labels carried frames), then its other labels in the
 * order they first appeared.
 */
export function flowContexts(run: RunContext): FlowContext[] {
  const journal = run.record.journal;
  const byFlow = run.idsByLabel;
  const otherLabels = labelsByFlow(journal.flowNames);
  return run.record.flows.flatMap((spec) => {
    const pattern = patternOf(run.record, spec);
    const others = otherLabels.get(spec.name) ?? [];
    const own = others.length === 0 || idsOfFlow(journal, byFlow, spec.name).length > 0 ? [spec.name] : [];
    return [...own, ...others].map((name) => {
      const all = idsOfFlow(journal, byFlow, name);
      const ids = run.since > 0 ? all.filter((id) => journal.sentAt[id]! >= run.since) : all;
      const originals = ids.filter((id) => journal.copyOf[id] === -1);
      const index = journal.findFlow(name);
      return {
        run,
        spec,
        pattern,
        name,
        // After a warm-up the flow's schedule no longer describes the frames measured.
        scheduled: name === spec.name && run.since === 0 && sendsOncePerSchedule(spec, pattern),
        index,
        ids,
        originals,
        delivered: originals.filter((id) => journal.outcome[id] === Outcome.Delivered),
        metrics: measureFlow(journal, name, ids),
      };
    });
  });
}

/**
 * Predicted delay of every message, in one pass over the hops: a message's hops come in
 * order, so the last one seen is its last; one hop not predicted exactly spoils it.
 */
function predictedDelays(record: RunRecord, schedule: HopSchedule, paths: MessagePaths): Float64Array {
  const { journal, hops } = record;
  const arrival = new Float64Array(journal.length);
  for (let hop = 0; hop < hops.length; hop++) {
    const id = hops.message[hop]!;
    if (!Number.isNaN(arrival[id]!)) arrival[id] = schedule.arrival[hop]!;
  }
  for (let id = 0; id < journal.length; id++) {
    arrival[id] = paths.start[id] === paths.start[id + 1] ? 0 : arrival[id]! - journal.sentAt[id]!;
  }
  return arrival;
}

/** A flow's other labels (`<flow>:<role>`), by flow name, in the order they first appeared. */
function labelsByFlow(labels: readonly string[]): Map<string, string[]> {
  const byFlow = new Map<string, string[]>();
  for (const text of labels) {
    // The structured label the frame was counted under: its flow and its role there.
    const label = labelOfStream(text);
    if (label.role === 'message') continue;
    let list = byFlow.get(label.flow);
    if (list === undefined) byFlow.set(label.flow, (list = []));
    list.push(text);
  }
  return byFlow;
}

/** Whether a flow's own label carries exactly one frame per scheduled send: at most once, unordered, and as its pattern sends. */
function sendsOncePerSchedule(spec: FlowSpec, pattern: PatternAnalysis): boolean {
  return spec.delivery === 'at-most-once' && !spec.ordered && pattern.oncePerSend(spec);
}

/** Inputs of the checks of one flow's logical messages (its ledger rows). */
export interface DeliveryContext<S extends FlowSpec = FlowSpec> {
  readonly run: RunContext;
  readonly spec: S;
  /** The flow's ledger rows, in the order they were opened. */
  readonly rows: readonly number[];
  readonly metrics: DeliveryMetrics;
}

/** Prepares the inputs of each flow's delivery checks, in scenario order. */
export function deliveryContexts(run: RunContext): DeliveryContext[] {
  const ledger = run.record.ledger;
  const byFlow = ledgerRowsByFlow(ledger);
  return run.record.flows.map((spec) => {
    const all = byFlow.get(spec.name) ?? [];
    const rows = run.since > 0 ? all.filter((row) => ledger.openedAt[row]! >= run.since) : all;
    return { run, spec, rows, metrics: measureDeliveries(ledger, spec.name, rows) };
  });
}
