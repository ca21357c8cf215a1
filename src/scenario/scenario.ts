/**
 * A validated scenario, in base units (seconds, bits per second, bytes): what simulation.ts
 * turns into a run. Obtained from a file with {@link parseScenario}, or written directly.
 */
import type { LinkConfig } from '../net/link.js';
import type { RoutingMetric } from '../net/routing.js';
import type { FlowSpec } from '../workload/flow.js';
import type { FaultSpec } from './faults.js';

/** A complete, valid scenario. */
export interface Scenario {
  readonly name: string;
  readonly description?: string;
  /** Root seed of every random stream (and of a random topology, fixed when the file was read). */
  readonly seed: number;
  /** Stop at this virtual time, in seconds; undefined runs until no events remain. */
  readonly untilSeconds?: number;
  /** Stop after this many events. */
  readonly maxEvents: number;
  /** Header bytes added to every message on the wire. */
  readonly headerBytes: number;
  /** Codec name (see CODECS). */
  readonly codec: string;
  /** What shortest path means for routing. */
  readonly routing: RoutingMetric;
  readonly nodes: readonly string[];
  readonly links: readonly LinkConfig[];
  readonly flows: readonly FlowSpec[];
  /** Faults in the order the file lists them; equal times apply in that order. */
  readonly faults: readonly FaultSpec[];
}
