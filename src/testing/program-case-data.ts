/**
 * A generated case for a Maelstrom-style program, in scenario-file form: the network (program
 * nodes, then the services' nodes), the fault timeline, the workload section, the clients
 * section and the seed. Like a protocol's case (case.ts) it is the very data a scenario file
 * holds, so it runs, is written as YAML and is replayed by `msgsim run` without translation.
 */
import { faultCount, type FaultData, type LinkData } from './case.js';

/** A workload section, as a scenario file writes it: `{ kind: 'broadcast', topology: 'line' }`. */
export interface WorkloadData {
  readonly kind: string;
  readonly [option: string]: unknown;
}

/** The clients section of a case, as a scenario file writes it. */
export interface ClientsData {
  /** Client threads. */
  concurrency: number;
  /** Operations per second, over all clients. */
  rate: number;
  /** Operations start until this time (a duration). */
  duration: string;
  /** The wait before the final operations (a duration). */
  recovery: string;
  /** An operation without a reply after this long is `info` (a duration); absent: the scenario default. */
  timeout?: string;
}

/** A whole generated case of a program. */
export interface ProgramCase {
  seed: number;
  /** The program nodes (n0 …), then the services' nodes. */
  nodes: string[];
  links: LinkData[];
  /** Services beside the program, each on the node of its name. */
  services: string[];
  faults: FaultData[];
  workload: WorkloadData;
  clients: ClientsData;
}

/** The case's size, as counterexample reports quote it. */
export interface ProgramCaseSize {
  /** Program nodes (services not counted). */
  readonly nodes: number;
  /** Client threads. */
  readonly clients: number;
  readonly faults: number;
}

/** The size of a case. */
export function programCaseSize(c: ProgramCase): ProgramCaseSize {
  return { nodes: c.nodes.length - c.services.length, clients: c.clients.concurrency, faults: faultCount(c.faults) };
}

/** The scenario data of a case: what a scenario file for it holds; `program` says where replays load the program from. */
export function programScenarioData(c: ProgramCase, options: { name?: string; program?: { module: string; export: string } } = {}): Record<string, unknown> {
  return {
    name: options.name ?? 'case',
    seed: c.seed,
    nodes: c.nodes,
    ...(c.links.length > 0 ? { links: c.links } : {}),
    ...(c.faults.length > 0 ? { faults: c.faults } : {}),
    program: options.program ?? { module: 'program.js', export: 'default' },
    ...(c.services.length > 0 ? { services: c.services } : {}),
    workload: c.workload,
    clients: c.clients,
  };
}
