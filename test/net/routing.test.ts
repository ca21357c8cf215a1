import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Router, type RouteEdge } from '../../src/net/routing.js';

/** A random connected undirected graph as directed edges both ways, with delays. */
const graph = fc.integer({ min: 2, max: 25 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    // A random spanning tree keeps it connected; extra edges add choice.
    parents: fc.array(fc.nat(), { minLength: n - 1, maxLength: n - 1 }),
    extra: fc.array(fc.tuple(fc.nat({ max: n - 1 }), fc.nat({ max: n - 1 })), { maxLength: 2 * n }),
    delays: fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 4 * n, maxLength: 4 * n }),
  }),
);

function edgesOf(g: { n: number; parents: number[]; extra: [number, number][]; delays: number[] }): RouteEdge[] {
  const pairs = new Set<string>();
  const undirected: [number, number][] = [];
  const add = (a: number, b: number): void => {
    if (a === b || pairs.has(`${Math.min(a, b)}-${Math.max(a, b)}`)) return;
    pairs.add(`${Math.min(a, b)}-${Math.max(a, b)}`);
    undirected.push([a, b]);
  };
  g.parents.forEach((p, i) => add(i + 1, p % (i + 1)));
  for (const [a, b] of g.extra) add(a, b);
  return undirected.flatMap(([a, b], i) => {
    const delaySeconds = g.delays[i % g.delays.length]! / 1000;
    return [
      { from: a, to: b, delaySeconds },
      { from: b, to: a, delaySeconds },
    ];
  });
}

/** Reference all-pairs least costs (Floyd–Warshall) with a cost per edge. */
function allPairs(n: number, edges: RouteEdge[], cost: (e: RouteEdge) => number): number[][] {
  const d = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 0 : Infinity)));
  for (const e of edges) d[e.from]![e.to] = Math.min(d[e.from]![e.to]!, cost(e));
  for (let k = 0; k < n; k++) for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) d[i]![j] = Math.min(d[i]![j]!, d[i]![k]! + d[k]![j]!);
  return d;
}

/** Follows next hops from `from` to `to`; returns the edges taken, or undefined on a loop. */
function follow(router: Router, edges: RouteEdge[], from: number, to: number): RouteEdge[] | undefined {
  const path: RouteEdge[] = [];
  let node = from;
  while (node !== to) {
    const e = router.next(node, to);
    if (e < 0 || path.length > edges.length) return undefined;
    path.push(edges[e]!);
    node = edges[e]!.to;
  }
  return path;
}

