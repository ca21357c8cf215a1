/**
 * A scenario on the real runtime: its nodes, flows, protocol or program and workload on real
 * sockets, for the scenario's duration, and the {@link RunRecord} of what happened, in real
 * seconds since the start, from which the same result files are written as for a
 * simulation. Only faults that can be applied for real are: crashes and restarts of nodes
 * (their code stops and starts again; their sockets stay open); what a network fault does
 * needs a network to do it to, which `msgsim emulate` provides (see `networkFault`).
 *
 * The scenario's links say nothing here: frames go straight to the receiver's address,
 * over whatever lies between (loopback, or the emulated network's namespaces).
 */
import { HopJournal } from '../net/hop-journal.js';
import { CODECS } from '../messaging/codec.js';
import type { NodeSetup } from '../messaging/maelstrom/node.js';
import type { TransportKind } from '../runtime/real/link.js';
import type { LinkOpener } from '../runtime/real/real-runtime.js';
import { RealRuntime } from '../runtime/real/real-runtime.js';
import { loopbackHosts } from '../runtime/real/hosts.js';
import type { HostAddress, SocketFactory } from '../runtime/real/sockets.js';
import { DeliveryLedger } from '../stats/ledger.js';
import type { RunRecord } from '../stats/record.js';
import type { Invariant } from '../trace/invariants.js';
import { TraceRecorder } from '../trace/recorder.js';
import { WorkloadHost } from '../workload/host.js';
import { runProtocol, type Protocol } from '../workload/protocol.js';
import { locatedMessage } from './errors.js';
import type { FaultSpec } from './faults.js';
import { loadScenarioModules } from './modules.js';
import { patternOf } from './patterns/index.js';
import type { Scenario } from './scenario.js';
import { programRecord, startProgram, type ProgramDrivers } from './simulation.js';

/** Faults a real runtime applies itself. */
const NODE_FAULTS: ReadonlySet<FaultSpec['kind']> = new Set(['crash', 'restart']);

/** Options of {@link runScenarioLive}. */
export interface LiveRunOptions {
  /** The transport, and how to open each node's sockets on it. */
  readonly transport: TransportKind;
  readonly openLink: LinkOpener;
  /** What lies between the nodes, for results. @default "loopback" */
  readonly network?: string;
  /** Where every node listens. @default 127.0.0.1, free ports */
  readonly hosts?: ReadonlyMap<string, HostAddress>;
  /** The nodes to run in this process. @default all */
  readonly local?: readonly string[];
  /** Where sockets come from. @default this process's */
  readonly sockets?: SocketFactory;
  /** Use this root seed instead of the scenario's (for the nodes' random streams). */
  readonly seed?: number;
  /** Ends the run early, keeping what it did (Ctrl-C). */
  readonly signal?: AbortSignal;
  /** How long to wait after the end for frames on their way, in seconds. @default 0.25 */
  readonly drainSeconds?: number;
  /**
   * Applies a network fault (partition, link down, …) when its time comes; without it a
   * scenario with one is refused (see {@link liveFaultProblem}).
   */
  readonly networkFault?: (fault: FaultSpec) => unknown;
  /** The scenario's protocol, program and invariants, already loaded (else loaded from their modules). */
  readonly protocol?: Protocol;
  readonly program?: NodeSetup;
  readonly invariants?: readonly Invariant[];
  /** Told of transport trouble that does not stop the run. */
  readonly onTrouble?: (node: string, message: string) => void;
  /** Called once the sockets are open, before any program starts, with where each local node listens. */
  readonly onOpen?: (addresses: ReadonlyMap<string, HostAddress>) => void;
}

/**
 * What keeps a scenario from running for real, as one line naming the field, or undefined.
 * `file` names the scenario file; `networkFaults` says whether something applies network
 * faults (emulation does).
 */
export function liveFaultProblem(scenario: Scenario, file: string, networkFaults: boolean): string | undefined {
  for (const [index, fault] of scenario.faults.entries()) {
    if (NODE_FAULTS.has(fault.kind) || networkFaults) continue;
    const what = fault.kind === 'clock' ? 'clock faults cannot be applied to real clocks' : `a ${fault.kind} fault needs a network to act on: msgsim emulate applies it to an emulated one`;
    return locatedMessage(file, ['faults', index], `cannot run live: ${what}`);
  }
  return undefined;
}

