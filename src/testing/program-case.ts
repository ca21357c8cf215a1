/**
 * `programCase()`: whole generated cases for a Maelstrom-style program — program nodes on
 * Maelstrom's network (a full mesh whose links share one latency) or on a random connected
 * topology, services beside them, a fault timeline, a workload section, the clients'
 * concurrency, rate and duration, and a seed. Every part shrinks toward the simple: fewer
 * nodes, fewer clients, fewer operations (a shorter main phase, a lower rate, so smaller
 * values too for workloads that count them up), fewer, shorter and earlier faults, and a
 * shorter latency. As in protocol-case.ts the parts are drawn side by side, so all keep
 * shrinking in turn as long as the case fails; when nothing else does, each case with one
 * node, client or fault fewer, or half the main phase or the rate, is tried under other
 * seeds (shrinks.ts).
 */
import fc from 'fast-check';
import { faultDraws, networkOf, nodeBounds, timelineOf, topologyDraws, type FaultDraw, type FaultKind, type FaultOptions, type NetworkData, type TopologyDraws, type TopologyOptions } from './arbitraries.js';
import { micros, type LinkData } from './case.js';
import { microsBetween, STEP_MICROS } from './draw.js';
import { linkDraws, linkOf, simplestLink, type LinkDraw, type LinkOptions, type LinkParams } from './links.js';
import type { ProgramCase, WorkloadData } from './program-case-data.js';
import { seedDraw, without, withShrinks } from './shrinks.js';

/** Bounds of the clients of generated cases. */
export interface ClientCaseOptions {
  /** Client threads, least and most. @default [1, 5] */
  concurrency?: readonly [number, number];
  /** Operations per second over all clients, whole numbers, least and most. @default [1, 20] */
  rate?: readonly [number, number];
  /** Main phase (operations start until then), in microseconds, shortest and longest. @default [100000, 5000000] */
  durationMicros?: readonly [number, number];
  /**
   * Wait before the final operations, in microseconds, counted from the end of the main
   * phase or of the last fault, whichever is later, so a program has this long to recover. @default 2000000
   */
  recoveryMicros?: number;
  /** Operations without a reply after this long are `info`, in microseconds. @default the scenario default, 5 s */
  timeoutMicros?: number;
}

/** Maelstrom's network: every pair of nodes joined, every link alike. */
export interface FullMeshOptions {
  kind: 'full-mesh';
  /** Program nodes, least. @default 1 */
  minNodes?: number;
  /** Program nodes, most. @default 5 */
  maxNodes?: number;
  /** The links' parameters. @default 1 Gbit/s, no loss, delay 0 to 100 ms */
  link?: LinkOptions;
}

/** A random connected topology of program nodes, as `topology()` makes them. */
export interface RandomTopologyOptions {
  kind: 'random';
  /** @default `topology()`'s, with Maelstrom-like links as for a full mesh */
  topology?: TopologyOptions;
}

/** Bounds of generated program cases. */
export interface ProgramCaseOptions {
  /** The workload: a section as a scenario file writes it, or an arbitrary of them (which shrinks as it does). */
  workload: WorkloadData | fc.Arbitrary<WorkloadData>;
  /** The network of program nodes. @default { kind: 'full-mesh' } */
  network?: FullMeshOptions | RandomTopologyOptions;
  /** Services beside the program (`lin-kv`, …), each on a node of its name linked to every program node. @default none */
  services?: readonly string[];
  clients?: ClientCaseOptions;
  /**
   * Faults among the program nodes (services are never hit). @default partitions only, at
   * most 2, starting within the longest main phase, each at most 1 s long
   */
  faults?: FaultOptions;
}

/** Maelstrom's links: fast, loss-free, with a latency. */
const MAELSTROM_LINK: LinkOptions = { bandwidthMbps: [1000, 1000], maxLoss: 0, delayMicros: [0, 100_000] };

/** The draws of a full mesh: how many nodes beyond the fewest, and its one link. */
interface MeshDraws {
  readonly extraNodes: number;
  readonly link: LinkDraw;
}

