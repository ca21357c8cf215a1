/**
 * The kernel routes of an emulated network: for every node and every other node's address,
 * the next hop the simulator's router would take (net/routing.ts, same edges in the same
 * order, same metric and ties), or a blackhole when the simulator has no route. Recomputed
 * whenever a fault changes which link directions may carry traffic, as the simulator
 * recomputes its tables, so both route around a downed link or a crashed node alike.
 *
 * Directions are numbered as the simulator numbers transmitters: link j has 2j from its
 * first node to its second and 2j + 1 back.
 */
import { Router, type RoutingMetric } from '../net/routing.js';
import { linkEndAddress, linkInterfaceName, nodeAddress } from './addressing.js';

/** One kernel route of a node: to a node's address via a neighbour, or nowhere. */
export type RouteEntry =
  | {
      readonly kind: 'via';
      /** The destination node's address (a /32). */
      readonly destination: string;
      /** The neighbour's address on the link taken. */
      readonly via: string;
      /** The interface of that link. */
      readonly ifname: string;
      /** The source address of packets the node sends itself: its own node address. */
      readonly source: string;
    }
  | {
      /** The simulator has no route: the kernel drops (a local sender gets EINVAL). */
      readonly kind: 'blackhole';
      readonly destination: string;
    };

/** What routing needs of a link. */
export interface RoutedLink {
  /** Node indices of the link's first and second node. */
  readonly ends: readonly [number, number];
  /** Propagation delay in seconds (what the `delay` metric adds up). */
  readonly delaySeconds: number;
}

/**
 * Every node's routes, by node index, each in destination order (the node itself left out).
 * `usable(direction)` says whether a direction may carry traffic now.
 */
export function routeTables(
  nodeCount: number,
  links: readonly RoutedLink[],
  metric: RoutingMetric,
  usable: (direction: number) => boolean,
): RouteEntry[][] {
  const edges = links.flatMap((link) => [
    { from: link.ends[0], to: link.ends[1], delaySeconds: link.delaySeconds },
    { from: link.ends[1], to: link.ends[0], delaySeconds: link.delaySeconds },
  ]);
  const router = new Router(nodeCount, edges, metric);
  edges.forEach((_, direction) => router.setUsable(direction, usable(direction)));
  const tables: RouteEntry[][] = [];
  for (let node = 0; node < nodeCount; node++) {
    const table: RouteEntry[] = [];
    for (let destination = 0; destination < nodeCount; destination++) {
      if (destination === node) continue;
      const direction = router.next(node, destination);
      const address = nodeAddress(destination);
      if (direction < 0) {
        table.push({ kind: 'blackhole', destination: address });
        continue;
      }
      const link = direction >> 1;
      const farEnd = direction & 1 ? 0 : 1;
      table.push({ kind: 'via', destination: address, via: linkEndAddress(link, farEnd), ifname: linkInterfaceName(link), source: nodeAddress(node) });
    }
    tables.push(table);
  }
  return tables;
}

/** Whether two routes are the same kernel route. */
export function sameRoute(a: RouteEntry, b: RouteEntry): boolean {
  if (a.kind !== b.kind || a.destination !== b.destination) return false;
  return a.kind === 'blackhole' || (b.kind === 'via' && a.via === b.via && a.ifname === b.ifname && a.source === b.source);
}