/** Runs a scenario on the real runtime; resolves to the record of the run. */
export async function runScenarioLive(scenario: Scenario, options: LiveRunOptions): Promise<RunRecord> {
  const problem = liveFaultProblem(scenario, scenario.name, options.networkFault !== undefined);
  if (problem !== undefined) throw new RangeError(problem);
  const needed =
    (scenario.protocol !== undefined && (options.protocol === undefined || options.invariants === undefined)) || (scenario.program !== undefined && options.program === undefined);
  const loaded = needed ? { ...(await loadScenarioModules(scenario)), ...options } : options;
  const seed = options.seed ?? scenario.seed;
  const runtime = await RealRuntime.open({
    nodes: scenario.nodes,
    ...(options.local === undefined ? {} : { local: options.local }),
    hosts: options.hosts ?? loopbackHosts(scenario.nodes),
    openLink: options.openLink,
    ...(options.sockets === undefined ? {} : { sockets: options.sockets }),
    headerBytes: scenario.headerBytes,
    seed,
    neighbours: neighboursOf(scenario),
    ...(options.onTrouble === undefined ? {} : { onTrouble: options.onTrouble }),
  });
  try {
    options.onOpen?.(runtime.addresses());
    const ledger = new DeliveryLedger(() => runtime.clock.now(), runtime);
    const traced = { journal: runtime.journal, nodeNames: [...scenario.nodes], transmitters: [], links: [...scenario.links] };
    const recorder =
      scenario.protocol === undefined
        ? undefined
        : new TraceRecorder(traced, () => runtime.clock.now(), { keep: true, omitTimers: true, invariants: loaded.invariants ?? [], onViolation: () => runtime.stop() });
    if (scenario.protocol !== undefined) runProtocol(runtime, scenario.nodes, loaded.protocol!, scenario.script, recorder!);
    let drivers: ProgramDrivers = { clients: undefined, stability: undefined };
    if (scenario.program !== undefined) {
      drivers = startProgram(scenario.program, loaded.program!, {
        runtime,
        ledger,
        codec: scenario.codec,
        random: runtime.randomStream('workload/clients'),
        stop: () => runtime.stop(),
      });
    }
    const host = new WorkloadHost(runtime, CODECS[scenario.codec]!, ledger);
    for (const flow of scenario.flows) patternOf(flow.pattern).start(flow, host, scenario.nodes);
    host.start();
    for (const fault of scenario.faults) {
      runtime.clock.setTimer(fault.at, () => {
        // A node's crash is the runtime's; the network learns of it too (it stops forwarding).
        if (fault.kind === 'crash') runtime.crash(fault.node);
        else if (fault.kind === 'restart') runtime.restart(fault.node);
        return options.networkFault?.(fault);
      });
    }
    const result = await runtime.run({
      ...(scenario.untilSeconds === undefined ? {} : { untilSeconds: scenario.untilSeconds }),
      ...(options.drainSeconds === undefined ? {} : { drainSeconds: options.drainSeconds }),
      ...(options.signal === undefined ? {} : { signal: options.signal }),
      stopWhenIdle: options.local === undefined,
    });
    recorder?.finish(result.now);
    const trace = recorder?.outcome();
    return {
      real: { transport: options.transport, network: options.network ?? 'loopback' },
      name: scenario.name,
      seed,
      nodeNames: scenario.nodes,
      links: scenario.links,
      transmitters: [],
      routing: scenario.routing,
      flows: scenario.flows,
      patterns: new Map(scenario.flows.map((flow) => [flow.pattern, patternOf(flow.pattern)])),
      nodeFaults: scenario.faults.flatMap((fault) => (fault.kind === 'crash' || fault.kind === 'restart' ? [{ at: fault.at, kind: fault.kind, node: fault.node }] : [])),
      headerBytes: scenario.headerBytes,
      codec: scenario.codec,
      journal: runtime.journal,
      hops: new HopJournal(),
      ledger,
      endTime: result.now,
      stopReason: result.reason,
      events: result.events,
      ...(trace === undefined ? {} : { trace }),
      ...(scenario.program === undefined ? {} : { program: programRecord(scenario.program) }),
      ...(drivers.clients === undefined ? {} : { history: drivers.clients.history }),
      ...(drivers.stability === undefined ? {} : { stableAt: drivers.stability.stableTimes() }),
    };
  } finally {
    await runtime.close();
  }
}

/** Each node's neighbours: the nodes it shares a link with, in scenario order. */
function neighboursOf(scenario: Scenario): Map<string, string[]> {
  const neighbours = new Map<string, Set<string>>(scenario.nodes.map((node) => [node, new Set()]));
  for (const link of scenario.links) {
    neighbours.get(link.between[0])?.add(link.between[1]);
    neighbours.get(link.between[1])?.add(link.between[0]);
  }
  return new Map(scenario.nodes.map((node) => [node, scenario.nodes.filter((other) => neighbours.get(node)!.has(other))]));
}