/** Everything a program case is made from. */
interface ProgramDraws {
  readonly network: MeshDraws | TopologyDraws;
  readonly faults: readonly FaultDraw[];
  readonly workload: WorkloadData;
  readonly clients: { readonly concurrency: number; readonly rate: number; readonly duration: number };
  readonly seed: number;
}

/** Whole cases of a program: a network, services, faults, a workload, clients, a seed. */
export function programCase(options: ProgramCaseOptions): fc.Arbitrary<ProgramCase> {
  const network = options.network ?? { kind: 'full-mesh' };
  const bounds = networkBounds(network);
  const clients = clientBounds(options.clients);
  const faults: FaultOptions = { kinds: ['partition'], maxFaults: 2, horizonMicros: clients.duration[1], maxLengthMicros: 1_000_000, ...options.faults };
  const draws: fc.Arbitrary<ProgramDraws> = fc.record({
    network: network.kind === 'full-mesh' ? meshDraws(bounds, network.link ?? MAELSTROM_LINK) : topologyDraws(randomTopology(network)),
    faults: faultDraws(bounds.maxNodes, faults),
    workload: options.workload instanceof fc.Arbitrary ? options.workload : fc.constant(options.workload),
    clients: fc.record({
      concurrency: fc.integer({ min: clients.concurrency[0], max: clients.concurrency[1] }),
      rate: fc.integer({ min: clients.rate[0], max: clients.rate[1] }),
      duration: microsBetween(clients.duration[0], clients.duration[1]),
    }),
    seed: seedDraw(),
  });
  const caseOf = (d: ProgramDraws): ProgramCase => programCaseOf(d, options, network, faults, clients);
  return withShrinks(draws, {
    caseOf,
    smaller: (d) => smallerPrograms(d, bounds.minNodes, clients),
    reseeded: (d, step) => ({ ...d, seed: step(d.seed) }),
  }).map(caseOf);
}

/** Program-node bounds of a network's options. */
function networkBounds(network: FullMeshOptions | RandomTopologyOptions): { minNodes: number; maxNodes: number } {
  if (network.kind === 'random') return nodeBounds(network.topology);
  const minNodes = Math.max(1, network.minNodes ?? 1);
  return { minNodes, maxNodes: Math.max(minNodes, network.maxNodes ?? 5) };
}

/** A random topology's options, with Maelstrom's links unless others are given. */
function randomTopology(network: RandomTopologyOptions): TopologyOptions {
  return { ...network.topology, link: network.topology?.link ?? MAELSTROM_LINK };
}

/** The clients' bounds, defaults filled in and each range in order. */
function clientBounds(options: ClientCaseOptions = {}): Required<Pick<ClientCaseOptions, 'recoveryMicros'>> & {
  concurrency: readonly [number, number];
  rate: readonly [number, number];
  duration: readonly [number, number];
  timeoutMicros: number | undefined;
} {
  const range = (given: readonly [number, number] | undefined, fallback: readonly [number, number], least: number): readonly [number, number] => {
    const [low, high] = given ?? fallback;
    const min = Math.max(least, low);
    return [min, Math.max(min, high)];
  };
  return {
    concurrency: range(options.concurrency, [1, 5], 1),
    rate: range(options.rate, [1, 20], 1),
    duration: range(options.durationMicros, [100_000, 5_000_000], STEP_MICROS),
    recoveryMicros: options.recoveryMicros ?? 2_000_000,
    timeoutMicros: options.timeoutMicros,
  };
}

function meshDraws(bounds: { minNodes: number; maxNodes: number }, link: LinkOptions): fc.Arbitrary<MeshDraws> {
  return fc.record({ extraNodes: fc.nat({ max: bounds.maxNodes - bounds.minNodes }), link: linkDraws(link) });
}

