/**
 * What every check needs, computed once per run: the hop schedule, message paths, the
 * frames of each ledger row, each flow's messages and logical messages, and which flows
 * each transmitter carried.
 */
import { Outcome } from '../../net/outcome.js';
import type { FlowSpec } from '../../workload/flow.js';
import { ledgerRowsByFlow, measureDeliveries, type DeliveryMetrics } from '../delivery-metrics.js';
import { idsOfFlow, measureFlow, messageIdsByFlow, type FlowMetrics } from '../flow-metrics.js';
import { scheduleHops, type HopSchedule } from '../hop-schedule.js';
import { messagePaths, type MessagePaths } from '../paths.js';
import type { RunRecord, TransmitterRecord } from '../record.js';
import { rowFrames, type RowFrames } from '../traces.js';

/** Shared inputs of the checks of one run. */
export interface RunContext {
  readonly record: RunRecord;
  readonly schedule: HopSchedule;
  readonly paths: MessagePaths;
  /** Flow indices (journal) seen on each transmitter. */
  readonly flowsOnTransmitter: readonly Set<number>[];
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

/** Prepares the shared inputs of a run's checks; `since` leaves out a warm-up. */
export function runContext(record: RunRecord, since = 0): RunContext {
  const flowsOnTransmitter = record.transmitters.map(() => new Set<number>());
  const hops = record.hops;
  for (let h = 0; h < hops.length; h++) {
    flowsOnTransmitter[hops.transmitter[h]!]!.add(record.journal.flow[hops.message[h]!]!);
  }
  return {
    record,
    schedule: scheduleHops(record),
    paths: messagePaths(record),
    flowsOnTransmitter,
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
  const byFlow = messageIdsByFlow(journal);
  return run.record.flows.flatMap((spec) => {
    const others = journal.flowNames.filter((label) => label.startsWith(`${spec.name}:`));
    const own = others.length === 0 || idsOfFlow(journal, byFlow, spec.name).length > 0 ? [spec.name] : [];
    return [...own, ...others].map((name) => {
      const all = idsOfFlow(journal, byFlow, name);
      const ids = run.since > 0 ? all.filter((id) => journal.sentAt[id]! >= run.since) : all;
      const originals = ids.filter((id) => journal.copyOf[id] === -1);
      return {
        run,
        spec,
        name,
        // After a warm-up the flow's schedule no longer describes the frames measured.
        scheduled: name === spec.name && run.since === 0 && sendsOncePerSchedule(spec),
        index: journal.findFlow(name),
        ids,
        originals,
        delivered: originals.filter((id) => journal.outcome[id] === Outcome.Delivered),
        metrics: measureFlow(journal, name, ids),
      };
    });
  });
}

/** Whether a flow's own label carries exactly one frame per scheduled send. */
function sendsOncePerSchedule(spec: FlowSpec): boolean {
  if (spec.delivery !== 'at-most-once' || spec.ordered) return false;
  switch (spec.pattern) {
    case 'p2p':
    case 'request-reply':
    case 'work-queue':
      return true;
    case 'pubsub':
      return spec.broker !== undefined;
    case 'broadcast':
      return false;
  }
}

/** Inputs of the checks of one flow's logical messages (its ledger rows). */
export interface DeliveryContext {
  readonly run: RunContext;
  readonly spec: FlowSpec;
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
