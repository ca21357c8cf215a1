/**
 * A simulation built from code, for tests and programs (turmoil's Builder/Sim is the
 * model): the network of a scenario file — nodes, links or a topology, optional flows — given
 * as an object in the file's own form and validated by the same schema; programs of your own
 * on its nodes, or a Maelstrom-style program driven by a workload's clients; faults applied
 * from test code at any virtual time; and `run`, which returns what happened: every frame,
 * every link direction, every formula check and, for a workload, the clients' history and
 * its checker's rows.
 *
 *     const sim = createSimulation({ nodes: ['a', 'b'], links: [{ between: ['a', 'b'], bandwidth: '10Mbps', delay: '5ms' }] });
 *     sim.node('b', ({ endpoint }) => endpoint.onMessage((message, from) => endpoint.send(from, message)));
 *     sim.at(0.1, () => sim.partition([['a'], ['b']]));
 *     const results = await sim.run({ until: 1 });
 *
 *     const sim = createSimulation({ nodes: 3, topology: { kind: 'full-mesh', link: { bandwidth: '1Gbps', delay: '10ms' } } });
 *     sim.program(gossip, { workload: { kind: 'broadcast', topology: 'total' }, clients: { concurrency: 3, rate: 10, duration: '2s' } });
 *     const { history, workload } = await sim.run();
 *
 * It goes the same way as a scenario file: schema and validation, then buildSimulation,
 * then the run's record, checks and results; faults go through the same fault table.
 */
import type { RunStatus } from '../engine/simulator.js';
import { CODECS } from '../messaging/codec.js';
import { Endpoint } from '../messaging/endpoint.js';
import type { LossSpec } from '../net/loss.js';
import type { NodeSetup } from '../messaging/maelstrom/node.js';
import type { NodeContext } from '../runtime/seam.js';
import { withGlobalsOf } from '../runtime/virtual/program.js';
import { applyFault, type FaultSpec } from './faults.js';
import { scenarioFromData } from './load.js';
import type { Scenario } from './scenario.js';
import { buildSimulation, recordRun, startProgram, type ProgramDrivers, type Simulation } from './simulation.js';
import { simulationResults, type SimulationResults } from './simulation-results.js';

/**
 * A simulation as a scenario file describes it, in the file's own form (see the README's
 * scenario reference): `nodes`, `links` and/or `topology`, and optionally `flows`, `seed`,
 * `header`, `codec`, `routing`. Quantities are written as in a file (`'10Mbps'`, `'5ms'`).
 */
export interface SimulationOptions {
  /** Root seed of every random stream. @default 1 */
  readonly seed?: number;
  /** A name for results and error messages. @default 'simulation' */
  readonly name?: string;
  readonly nodes: readonly string[] | number;
  readonly links?: readonly Record<string, unknown>[];
  readonly topology?: Record<string, unknown>;
  readonly flows?: readonly Record<string, unknown>[];
  readonly header?: string;
  readonly codec?: 'msgpack' | 'json';
  readonly routing?: 'hops' | 'delay';
}

/** What a program on a node is given each time the node starts. */
export interface SimulationNode {
  readonly name: string;
  /** The node's Clock, Transport, durable store and random streams. */
  readonly context: NodeContext;
  /** An endpoint on the node with the simulation's codec, its logical messages recorded. */
  readonly endpoint: Endpoint;
}

/** A program of yours on a node: runs when the node starts and again after every restart. */
export type SimulationProgram = (node: SimulationNode) => void;

/**
 * What drives a Maelstrom-style program (see {@link TestSimulation.program}): the sections
 * of a scenario file that do, in the file's own form (see docs/maelstrom.md).
 */
export interface ProgramOptions {
  /** What the clients do and how their history is checked, e.g. `{ kind: 'broadcast', topology: 'line' }`. @default none: the program runs undriven */
  readonly workload?: Record<string, unknown>;
  /**
   * How many clients, how fast, how long: `concurrency` (a number, or `'2n'` for two per
   * program node), `rate` (operations per second), `duration`, `timeout`, `recovery`
   * (durations as in a file: `'5s'`) and `nodes`. @default the file's defaults: one client per node, 5/s for 10 s
   */
  readonly clients?: Record<string, unknown>;
  /** Services the program can call (`'lin-kv'`, …), each on the node of its name: list that node in `nodes`. @default none */
  readonly services?: readonly string[];
}

/** Options of {@link TestSimulation.run}. */
export interface RunOptions {
  /** Run up to this virtual time, in seconds. @default until no events remain */
  readonly until?: number;
  /** Told now and then how far the run has got. */
  readonly onProgress?: (status: RunStatus) => void;
}

/** A simulation built from code; see the module comment. */
export class TestSimulation {
  private readonly built: Simulation;
  private readonly faults: FaultSpec[] = [];
  private driven: ProgramDrivers | undefined;
  private programStarted = false;

  /**
   * A simulation of a validated scenario; `source` is the data it was read from and where
   * (for {@link program}, which validates its sections with that data).
   */
  constructor(
    private scenario: Scenario,
    private readonly source?: { readonly data: Record<string, unknown>; readonly file: string },
  ) {
    this.built = buildSimulation(scenario);
  }

  /** The virtual time, in seconds. */
  get now(): number {
    return this.built.sim.now;
  }