/** The case that draws make. */
function programCaseOf(
  d: ProgramDraws,
  options: ProgramCaseOptions,
  network: FullMeshOptions | RandomTopologyOptions,
  faultOptions: FaultOptions,
  clients: ReturnType<typeof clientBounds>,
): ProgramCase {
  const services = [...(options.services ?? [])];
  const programNetwork = programNetworkOf(d.network, network);
  const links: LinkData[] = [...programNetwork.links];
  const serviceLink = serviceLinkOf(d.network, network);
  for (const service of services) for (const node of programNetwork.nodes) links.push({ between: [node, service], ...serviceLink });
  // A single node can be neither partitioned nor cut off: only crashes remain for it.
  const usable = programNetwork.nodes.length > 1 ? d.faults : d.faults.filter((f) => kindOf(f, faultOptions) === 'crash');
  const faults = timelineOf(usable, programNetwork, faultOptions);
  const lastEnd = Math.max(0, ...usable.map((f) => f.start + f.length));
  const recovery = clients.recoveryMicros + Math.max(0, lastEnd - d.clients.duration);
  return {
    seed: d.seed,
    nodes: [...programNetwork.nodes, ...services],
    links,
    services,
    faults,
    workload: d.workload,
    clients: {
      concurrency: d.clients.concurrency,
      rate: d.clients.rate,
      duration: micros(d.clients.duration),
      recovery: micros(recovery),
      ...(clients.timeoutMicros === undefined ? {} : { timeout: micros(clients.timeoutMicros) }),
    },
  };
}

/** The links of services to program nodes: a full mesh's own link, else the simplest link of the topology's. */
function serviceLinkOf(draws: MeshDraws | TopologyDraws, network: FullMeshOptions | RandomTopologyOptions): LinkParams {
  if (network.kind === 'full-mesh') return linkOf((draws as MeshDraws).link, network.link ?? MAELSTROM_LINK);
  const link = randomTopology(network).link!;
  return linkOf(simplestLink(link), link);
}

/** The kind of a fault draw under `options`. */
function kindOf(draw: FaultDraw, options: FaultOptions): FaultKind {
  return (options.kinds ?? ['partition'])[draw.kind]!;
}

/** The program nodes n0 … and their links: a full mesh with one link, or a random topology. */
function programNetworkOf(draws: MeshDraws | TopologyDraws, network: FullMeshOptions | RandomTopologyOptions): NetworkData {
  if (network.kind === 'random') return networkOf(draws as TopologyDraws, randomTopology(network));
  const mesh = draws as MeshDraws;
  const n = networkBounds(network).minNodes + mesh.extraNodes;
  const nodes = Array.from({ length: n }, (_, i) => `n${i}`);
  const params = linkOf(mesh.link, network.link ?? MAELSTROM_LINK);
  const links: LinkData[] = [];
  for (let a = 0; a < n; a++) for (let b = a + 1; b < n; b++) links.push({ between: [nodes[a]!, nodes[b]!], ...params });
  return { nodes, links };
}

/** The cases with one part fewer: a node, a client, a fault; half the main phase, half the rate. */
function* smallerPrograms(d: ProgramDraws, minNodes: number, clients: ReturnType<typeof clientBounds>): Generator<ProgramDraws> {
  const network = d.network;
  if ('extraNodes' in network) {
    if (network.extraNodes > 0) yield { ...d, network: { ...network, extraNodes: network.extraNodes - 1 } };
  } else {
    if (network.tree.length > minNodes - 1) for (let i = network.tree.length - 1; i >= 0; i--) yield { ...d, network: { ...network, tree: without(network.tree, i) } };
    for (let i = network.extra.length - 1; i >= 0; i--) yield { ...d, network: { ...network, extra: without(network.extra, i) } };
  }
  const c = d.clients;
  if (c.concurrency > clients.concurrency[0]) yield { ...d, clients: { ...c, concurrency: c.concurrency - 1 } };
  for (let i = d.faults.length - 1; i >= 0; i--) yield { ...d, faults: without(d.faults, i) };
  const shorter = Math.max(clients.duration[0], Math.floor(c.duration / 2 / STEP_MICROS) * STEP_MICROS);
  if (shorter < c.duration) yield { ...d, clients: { ...c, duration: shorter } };
  const slower = Math.max(clients.rate[0], Math.floor(c.rate / 2));
  if (slower < c.rate) yield { ...d, clients: { ...c, rate: slower } };
}
