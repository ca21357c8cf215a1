/**
 * From a validated scenario to a finished run: builds the simulator, the network, the
 * simulated runtime and the workloads, schedules the faults, runs within the scenario's
 * bounds, and returns the {@link RunRecord} that results and checks are computed from.
 */
import { Simulator, type Exploration, type RunStatus } from '../engine/simulator.js';
import { CODECS } from '../messaging/codec.js';
import { DeliveryLedger } from '../stats/ledger.js';
import { Network } from '../net/network.js';
import { SimulatedRuntime } from '../runtime/simulated.js';
import type { RandomSource, Runtime } from '../runtime/seam.js';
import type { ProgramRecord, RunRecord } from '../stats/record.js';
import type { Invariant } from '../trace/invariants.js';
import { TraceRecorder, type TraceOptions } from '../trace/recorder.js';
import { WorkloadHost } from '../workload/host.js';
import type { MaelstromNode, NodeSetup } from '../messaging/maelstrom/node.js';
import type { HistoryEntry } from '../workload/clients/history.js';
import { Clients } from '../workload/clients/clients.js';
import { StabilityProbe } from '../workload/clients/stability.js';
import { workloadOf } from '../workload/clients/workloads/index.js';
import { ProgramHost } from '../workload/program-host.js';
import { runProtocol, type Protocol } from '../workload/protocol.js';
import { SERVICES } from '../workload/services/index.js';
import { applyFault } from './faults.js';
import { loadScenarioModules } from './modules.js';
import { patternOf } from './patterns/index.js';
import type { ProgramSpec, Scenario } from './scenario.js';

/** Options of {@link runScenario}. */
export interface RunScenarioOptions {
  /** Use this root seed instead of the scenario's. */
  seed?: number;
  /** Explore orderings this way instead of as the scenario says (null: not at all). */
  exploration?: Exploration | null;
  /** The scenario's protocol, already loaded (else it is loaded from its module). */
  protocol?: Protocol;
  /** The scenario's program, already loaded (else it is loaded from its module). */
  program?: NodeSetup;
  /** The invariants to check, already resolved (else the scenario's are loaded). */
  invariants?: readonly Invariant[];
  /**
   * Record a trace: what to keep and whom to tell. A scenario with a protocol always records
   * one (its invariants read it); others only when this is given.
   */
  trace?: Pick<TraceOptions, 'keep' | 'listener' | 'omitTimers'>;
  /** Told now and then (every {@link PROGRESS_EVERY} events) how far the run has got. */
  onProgress?: (status: RunStatus) => void;
}

/** Events between two progress reports of a run (when it has a listener). */
export const PROGRESS_EVERY = 1 << 16;

/** The parts of a built, not yet run, simulation. */
export interface Simulation {
  readonly scenario: Scenario;
  readonly sim: Simulator;
  readonly network: Network;
  readonly runtime: SimulatedRuntime;
  /** Logical messages as the messaging layer saw them. */
  readonly ledger: DeliveryLedger;
  /** The trace being recorded, if any. */
  readonly recorder: TraceRecorder | undefined;
  /** The clients of the scenario's workload, if it has one: their history grows as the run goes. */
  readonly clients: Clients | undefined;
  /** For a set workload (broadcast, g-set): when each value is on every program node. */
  readonly stability: StabilityProbe | undefined;
}

/** Journal rows reserved up front at most (more grow on demand). */
const MAX_RESERVED_MESSAGES = 10_000_000;

/**
 * Builds the simulation a scenario describes, with its flows (or protocol and script) and
 * faults scheduled. A scenario with a protocol needs `options.protocol` and
 * `options.invariants` loaded (see {@link runScenario}, which does that).
 */
