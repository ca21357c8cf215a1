/**
 * The command text that builds a planned network and moves it from one fault state to the
 * next: `ip -batch` and `tc -batch` lines and `nft -f` scripts, as pure functions of the
 * plan and of kernel snapshots, so what the kernel is told can be tested without root.
 *
 * Building takes four rounds (network.ts runs them), batched so that a network of n nodes
 * costs about 2 + 3n short-lived processes, most of them in parallel:
 *   1. `ip -batch`: every namespace
 *   2. per namespace, `sh` then `nft -f`: sysctls, then the nftables table
 *   3. `ip -batch`: every veth pair, each end created in its namespace (none ever exists in
 *      the host's namespace), with its MAC, MTU and GSO limits
 *   4. per namespace, `ip -batch` (addresses, links up, neighbours, routes) and `tc -batch`
 *
 * The sysctls come before the veths exist so that the veths inherit them: IPv6 off (no
 * DAD, router solicitations or MLD reports on the shaped links), reverse-path filtering off
 * (routes around faults may be asymmetric), no ICMP redirects, and forwarding on nodes with
 * two links or more. GSO is capped at one segment so that a packet in a qdisc is a packet on
 * the wire (a TCP sender's 64 KB GSO bursts would pass a shaper as one packet); veths do no
 * GRO unless XDP is attached. Neighbours are static, so no ARP exchange delays a first
 * packet or passes through a shaper, and none is ever re-probed.
 */
import type { FaultState } from './fault-state.js';
import { faultsScript, lossScript, tableScript, type LossRule } from './filters.js';
import type { EmulationPlan } from './plan.js';
import { sameRoute, type RouteEntry } from './routes.js';
import { shaperChangeCommands, shaperCommands, type ShaperPlan } from './shaping.js';

/** What the kernel holds, as far as faults change it. */
export interface KernelSnapshot {
  /** Per node: the interfaces whose arriving traffic is dropped, its loss rules, its routes. */
  readonly nodes: readonly { readonly cuts: readonly string[]; readonly loss: readonly LossRule[]; readonly routes: readonly RouteEntry[] }[];
  /** Per direction: its shaper. */
  readonly shapers: readonly ShaperPlan[];
}

/** Commands for one node's namespace; empty ones need not run. */
export interface NodeCommands {
  readonly node: number;
  readonly nft: string;
  readonly ip: readonly string[];
  readonly tc: readonly string[];
}

/** The snapshot a fault state asks for. */
export function snapshotOf(plan: EmulationPlan, state: FaultState): KernelSnapshot {
  const routes = state.routes();
  return {
    nodes: plan.nodes.map((node) => ({
      cuts: state.cutInterfaces(node.index),
      loss: plan.directions.filter((d) => d.to === node.index).map((d) => ({ ifname: d.ifname, probability: state.setting(d.index).lossProbability })),
      routes: routes[node.index]!,
    })),
    shapers: plan.directions.map((d) => state.setting(d.index).shaper),
  };
}

/** Round 1: `ip -batch` lines that add every namespace. */
export function namespaceCommands(plan: EmulationPlan): string[] {
  return plan.nodes.map((node) => `netns add ${node.namespace}`);
}

/** Round 2: the `sh` script of a namespace (its stdin is the nft table, see {@link tableOf}). */
export function sysctlScript(plan: EmulationPlan, node: number): string {
  const set = (path: string, value: number) => `echo ${value} > /proc/sys/net/${path}`;
  return [
    'set -e',
    // A kernel without IPv6 has no such files, and nothing to switch off.
    `if [ -d /proc/sys/net/ipv6 ]; then ${set('ipv6/conf/all/disable_ipv6', 1)}; ${set('ipv6/conf/default/disable_ipv6', 1)}; fi`,
    ...['all', 'default'].flatMap((conf) => [set(`ipv4/conf/${conf}/rp_filter`, 0), set(`ipv4/conf/${conf}/send_redirects`, 0)]),
    set('ipv4/ip_forward', plan.nodes[node]!.forwards ? 1 : 0),
    'exec nft -f -',
  ].join('\n');
}