  /**
   * Runs `program` on node `name` now, and again after every restart of the node (with the
   * node's virtual globals, if `program` is marked with `virtualGlobals`).
   */
  node(name: string, program: SimulationProgram): this {
    const codec = CODECS[this.scenario.codec]!;
    // Spawned marked as `program` is, so a program made with virtualGlobals gets the node's globals.
    this.built.runtime.spawn(name, withGlobalsOf((context: NodeContext) => program({ name, context, endpoint: new Endpoint(context, codec, { observer: this.built.ledger }) }), program));
    return this;
  }

  /**
   * Runs a Maelstrom-style program (docs/maelstrom.md) on every node that is not a service,
   * the services on theirs, and, with a workload, its clients, which stop the run when their
   * final operations are done; {@link run} then resolves to their `history` and the
   * `workload` checker's rows. The sections are validated as a scenario file's are (a
   * mistake throws a ScenarioError naming the field). Call it once, before the run.
   */
  program(setup: NodeSetup, options: ProgramOptions = {}): this {
    if (this.programStarted) throw new Error('program: a simulation runs one program; it has one already');
    if (this.now > 0) throw new Error(`program: start the program before the run, at t=0 (it is t=${this.now}s)`);
    if (this.source === undefined) throw new Error('program: this simulation was not made by createSimulation, so it has no scenario data to add the program to');
    const { workload, clients, services } = options;
    this.scenario = scenarioFromData(
      {
        ...this.source.data,
        // Never loaded: the program is given here.
        program: { module: PROGRAM_FROM_CODE },
        ...(workload === undefined ? {} : { workload }),
        ...(clients === undefined ? {} : { clients }),
        ...(services === undefined ? {} : { services }),
      },
      this.source.file,
    );
    this.programStarted = true;
    const { sim, runtime, ledger } = this.built;
    this.driven = startProgram(this.scenario.program!, setup, { runtime, ledger, codec: this.scenario.codec, random: sim.random.stream('workload/clients'), stop: () => sim.stop() });
    return this;
  }

  /** Calls `action` at virtual time `time` (seconds; not before now). */
  at(time: number, action: () => void): this {
    this.built.sim.scheduleAt(time, action);
    return this;
  }

  /** Cuts every link between nodes of different groups (nodes in no group form one more), now. */
  partition(groups: readonly (readonly string[])[], options: { oneWay?: boolean } = {}): this {
    return this.fault({ at: this.now, kind: 'partition', groups, oneWay: options.oneWay ?? false });
  }

  /** Ends the partition, now. */
  heal(): this {
    return this.fault({ at: this.now, kind: 'heal' });
  }

  /** Takes a link down (both directions), now. */
  linkDown(link: string): this {
    return this.fault({ at: this.now, kind: 'link-down', link });
  }

  /** Brings a link back up, now. */
  linkUp(link: string): this {
    return this.fault({ at: this.now, kind: 'link-up', link });
  }

  /** Holds a link's traffic (both directions), now: frames wait at its far ends until {@link release}. */
  hold(link: string): this {
    return this.fault({ at: this.now, kind: 'hold', link });
  }

  /** Releases a held link, now: the frames waiting at its far ends arrive, in order. */
  release(link: string): this {
    return this.fault({ at: this.now, kind: 'release', link });
  }

  /** Crashes a node, now: its programs stop, only its durable store survives. */
  crash(node: string): this {
    return this.fault({ at: this.now, kind: 'crash', node });
  }

  /** Restarts a crashed node, now: its programs run again from scratch. */
  restart(node: string): this {
    return this.fault({ at: this.now, kind: 'restart', node });
  }

  /** Changes a link's bandwidth (bits/s), delay (s) or loss for messages admitted from now. */
  degrade(link: string, changes: { bandwidthBitsPerSecond?: number; delaySeconds?: number; loss?: LossSpec }): this {
    return this.fault({ at: this.now, kind: 'degrade', link, ...changes });
  }

  /** Runs until `until` (or until no events remain); resolves to what happened so far. */
  async run(options: RunOptions = {}): Promise<SimulationResults> {
    const { sim, network, ledger, recorder } = this.built;
    const result = await sim.run({
      ...(options.until === undefined ? {} : { until: options.until }),
      maxEvents: this.scenario.maxEvents,
      ...(options.onProgress === undefined ? {} : { onYield: options.onProgress }),
    });
    const record = recordRun({ ...this.scenario, faults: [...this.scenario.faults, ...this.faults] }, network, ledger, sim.seed, result, recorder, this.driven?.clients, this.driven?.stability);
    return simulationResults(record);
  }

  private fault(fault: FaultSpec): this {
    this.faults.push(fault);
    applyFault(fault, { network: this.built.network, runtime: this.built.runtime });
    return this;
  }
}

/**
 * A simulation of the network `options` describes, validated as a scenario file is (a
 * mistake throws a ScenarioError naming the field).
 */
export function createSimulation(options: SimulationOptions): TestSimulation {
  const { name = 'simulation', ...rest } = options;
  const data = { name, ...rest };
  const file = `createSimulation(${name})`;
  return new TestSimulation(scenarioFromData(data, file), { data, file });
}

/** The module a program given in code stands for, in its scenario (nothing loads it). */
const PROGRAM_FROM_CODE = '(program given to TestSimulation.program)';
