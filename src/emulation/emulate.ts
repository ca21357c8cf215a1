/**
 * One emulation of a scenario: build its network in the kernel, measure each veth's own
 * latency, run the scenario's nodes on the real runtime with sockets in their namespaces
 * (network faults applied to the kernel on the timeline), tear the network down, then run
 * the same scenario in the simulator with each link's delay set to the latency measured,
 * and compare the two runs flow by flow (compare.ts).
 */
import type { NodeSetup } from '../messaging/maelstrom/node.js';
import type { TransportKind } from '../runtime/real/link.js';
import { LINK_OPENERS } from '../runtime/real/transports.js';
import type { HostAddress } from '../runtime/real/sockets.js';
import { runScenarioLive } from '../scenario/live.js';
import type { Scenario } from '../scenario/scenario.js';
import { runScenario } from '../scenario/simulation.js';
import type { RunRecord } from '../stats/record.js';
import type { Invariant } from '../trace/invariants.js';
import type { Protocol } from '../workload/protocol.js';
import { runPrefix } from './addressing.js';
import { compareRuns, type ComparisonRow } from './compare.js';
import type { BaseLatency } from './latency.js';
import { EmulatedNetwork } from './network.js';
import { planEmulation } from './plan.js';
import type { QdiscStats } from './stats.js';
import { checkEmulationHost, kernelHasNetem } from './tools.js';

/** The port every node listens on, in its own namespace (each namespace has its own ports). */
export const NODE_PORT = 7000;

/** What lies between the nodes of an emulated run, as results name it. */
export const EMULATED_NETWORK = 'emulated: namespaces, veth, HTB, nftables';

/** Options of {@link emulateScenario}. */
export interface EmulateOptions {
  readonly transport: TransportKind;
  /** Ends the emulated run early (Ctrl-C); the comparison is made of what ran. */
  readonly signal?: AbortSignal;
  /** Told the prefix of every namespace the emulation makes, before it makes any. */
  readonly onPrefix?: (prefix: string) => void;
  /** Told what the emulation is doing, for people. */
  readonly onStep?: (step: string) => void;
  /** After the end, how long to wait for frames still queued, in seconds. @default 0.5 */
  readonly drainSeconds?: number;
  /** The scenario's modules, already loaded. */
  readonly protocol?: Protocol;
  readonly program?: NodeSetup;
  readonly invariants?: readonly Invariant[];
}

/** What an emulation found. */
export interface Emulation {
  readonly emulated: RunRecord;
  readonly simulated: RunRecord;
  /** The scenario as simulated: each link's delay plus the latency measured on its veth. */
  readonly simulatedScenario: Scenario;
  readonly rows: readonly ComparisonRow[];
  /** Per link: the veth's one-way latency. */
  readonly latencies: ReadonlyMap<string, BaseLatency>;
  /** Per link direction, the shaper's counters at the end. */
  readonly shapers: readonly QdiscStats[];
  /** Whether the kernel had netem (then link delays were emulated too). */
  readonly netem: boolean;
}

/** Emulates a scenario and compares it with its simulation. */
export async function emulateScenario(scenario: Scenario, options: EmulateOptions): Promise<Emulation> {
  const step = options.onStep ?? (() => {});
  await checkEmulationHost();
  const netem = await kernelHasNetem();
  const plan = planEmulation(scenario, { prefix: runPrefix(), netem });
  options.onPrefix?.(plan.prefix);
  step(`building ${plan.nodes.length} namespaces and ${plan.links.length} veth pairs`);
  const network = await EmulatedNetwork.create(plan);
  let emulated: RunRecord;
  let latencies: Map<string, BaseLatency>;
  let shapers: QdiscStats[];
  try {
    step('measuring each veth’s latency');
    latencies = await network.measureBaseLatency();
    const hosts = new Map<string, HostAddress>(scenario.nodes.map((node) => [node, { host: network.addressOf(node), port: NODE_PORT }]));
    step(`running ${scenario.name} on the emulated network over ${options.transport}`);
    emulated = await runScenarioLive(scenario, {
      transport: options.transport,
      openLink: LINK_OPENERS[options.transport],
      network: EMULATED_NETWORK,
      hosts,
      sockets: network.sockets,
      networkFault: (fault) => network.applyFault(fault),
      drainSeconds: options.drainSeconds ?? 0.5,
      ...(options.signal === undefined ? {} : { signal: options.signal }),
      ...(options.protocol === undefined ? {} : { protocol: options.protocol }),
      ...(options.program === undefined ? {} : { program: options.program }),
      ...(options.invariants === undefined ? {} : { invariants: options.invariants }),
    });
    shapers = await network.qdiscStats();
  } finally {
    step('removing the emulated network');
    await network.destroy();
  }
  const simulatedScenario: Scenario = {
    ...scenario,
    links: scenario.links.map((link) => ({ ...link, delaySeconds: link.delaySeconds + (latencies.get(link.name)?.oneWaySeconds ?? 0) })),
  };
  step('running the simulation');
  const simulated = await runScenario(simulatedScenario, {
    ...(options.protocol === undefined ? {} : { protocol: options.protocol }),
    ...(options.program === undefined ? {} : { program: options.program }),
    ...(options.invariants === undefined ? {} : { invariants: options.invariants }),
  });
  const burstBytes = new Map(plan.links.map((link) => [link.name, Math.max(...plan.directions.filter((d) => d.link === link.index).map((d) => d.shaper.burstBytes))]));
  const rows = compareRuns(scenario, simulated, emulated, { burstBytes: (link) => burstBytes.get(link) ?? 0, latencySeconds: (link) => latencies.get(link)?.oneWaySeconds ?? 0 });
  return { emulated, simulated, simulatedScenario, rows, latencies, shapers, netem };
}
