/**
 * Per-flow measurements over a run's journal: outcome counts, delay statistics and
 * throughput, as the results and the summary table report them. A flow's messages are the
 * ones its sender sent; copies made by duplicating links are counted apart.
 */
import type { MessageJournal } from '../net/journal.js';
import { Outcome } from '../net/outcome.js';
import type { RunRecord } from './record.js';

/** What one flow did in a run. Times in seconds, throughput in bits per second. */
export interface FlowMetrics {
  readonly flow: string;
  /** Messages the sender sent (copies not included). */
  readonly sent: number;
  readonly delivered: number;
  readonly lost: number;
  readonly dropped: number;
  readonly droppedFault: number;
  readonly corrupted: number;
  readonly inFlight: number;
  /** Copies made by duplicating links that were delivered too. */
  readonly duplicatesDelivered: number;
  /** Delay statistics over delivered messages; NaN when none was delivered. */
  readonly delayMin: number;
  readonly delayMean: number;
  readonly delayMax: number;
  /** Delivered bits / (last arrival − first send); NaN when none was delivered. */
  readonly throughputBitsPerSecond: number;
}

/** The ids of each flow's messages in send order (copies included), indexed by flow index. */
export function messageIdsByFlow(journal: MessageJournal): number[][] {
  const byFlow: number[][] = journal.flowNames.map(() => []);
  for (let id = 0; id < journal.length; id++) {
    const flow = journal.flow[id]!;
    if (flow >= 0) byFlow[flow]!.push(id);
  }
  return byFlow;
}

/** The ids of a named flow's messages (empty when it sent none). */
export function idsOfFlow(journal: MessageJournal, byFlow: readonly number[][], name: string): readonly number[] {
  const index = journal.findFlow(name);
  return index < 0 ? [] : byFlow[index]!;
}

/** Measures one flow from the ids of its messages. */
export function measureFlow(journal: MessageJournal, flow: string, ids: readonly number[]): FlowMetrics {
  const counts = [0, 0, 0, 0, 0, 0];
  let sent = 0;
  let duplicates = 0;
  let delaySum = 0;
  let delayMin = Infinity;
  let delayMax = -Infinity;
  let deliveredBits = 0;
  let firstSend = Infinity;
  let lastArrival = -Infinity;
  for (const id of ids) {
    const outcome = journal.outcome[id]!;
    if (journal.copyOf[id] !== -1) {
      if (outcome === Outcome.Delivered) duplicates++;
      continue;
    }
    sent++;
    counts[outcome]!++;
    if (journal.sentAt[id]! < firstSend) firstSend = journal.sentAt[id]!;
    if (outcome !== Outcome.Delivered) continue;
    const received = journal.receivedAt[id]!;
    const delay = received - journal.sentAt[id]!;
    delaySum += delay;
    if (delay < delayMin) delayMin = delay;
    if (delay > delayMax) delayMax = delay;
    deliveredBits += journal.bytes[id]! * 8;
    if (received > lastArrival) lastArrival = received;
  }
  const delivered = counts[Outcome.Delivered]!;
  const none = delivered === 0;
  return {
    flow,
    sent,
    delivered,
    lost: counts[Outcome.Lost]!,
    dropped: counts[Outcome.Dropped]!,
    droppedFault: counts[Outcome.DroppedFault]!,
    corrupted: counts[Outcome.Corrupted]!,
    inFlight: counts[Outcome.InFlight]!,
    duplicatesDelivered: duplicates,
    delayMin: none ? NaN : delayMin,
    delayMean: none ? NaN : delaySum / delivered,
    delayMax: none ? NaN : delayMax,
    throughputBitsPerSecond: none ? NaN : deliveredBits / (lastArrival - firstSend),
  };
}

/** Measures every flow of a run, in scenario order. */
export function measureFlows(record: RunRecord): FlowMetrics[] {
  const journal = record.journal;
  const byFlow = messageIdsByFlow(journal);
  return record.flows.map((flow) => measureFlow(journal, flow.name, idsOfFlow(journal, byFlow, flow.name)));
}
