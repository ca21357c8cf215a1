/**
 * What a finished run leaves behind for analysis: the journal plus the description of the
 * network and workload it ran. Metrics, formula checks and result files are pure functions
 * of a RunRecord.
 */
import type { StopReason } from '../engine/simulator.js';
import type { MessageJournal } from '../net/journal.js';
import type { LinkConfig } from '../net/link.js';
import type { FlowSpec } from '../workload/flow.js';

/** A finished run: its inputs and its journal. */
export interface RunRecord {
  /** Scenario name. */
  readonly name: string;
  /** Root seed of the run. */
  readonly seed: number;
  /** Node names by node index (as in the journal). */
  readonly nodeNames: readonly string[];
  readonly links: readonly LinkConfig[];
  readonly flows: readonly FlowSpec[];
  /** Header bytes added to every message on the wire. */
  readonly headerBytes: number;
  readonly journal: MessageJournal;
  /** Virtual time when the run stopped, in seconds. */
  readonly endTime: number;
  readonly stopReason: StopReason;
  /** Events processed. */
  readonly events: number;
}