/** Round 2: the nftables table of a namespace, as `snapshot` has it. */
export function tableOf(plan: EmulationPlan, node: number, snapshot: KernelSnapshot): string {
  const ifnames = plan.directions.filter((d) => d.to === node).map((d) => d.ifname);
  const state = snapshot.nodes[node]!;
  return `${tableScript(ifnames, state.loss)}\n${faultsScript(state.cuts)}\n`;
}

/** Round 3: `ip -batch` lines that add every veth pair. */
export function vethCommands(plan: EmulationPlan): string[] {
  const options = `mtu ${plan.mtuBytes} gso_max_segs 1`;
  return plan.links.map((link) => {
    const [a, b] = link.ends.map((end) => `${link.ifname} netns ${plan.nodes[end.node]!.namespace} address ${end.mac} ${options}`);
    return `link add ${a} type veth peer name ${b}`;
  });
}

/** Round 4: `ip -batch` lines that configure a namespace's addresses, links, neighbours and routes. */
export function addressCommands(plan: EmulationPlan, node: number, snapshot: KernelSnapshot): string[] {
  const lines = ['link set lo up', `addr add ${plan.nodes[node]!.address}/32 dev lo`];
  const neighbours: string[] = [];
  for (const link of plan.links) {
    link.ends.forEach((end, e) => {
      if (end.node !== node) return;
      const far = link.ends[1 - e]!;
      lines.push(`addr add ${end.address}/31 dev ${link.ifname}`, `link set ${link.ifname} up`);
      neighbours.push(`neigh replace ${far.address} lladdr ${far.mac} dev ${link.ifname} nud permanent`);
    });
  }
  return [...lines, ...neighbours, ...snapshot.nodes[node]!.routes.map(routeCommand)];
}

/** Round 4: `tc -batch` lines that shape every direction leaving a namespace. */
export function shapingCommands(plan: EmulationPlan, node: number, snapshot: KernelSnapshot): string[] {
  return plan.directions.filter((d) => d.from === node).flatMap((d) => shaperCommands(d.ifname, snapshot.shapers[d.index]!));
}

/** The commands that take the kernel from `previous` to `next`, for the nodes where anything changes. */
export function changeCommands(plan: EmulationPlan, previous: KernelSnapshot, next: KernelSnapshot): NodeCommands[] {
  const commands: NodeCommands[] = [];
  for (const node of plan.nodes) {
    const [before, after] = [previous.nodes[node.index]!, next.nodes[node.index]!];
    const nft: string[] = [];
    if (before.cuts.join() !== after.cuts.join()) nft.push(faultsScript(after.cuts));
    if (after.loss.some((rule, i) => rule.probability !== before.loss[i]!.probability)) nft.push(lossScript(after.loss));
    const ip = after.routes.filter((route, i) => !sameRoute(route, before.routes[i]!)).map(routeCommand);
    const tc = plan.directions
      .filter((d) => d.from === node.index && !sameShaper(previous.shapers[d.index]!, next.shapers[d.index]!))
      .flatMap((d) => shaperChangeCommands(d.ifname, next.shapers[d.index]!));
    if (nft.length + ip.length + tc.length > 0) commands.push({ node: node.index, nft: nft.length === 0 ? '' : `${nft.join('\n')}\n`, ip, tc });
  }
  return commands;
}

function routeCommand(route: RouteEntry): string {
  return route.kind === 'blackhole'
    ? `route replace blackhole ${route.destination}/32`
    : `route replace ${route.destination}/32 via ${route.via} dev ${route.ifname} src ${route.source}`;
}

function sameShaper(a: ShaperPlan, b: ShaperPlan): boolean {
  return a.rateBitsPerSecond === b.rateBitsPerSecond && a.burstBytes === b.burstBytes && a.delaySeconds === b.delaySeconds;
}