export function buildSimulation(scenario: Scenario, options: RunScenarioOptions = {}): Simulation {
  const exploration = options.exploration === undefined ? scenario.exploration : (options.exploration ?? undefined);
  const sim = new Simulator(options.seed ?? scenario.seed, exploration === undefined ? {} : { exploration });
  const network = new Network(sim, { routing: scenario.routing });
  for (const node of scenario.nodes) network.addNode(node);
  for (const link of scenario.links) network.addLink(link);
  const expected = scenario.flows.map((flow) => patternOf(flow.pattern).expectedTraffic(flow, scenario.nodes.length));
  const expectedFrames = Math.min(
    expected.reduce((sum, { frames }) => sum + frames, 0),
    MAX_RESERVED_MESSAGES,
  );
  network.journal.reserve(expectedFrames);
  network.hops.reserve(expectedFrames);
  for (const flow of scenario.flows) network.journal.flowIndex(flow.name);
  const runtime = new SimulatedRuntime(sim, network, { headerBytes: scenario.headerBytes });
  const ledger = new DeliveryLedger(() => sim.now, runtime);
  ledger.reserve(Math.min(expected.reduce((sum, { rows }) => sum + rows, 0), MAX_RESERVED_MESSAGES));
  let recorder: TraceRecorder | undefined;
  if (options.trace !== undefined || scenario.protocol !== undefined) {
    recorder = new TraceRecorder(network, () => sim.now, {
      ...options.trace,
      invariants: options.invariants ?? [],
      onViolation: () => sim.stop(),
    });
    network.observe(recorder);
    runtime.observe(recorder);
  }
  if (scenario.protocol !== undefined) {
    if (options.protocol === undefined) throw new Error(`the protocol of scenario "${scenario.name}" is not loaded`);
    runProtocol(runtime, scenario.nodes, options.protocol, scenario.script, recorder!);
  }
  let program: ProgramDrivers = NO_PROGRAM;
  if (scenario.program !== undefined) {
    if (options.program === undefined) throw new Error(`the program of scenario "${scenario.name}" is not loaded`);
    program = startProgram(scenario.program, options.program, { runtime, ledger, codec: scenario.codec, random: sim.random.stream('workload/clients'), stop: () => sim.stop() });
  }
  const host = new WorkloadHost(runtime, CODECS[scenario.codec]!, ledger);
  for (const flow of scenario.flows) patternOf(flow.pattern).start(flow, host, scenario.nodes);
  host.start();
  for (const fault of scenario.faults) sim.scheduleAt(fault.at, () => applyFault(fault, { network, runtime }));
  return { scenario, sim, network, runtime, ledger, recorder, ...program };
}

/** What drives a program (its workload's clients) and watches it (the stability probe of a set workload). */
export interface ProgramDrivers {
  readonly clients: Clients | undefined;
  readonly stability: StabilityProbe | undefined;
}

const NO_PROGRAM: ProgramDrivers = { clients: undefined, stability: undefined };

/** What a program runs on: a runtime, the ledger its messaging reports to, and how its clients draw and stop the run. */
export interface ProgramParts {
  readonly runtime: Runtime;
  readonly ledger: DeliveryLedger;
  readonly codec: string;
  /** The clients' random stream (`workload/clients` of the run's seed). */
  readonly random: RandomSource;
  /** Ends the run (the clients' final operations are done). */
  readonly stop: () => void;
}

/**
 * Starts a program on its nodes, its services on theirs, and its workload's clients, which
 * stop the run when their final operations are done; for a set workload, the probe that
 * watches for each value on every node. Returns the clients and the probe (none without a
 * workload).
 */
