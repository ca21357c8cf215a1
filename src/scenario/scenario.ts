/**
 * A validated scenario, in base units (seconds, bits per second, bytes): what simulation.ts
 * turns into a run. Obtained from a file with {@link parseScenario}, or written directly.
 */
import type { LinkConfig } from '../net/link.js';
import type { RoutingMetric } from '../net/routing.js';
import type { Exploration } from '../engine/simulator.js';
import type { FlowSpec } from '../workload/flow.js';
import type { ClientOptions } from '../workload/clients/clients.js';
import type { WorkloadSpec } from '../workload/clients/workloads/index.js';
import type { ScriptOp } from '../workload/protocol.js';
import type { ServiceName } from '../workload/services/index.js';
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
  /** A protocol of the user's, run on every node (then `flows` is empty). */
  readonly protocol?: ModuleExport;
  /** The application's sends through the protocol. */
  readonly script: readonly ScriptOp[];
  /** Invariants checked as the run goes: built-in names, or exports of modules. */
  readonly invariants: readonly (string | ModuleExport)[];
  /** Shuffled ordering of equal-time events, if asked for. */
  readonly exploration?: Exploration;
  /** A Maelstrom-style program of the user's, its services, workload and clients (then `flows` and `protocol` are empty). */
  readonly program?: ProgramSpec;
}

/** A Maelstrom-style program, where it runs and what drives it. */
export interface ProgramSpec {
  readonly module: ModuleExport;
  /** The nodes the program runs on (every node that is not a service), in scenario order. */
  readonly nodes: readonly string[];
  /** Services, each on the node of its name. */
  readonly services: readonly ServiceName[];
  /** What clients do; none: the program runs undriven. */
  readonly workload?: WorkloadSpec;
  /** How the clients run (their nodes resolved, concurrency a number). */
  readonly clients: ClientOptions;
}

/** An export of a module; `module` is absolute once read from a file. */
export interface ModuleExport {
  readonly module: string;
  readonly export: string;
}
