/**
 * What every check needs, computed once per run: the hop schedule, message paths, each
 * flow's messages, and which flows each transmitter carried.
 */
import { Outcome } from '../../net/outcome.js';
import type { FlowSpec } from '../../workload/flow.js';
import { idsOfFlow, measureFlow, messageIdsByFlow, type FlowMetrics } from '../flow-metrics.js';
import { scheduleHops, type HopSchedule } from '../hop-schedule.js';
import { messagePaths, type MessagePaths } from '../paths.js';
import type { RunRecord, TransmitterRecord } from '../record.js';

/** Shared inputs of the checks of one run. */
export interface RunContext {
  readonly record: RunRecord;
  readonly schedule: HopSchedule;
  readonly paths: MessagePaths;
  /** Flow indices (journal) seen on each transmitter. */
  readonly flowsOnTransmitter: readonly Set<number>[];
  /** Whether any transmitter was touched by a fault. */
  readonly anyFault: boolean;
}

/** Inputs of the checks of one flow. */
export interface FlowContext {
  readonly run: RunContext;
  readonly spec: FlowSpec;
  /** The flow's index in the journal, or -1 if it sent nothing. */
  readonly index: number;
  /** Ids of every message of the flow, copies included, in send order. */
  readonly ids: readonly number[];
  /** Ids of the messages the sender sent (no copies), in send order. */
  readonly originals: readonly number[];
  /** Ids of delivered originals, in send order. */
  readonly delivered: readonly number[];
  readonly metrics: FlowMetrics;
}

/** Prepares the shared inputs of a run's checks. */
export function runContext(record: RunRecord): RunContext {
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
  };
}

/** Prepares the inputs of each flow's checks, in scenario order. */
export function flowContexts(run: RunContext): FlowContext[] {
  const journal = run.record.journal;
  const byFlow = messageIdsByFlow(journal);
  return run.record.flows.map((spec) => {
    const ids = idsOfFlow(journal, byFlow, spec.name);
    const originals = ids.filter((id) => journal.copyOf[id] === -1);
    return {
      run,
      spec,
      index: journal.findFlow(spec.name),
      ids,
      originals,
      delivered: originals.filter((id) => journal.outcome[id] === Outcome.Delivered),
      metrics: measureFlow(journal, spec.name, ids),
    };
  });
}