export function startProgram(
  spec: ProgramSpec,
  program: NodeSetup,
  parts: ProgramParts,
): ProgramDrivers {
  const { runtime, ledger } = parts;
  const workload = spec.workload === undefined ? undefined : workloadOf(spec.workload);
  let stability: StabilityProbe | undefined;
  const host = new ProgramHost(runtime, {
    nodes: spec.nodes,
    program,
    services: new Map(spec.services.map((service) => [service, SERVICES[service]])),
    codec: CODECS[parts.codec]!,
    observer: ledger,
    ...(workload?.setup === undefined ? {} : { setup: (node: string) => workload.setup!(node, spec.nodes) }),
    ...(workload?.set === undefined ? {} : { afterStep: (node: MaelstromNode) => stability?.afterStep(node) }),
  });
  if (workload?.set !== undefined) stability = new StabilityProbe(host, workload, runtime.clock);
  host.start();
  if (workload === undefined) return NO_PROGRAM;
  const listener = stability === undefined ? undefined : (entry: HistoryEntry) => stability.onEntry(entry);
  const clients = new Clients(runtime, host, workload, spec.clients, parts.random, parts.stop, listener);
  clients.start();
  return { clients, stability };
}

/**
 * Builds and runs a scenario; resolves to the record of the run. The scenario's protocol and
 * invariants are loaded from their modules unless given in `options`.
 */
export async function runScenario(scenario: Scenario, options: RunScenarioOptions = {}): Promise<RunRecord> {
  const needed =
    (scenario.protocol !== undefined && (options.protocol === undefined || options.invariants === undefined)) || (scenario.program !== undefined && options.program === undefined);
  const loaded = needed ? { ...(await loadScenarioModules(scenario)), ...options } : options;
  const { sim, network, ledger, recorder, clients, stability } = buildSimulation(scenario, loaded);
  const result = await sim.run({
    ...(scenario.untilSeconds === undefined ? {} : { until: scenario.untilSeconds }),
    maxEvents: scenario.maxEvents,
    ...(options.onProgress === undefined ? {} : { onYield: options.onProgress, yieldEvery: PROGRESS_EVERY }),
  });
  return recordRun(scenario, network, ledger, sim.seed, result, recorder, clients, stability);
}

/** Where a program ran and what drove it, for the record. */
export function programRecord(spec: ProgramSpec): ProgramRecord {
  return {
    nodes: spec.nodes,
    services: spec.services,
    ...(spec.workload === undefined ? {} : { workload: spec.workload }),
    finalAt: spec.clients.durationSeconds + spec.clients.recoverySeconds,
  };
}

/** The record of a finished run; `recorder`, if the run had one, is finished here. */
export function recordRun(
  scenario: Scenario,
  network: Network,
  ledger: DeliveryLedger,
  seed: number,
  result: { now: number; reason: RunRecord['stopReason']; events: number },
  recorder?: TraceRecorder,
  clients?: Clients,
  stability?: StabilityProbe,
): RunRecord {
  network.finishRun();
  // After the network settled what the end left open, so the trace has those drops too.
  recorder?.finish(result.now);
  const trace = recorder?.outcome();
  const end = result.now;
  return {
    name: scenario.name,
    seed,
    nodeNames: network.nodeNames,
    links: scenario.links,
    transmitters: network.transmitters.map((t) => ({
      index: t.index,
      link: t.link,
      from: t.from,
      to: t.to,
      stats: { ...t.stats },
      ...t.totalsUntil(end),
      faultedAt: t.faultedAt,
    })),
    routing: scenario.routing,
    flows: scenario.flows,
    patterns: new Map(scenario.flows.map((flow) => [flow.pattern, patternOf(flow.pattern)])),
    nodeFaults: scenario.faults.flatMap((fault) =>
      fault.kind === 'crash' || fault.kind === 'restart' || fault.kind === 'clock' ? [{ at: fault.at, kind: fault.kind, node: fault.node }] : [],
    ),
    headerBytes: scenario.headerBytes,
    codec: scenario.codec,
    journal: network.journal,
    hops: network.hops,
    ledger,
    endTime: end,
    stopReason: result.reason,
    events: result.events,
    ...(trace === undefined ? {} : { trace }),
    ...(scenario.program === undefined ? {} : { program: programRecord(scenario.program) }),
    ...(clients === undefined ? {} : { history: clients.history }),
    ...(stability === undefined ? {} : { stableAt: stability.stableTimes() }),
  };
}
