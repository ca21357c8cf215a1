/**
 * What a finished run leaves behind for analysis: the journals plus the description of the
 * network and workload it ran. Metrics, formula checks and result files are pure functions
 * of a RunRecord.
 */
import type { StopReason } from '../engine/simulator.js';
import type { DeliveryLedger } from './ledger.js';
import type { HopJournal } from '../net/hop-journal.js';
import type { MessageJournal } from '../net/journal.js';
import type { LinkConfig, TransmitterStats } from '../net/link.js';
import type { RoutingMetric } from '../net/routing.js';
import type { TraceOutcome } from '../trace/recorder.js';
import type { HistoryEntry } from '../workload/clients/history.js';
import type { WorkloadSpec } from '../workload/clients/workloads/index.js';
import type { FlowSpec } from '../workload/flow.js';
import type { PatternAnalysis } from './checks/pattern.js';

/** One direction of a link as it ended the run. */
export interface TransmitterRecord {
  /** Index in {@link RunRecord.transmitters}; hop records refer to it. */
  readonly index: number;
  readonly link: LinkConfig;
  /** Sending and receiving node indices. */
  readonly from: number;
  readonly to: number;
  readonly stats: TransmitterStats;
  /** Serialisation time within the run, in seconds. */
  readonly busySeconds: number;
  /** Time messages spent queued within the run, in seconds. */
  readonly waitSeconds: number;
  /**
   * When a fault first cut or degraded it, in seconds (Infinity if never): from then on its
   * schedule follows no single formula, and exact checks stop there.
   */
  readonly faultedAt: number;
}

/** A fault that struck a node: it crashed, restarted, or its clock was set or skewed. */
export interface NodeFault {
  readonly at: number;
  readonly kind: 'crash' | 'restart' | 'clock';
  readonly node: string;
}

/** A finished run: its inputs and its journals. */
export interface RunRecord {
  /** Scenario name. */
  readonly name: string;
  /** Root seed of the run. */
  readonly seed: number;
  /** Node names by node index (as in the journals). */
  readonly nodeNames: readonly string[];
  readonly links: readonly LinkConfig[];
  readonly transmitters: readonly TransmitterRecord[];
  readonly routing: RoutingMetric;
  readonly flows: readonly FlowSpec[];
  /** What the checks need of the patterns of the flows, by pattern name (from their definitions). */
  readonly patterns: ReadonlyMap<string, PatternAnalysis>;
  /** Faults that struck nodes, in time order (link faults show in {@link TransmitterRecord.faultedAt}). */
  readonly nodeFaults: readonly NodeFault[];
  /** Header bytes added to every message on the wire. */
  readonly headerBytes: number;
  /** Name of the codec messages were encoded with. */
  readonly codec: string;
  readonly journal: MessageJournal;
  readonly hops: HopJournal;
  /** Logical messages (requests, publications per subscriber, broadcasts per node, …). */
  readonly ledger: DeliveryLedger;
  /** When the run stopped, in seconds: virtual time, or real time since the start of a real run. */
  readonly endTime: number;
  readonly stopReason: StopReason;
  /** Events processed. */
  readonly events: number;
  /** The run's trace, when one was recorded (a protocol run, `--trace`, replays). */
  readonly trace?: TraceOutcome;
  /** Where a Maelstrom-style program ran, and the workload that drove it. */
  readonly program?: ProgramRecord;
  /** What the workload's clients observed, in the order it happened (history.jsonl). */
  readonly history?: readonly HistoryEntry[];
  /**
   * For a set workload (broadcast, g-set): when each value was first held by every program
   * node, by the value's JSON text; values some node never held are absent.
   */
  readonly stableAt?: ReadonlyMap<string, number>;
  /** Set for a run on real sockets: then the link formulas describe the scenario, not what carried the frames. */
  readonly real?: RealRunInfo;
}

/**
 * How a run on real sockets ran (`msgsim live`, `msgsim emulate`): its frames crossed a real
 * network, not the scenario's simulated links.
 */
export interface RealRunInfo {
  /** The transport the frames went over. */
  readonly transport: 'udp' | 'tcp';
  /** What was between the nodes, for people: e.g. "loopback", "emulated (namespaces)". */
  readonly network: string;
}

/** Where a program ran: its nodes, the services beside them, and its workload. */
export interface ProgramRecord {
  readonly nodes: readonly string[];
  readonly services: readonly string[];
  readonly workload?: WorkloadSpec;
  /** When the final operations began (the main phase's duration plus the recovery wait), in seconds. */
  readonly finalAt: number;
}