describe('Router', () => {
  it('routes every pair over a path with the fewest hops, without loops', () => {
    fc.assert(
      fc.property(graph, (g) => {
        const edges = edgesOf(g);
        const router = new Router(g.n, edges, 'hops');
        const d = allPairs(g.n, edges, () => 1);
        for (let a = 0; a < g.n; a++) for (let b = 0; b < g.n; b++) if (a !== b) expect(follow(router, edges, a, b)?.length).toBe(d[a]![b]);
      }),
    );
  });

  it('routes graphs of many destination batches (more than 64 nodes) over fewest hops', () => {
    const big = fc.integer({ min: 65, max: 140 }).chain((n) =>
      fc.record({
        n: fc.constant(n),
        parents: fc.array(fc.nat(), { minLength: n - 1, maxLength: n - 1 }),
        extra: fc.array(fc.tuple(fc.nat({ max: n - 1 }), fc.nat({ max: n - 1 })), { maxLength: n }),
        delays: fc.constant<number[]>([1]),
      }),
    );
    fc.assert(
      fc.property(big, fc.nat(), (g, unusable) => {
        const edges = edgesOf(g);
        const router = new Router(g.n, edges, 'hops');
        // Take one edge away: distances must come from the usable edges only.
        const cut = unusable % edges.length;
        router.setUsable(cut, false);
        const d = allPairs(g.n, edges.filter((_, i) => i !== cut), () => 1);
        for (let a = 0; a < g.n; a++) {
          for (let b = 0; b < g.n; b++) {
            if (a === b) continue;
            const path = follow(router, edges, a, b);
            if (d[a]![b] === Infinity) expect(path).toBeUndefined();
            else expect(path?.length).toBe(d[a]![b]);
          }
        }
      }),
      { numRuns: 30 },
    );
  });

  it('takes, by hops, the lowest-numbered usable edge to the lowest-numbered neighbour one hop closer', () => {
    // A multigraph (parallel edges, one-way edges) with some edges unusable, over several batches.
    const multigraph = fc.integer({ min: 2, max: 70 }).chain((n) =>
      fc.record({
        n: fc.constant(n),
        edges: fc.array(fc.tuple(fc.nat({ max: n - 1 }), fc.nat({ max: n - 1 }), fc.boolean()), { maxLength: 4 * n }),
      }),
    );
    fc.assert(
      fc.property(multigraph, (g) => {
        const edges: RouteEdge[] = g.edges.filter(([a, b]) => a !== b).map(([from, to]) => ({ from, to, delaySeconds: 0 }));
        const usable = g.edges.filter(([a, b]) => a !== b).map(([, , up]) => up);
        const router = new Router(g.n, edges, 'hops');
        usable.forEach((up, e) => router.setUsable(e, up));
        const d = allPairs(g.n, edges.filter((_, e) => usable[e]), () => 1);
        for (let a = 0; a < g.n; a++) {
          for (let b = 0; b < g.n; b++) {
            if (a === b) continue;
            let expected = -1;
            edges.forEach((e, i) => {
              if (e.from !== a || !usable[i] || d[a]![b] === Infinity || d[e.to]![b] !== d[a]![b]! - 1) return;
              if (expected < 0 || e.to < edges[expected]!.to) expected = i;
            });
            expect(router.next(a, b)).toBe(expected);
          }
        }
      }),
      { numRuns: 60 },
    );
  });

  it('routes by least total delay, breaking ties by fewer hops', () => {
    fc.assert(
      fc.property(graph, (g) => {
        const edges = edgesOf(g);
        const router = new Router(g.n, edges, 'delay');
        // Integer milliseconds make sums exact; hops break ties as a tiny second cost.
        const d = allPairs(g.n, edges, (e) => Math.round(e.delaySeconds * 1000) * 1e6 + 1);
        for (let a = 0; a < g.n; a++) {
          for (let b = 0; b < g.n; b++) {
            if (a === b) continue;
            const path = follow(router, edges, a, b)!;
            expect(path.reduce((sum, e) => sum + Math.round(e.delaySeconds * 1000) * 1e6 + 1, 0)).toBe(d[a]![b]);
          }
        }
      }),
    );
  });

  it('breaks ties towards the lower-numbered next node, the same way every time', () => {
    // A square 0-1, 0-2, 1-3, 2-3: from 0 to 3 both ways take two hops.
    const edges: RouteEdge[] = [
      [0, 1],
      [0, 2],
      [1, 3],
      [2, 3],
    ].flatMap(([a, b]) => [
      { from: a!, to: b!, delaySeconds: 0 },
      { from: b!, to: a!, delaySeconds: 0 },
    ]);
    for (const metric of ['hops', 'delay'] as const) {
      const router = new Router(4, edges, metric);
      expect(edges[router.next(0, 3)]!.to).toBe(1);
      expect(edges[router.next(3, 0)]!.to).toBe(1);
    }
  });

  it('avoids unusable edges and reports unreachable destinations', () => {
    const edges: RouteEdge[] = [
      { from: 0, to: 1, delaySeconds: 0 },
      { from: 1, to: 0, delaySeconds: 0 },
      { from: 1, to: 2, delaySeconds: 0 },
      { from: 2, to: 1, delaySeconds: 0 },
      { from: 0, to: 2, delaySeconds: 0 },
      { from: 2, to: 0, delaySeconds: 0 },
    ];
    const router = new Router(3, edges, 'hops');
    expect(router.next(0, 2)).toBe(4);
    router.setUsable(4, false);
    expect(router.next(0, 2)).toBe(0);
    router.setUsable(0, false);
    expect(router.next(0, 2)).toBe(-1);
    router.setUsable(4, true);
    expect(router.next(0, 2)).toBe(4);
  });
});
