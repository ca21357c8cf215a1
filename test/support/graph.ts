/**
 * Test helpers: networks over random graphs, driven directly through Network.send.
 */
import fc from 'fast-check';
import { Simulator } from '../../src/engine/simulator.js';
import type { LinkConfig } from '../../src/net/link.js';
import { Network } from '../../src/net/network.js';
import type { RoutingMetric } from '../../src/net/routing.js';

/** A connected graph: n nodes, undirected edges (a random spanning tree plus extras). */
export interface Graph {
  n: number;
  edges: [number, number][];
}

/** Random connected graphs of 2 to `maxNodes` nodes. */
export function connectedGraph(maxNodes = 8): fc.Arbitrary<Graph> {
  return fc.integer({ min: 2, max: maxNodes }).chain((n) =>
    fc
      .record({
        parents: fc.array(fc.nat(), { minLength: n - 1, maxLength: n - 1 }),
        extra: fc.array(fc.tuple(fc.nat({ max: n - 1 }), fc.nat({ max: n - 1 })), { maxLength: n }),
      })
      .map(({ parents, extra }) => {
        const seen = new Set<string>();
        const edges: [number, number][] = [];
        const add = (a: number, b: number): void => {
          const key = `${Math.min(a, b)}-${Math.max(a, b)}`;
          if (a === b || seen.has(key)) return;
          seen.add(key);
          edges.push([Math.min(a, b), Math.max(a, b)]);
        };
        parents.forEach((p, i) => add(i + 1, p % (i + 1)));
        for (const [a, b] of extra) add(a, b);
        return { n, edges };
      }),
  );
}

/** A network with nodes "0".."n-1" and one link per edge, all with `link`'s parameters. */
export function networkOf(
  graph: Graph,
  link: Omit<LinkConfig, 'name' | 'between'> | ((edge: number) => Omit<LinkConfig, 'name' | 'between'>),
  options: { seed?: number; routing?: RoutingMetric } = {},
): { sim: Simulator; network: Network } {
  const sim = new Simulator(options.seed ?? 1);
  const network = new Network(sim, { routing: options.routing ?? 'hops' });
  for (let i = 0; i < graph.n; i++) network.addNode(String(i));
  graph.edges.forEach(([a, b], i) => {
    const params = typeof link === 'function' ? link(i) : link;
    network.addLink({ name: `${a}-${b}`, between: [String(a), String(b)], ...params });
  });
  return { sim, network };
}
