/**
 * A validated scenario, in base units (seconds, bits per second, bytes): what build.ts turns
 * into a simulation. Obtained from a file with {@link parseScenario}, or written directly.
 */
import type { LinkConfig } from '../net/link.js';
import type { FlowSpec } from '../workload/flow.js';

/** A complete, valid scenario. */
export interface Scenario {
  readonly name: string;
  readonly description?: string;
  /** Root seed of every random stream. */
  readonly seed: number;
  /** Stop at this virtual time, in seconds; undefined runs until no events remain. */
  readonly untilSeconds?: number;
  /** Stop after this many events. */
  readonly maxEvents: number;
  /** Header bytes added to every message on the wire. */
  readonly headerBytes: number;
  /** Codec name (see CODECS). */
  readonly codec: string;
  readonly nodes: readonly string[];
  readonly links: readonly LinkConfig[];
  readonly flows: readonly FlowSpec[];
}
