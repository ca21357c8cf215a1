/**
 * The plan of an emulated network: plain data, a pure function of a scenario, saying which
 * namespaces, veths, addresses, routes, shapers, loss rules and faults the kernel will be
 * given. Nothing here touches the system, so all of it is tested without root; network.ts
 * carries it out.
 *
 * Choices made here, with the measurements behind them in docs/emulation.md ("The kernel, measured"):
 * - One namespace per node; its address is a /32 on its `lo`; one veth pair per link with a
 *   /31 between the two ends, static neighbours, IPv6 off (addressing.ts says why the
 *   ranges are safe).
 * - MTU 65535 on every veth, so one datagram of up to 65507 bytes is one packet: one queue
 *   slot, one loss draw, as one frame is one message in the simulator (with the usual 1500,
 *   a frame over 1472 bytes would travel as IP fragments, each queued and lost on its own).
 * - Each direction is shaped by HTB at the link's bandwidth, with a leaf pfifo (a message
 *   limit) or bfifo (a byte limit); see shaping.ts for why HTB and what its burst is.
 * - Bernoulli loss is an nftables rule in the receiving namespace.
 */
import type { RoutingMetric } from '../net/routing.js';
import type { FaultSpec } from '../scenario/faults.js';
import type { Scenario } from '../scenario/scenario.js';
import { assertPrefix, linkEndAddress, linkEndMac, linkInterfaceName, namespaceName, nodeAddress } from './addressing.js';
import { assertEmulable } from './emulable.js';
import { routeTables, type RouteEntry } from './routes.js';
import { DEFAULT_BURST_SECONDS, shaperOf, type ShaperPlan } from './shaping.js';

/** MTU of every veth: the largest, so that a UDP datagram is never fragmented. */
export const VETH_MTU_BYTES = 65_535;

/** What a plan is made for. */
export interface EmulationOptions {
  /** Start of every namespace name, unique per run (see runPrefix in addressing.ts). */
  readonly prefix: string;
  /** Whether the kernel has netem (see kernelHasNetem): then link delays are emulated too. */
  readonly netem: boolean;
  /** How far, in seconds of transmission, a shaper may run ahead after an idle spell (its burst). @default 0.005 */
  readonly burstSeconds?: number;
}

/** One node: its namespace, address and routes. */
export interface NodePlan {
  readonly name: string;
  readonly index: number;
  readonly namespace: string;
  /** Its address (a /32 on `lo`), where its sockets bind. */
  readonly address: string;
  /** Whether it may forward (ip_forward=1): it has two links or more. */
  readonly forwards: boolean;
  /** Its routes with every link up, one per other node. */
  readonly routes: readonly RouteEntry[];
}

/** One end of a veth pair. */
export interface LinkEnd {
  readonly node: number;
  readonly address: string;
  readonly mac: string;
}

/** One link: a veth pair, its interface name at both ends. */
export interface LinkPlan {
  readonly name: string;
  readonly index: number;
  readonly ifname: string;
  readonly ends: readonly [LinkEnd, LinkEnd];
  /** Its propagation delay in seconds (0 without netem): what routing by delay adds up. */
  readonly delaySeconds: number;
}

/** One direction of a link: shaped where it leaves, lossy where it arrives. */
export interface DirectionPlan {
  /** 2j from the link's first node to its second, 2j + 1 back (the simulator's numbering). */
  readonly index: number;
  readonly link: number;
  readonly from: number;
  readonly to: number;
  /** The link's interface, in the namespace of `from` (shaper) and of `to` (loss, cuts). */
  readonly ifname: string;
  readonly shaper: ShaperPlan;
  /** Probability that a packet arriving over this direction is dropped. */
  readonly lossProbability: number;
}

/** Everything the kernel will be given. */
export interface EmulationPlan {
  readonly scenario: string;
  readonly prefix: string;
  readonly netem: boolean;
  readonly routing: RoutingMetric;
  readonly burstSeconds: number;
  readonly mtuBytes: number;
  readonly nodes: readonly NodePlan[];
  readonly links: readonly LinkPlan[];
  readonly directions: readonly DirectionPlan[];
  /** The scenario's faults, all of kinds the emulation can apply. */
  readonly faults: readonly FaultSpec[];
}

/**
 * Plans the emulation of a scenario. Throws a NotEmulableError (a user error) for the
 * first thing that cannot be emulated honestly; `emulationProblems` lists them all.
 */
export function planEmulation(scenario: Scenario, options: EmulationOptions): EmulationPlan {
  assertPrefix(options.prefix);
  assertEmulable(scenario, options);
  const burstSeconds = options.burstSeconds ?? DEFAULT_BURST_SECONDS;
  if (!(burstSeconds > 0 && burstSeconds < 1)) throw new RangeError(`burstSeconds must be in (0, 1), got ${burstSeconds}`);
  const nodeIndex = new Map(scenario.nodes.map((name, index) => [name, index]));
  const links: LinkPlan[] = scenario.links.map((link, index) => ({
    name: link.name,
    index,
    ifname: linkInterfaceName(index),
    ends: [0, 1].map((end) => ({
      node: nodeIndex.get(link.between[end]!)!,
      address: linkEndAddress(index, end as 0 | 1),
      mac: linkEndMac(index, end as 0 | 1),
    })) as [LinkEnd, LinkEnd],
    delaySeconds: options.netem ? link.delaySeconds : 0,
  }));
  const directions: DirectionPlan[] = links.flatMap((link) =>
    [0, 1].map((end) => ({
      index: 2 * link.index + end,
      link: link.index,
      from: link.ends[end]!.node,
      to: link.ends[1 - end]!.node,
      ifname: link.ifname,
      shaper: shaperOf(scenario.links[link.index]!, options.netem, burstSeconds),
      lossProbability: (scenario.links[link.index]!.loss as number | undefined) ?? 0,
    })),
  );
  const degree = new Array<number>(scenario.nodes.length).fill(0);
  for (const link of links) for (const end of link.ends) degree[end.node]!++;
  const routes = routeTables(scenario.nodes.length, links.map(routedLink), scenario.routing, () => true);
  const nodes = scenario.nodes.map((name, index) => ({
    name,
    index,
    namespace: namespaceName(options.prefix, index),
    address: nodeAddress(index),
    forwards: degree[index]! >= 2,
    routes: routes[index]!,
  }));
  return {
    scenario: scenario.name,
    prefix: options.prefix,
    netem: options.netem,
    routing: scenario.routing,
    burstSeconds,
    mtuBytes: VETH_MTU_BYTES,
    nodes,
    links,
    directions,
    faults: scenario.faults,
  };
}

/** What routing needs of a planned link. */
export function routedLink(link: LinkPlan): { ends: [number, number]; delaySeconds: number } {
  return { ends: [link.ends[0].node, link.ends[1].node], delaySeconds: link.delaySeconds };
}
