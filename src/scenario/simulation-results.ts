/**
 * What a run built from code (builder.ts) returns: every frame and every link direction as
 * messages.csv and links.csv have them, every formula check, and for a program driven by a
 * workload the clients' history and the workload's rows, all from the run's record (the
 * frames, checks and workload rows when first read).
 */
import { countsByOutcome, FATE_NAMES, type FateName } from '../net/fates.js';
import { Outcome, OUTCOME_NAMES, type OutcomeName } from '../net/outcome.js';
import { allRows, checkRun, type CheckRow } from '../stats/checks/index.js';
import { workloadRows } from '../stats/history/checkers/index.js';
import type { RunRecord } from '../stats/record.js';
import type { HistoryEntry } from '../workload/clients/history.js';

/** One frame on the wire, as messages.csv has it (times in seconds; NaN for never). */
export interface FrameResult {
  readonly id: number;
  /** The label it was counted under (a flow, or `<flow>:<role>`); '' for none. */
  readonly flow: string;
  readonly src: string;
  readonly dst: string;
  readonly bytes: number;
  readonly sentAt: number;
  readonly receivedAt: number;
  readonly outcome: OutcomeName;
  /** The precise fate behind the outcome (messages.csv's `reason`). */
  readonly reason: FateName;
}

/** One link direction, as links.csv has it. */
export interface LinkResult {
  readonly link: string;
  readonly from: string;
  readonly to: string;
  readonly messages: number;
  readonly bytes: number;
  readonly lost: number;
  readonly dropped: number;
  readonly droppedFault: number;
}

/** What a run did. */
export interface SimulationResults {
  /** Everything the run recorded (journals, ledger), as result files are computed from. */
  readonly record: RunRecord;
  /** Every frame sent, in send order. */
  readonly messages: readonly FrameResult[];
  /** Every link direction. */
  readonly links: readonly LinkResult[];
  /** Every formula check that applies, with its verdict (the workload's rows among them). */
  readonly checks: readonly CheckRow[];
  /** What a program's clients observed, in the order it happened (history.jsonl); undefined without a workload. */
  readonly history: readonly HistoryEntry[] | undefined;
  /**
   * The workload's rows (summary.csv's `workload:<kind>`): its checker's verdicts (`ok` false
   * where one does not hold) and measurements; empty without a workload.
   */
  readonly workload: readonly CheckRow[];
}

/** The results of a finished run's record. */
export function simulationResults(record: RunRecord): SimulationResults {
  let messages: FrameResult[] | undefined;
  let checks: CheckRow[] | undefined;
  let workload: CheckRow[] | undefined;
  return {
    record,
    history: record.history,
    get workload() {
      return (workload ??= workloadRows(record));
    },
    get messages() {
      return (messages ??= frames(record));
    },
    links: record.transmitters.map((t) => {
      const byOutcome = countsByOutcome(t.stats.drops);
      return {
        link: t.link.name,
        from: record.nodeNames[t.from]!,
        to: record.nodeNames[t.to]!,
        messages: t.stats.messages,
        bytes: t.stats.bytes,
        lost: byOutcome[Outcome.Lost]!,
        dropped: byOutcome[Outcome.Dropped]!,
        droppedFault: byOutcome[Outcome.DroppedFault]!,
      };
    }),
    get checks() {
      return (checks ??= allRows(checkRun(record)));
    },
  };
}

function frames(record: RunRecord): FrameResult[] {
  const journal = record.journal;
  const list: FrameResult[] = [];
  for (let id = 0; id < journal.length; id++) {
    const flow = journal.flow[id]!;
    list.push({
      id,
      flow: flow < 0 ? '' : journal.flowNames[flow]!,
      src: record.nodeNames[journal.src[id]!]!,
      dst: record.nodeNames[journal.dst[id]!]!,
      bytes: journal.bytes[id]!,
      sentAt: journal.sentAt[id]!,
      receivedAt: journal.receivedAt[id]!,
      outcome: OUTCOME_NAMES[journal.outcome[id]!]!,
      reason: FATE_NAMES[journal.fate[id]!]!,
    });
  }
  return list;
}
