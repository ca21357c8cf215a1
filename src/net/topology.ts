/**
 * Topology generators: the edges (pairs of node indices, lower index first) of standard
 * and random graphs over n nodes. Pure functions; random ones draw only from the source
 * they are given, so a seed fixes the graph.
 *
 *   line, ring, star, full-mesh, grid (width × height, row by row), tree (node i > 0 under
 *   node ⌊(i−1)/b⌋), erdos-renyi (G(n, p), made connected by joining its components in a
 *   chain, smallest node to smallest node), barabasi-albert (a complete graph on nodes
 *   0..m, then each new node joins m distinct existing nodes picked with probability
 *   proportional to their degree).
 */
import type { UniformSource } from '../engine/distributions.js';

/** A topology to generate, by kind. */
export type TopologySpec =
  | { readonly kind: 'line' | 'ring' | 'full-mesh' }
  | { readonly kind: 'star'; readonly center: number }
  | { readonly kind: 'grid'; readonly width: number; readonly height: number }
  | { readonly kind: 'tree'; readonly branching: number }
  | { readonly kind: 'erdos-renyi'; readonly p: number }
  | { readonly kind: 'barabasi-albert'; readonly m: number };

/** An undirected edge, lower node index first. */
export type Edge = readonly [number, number];

/** How many edges a topology has without generating it (random ones: an upper bound). */
export function edgeCountBound(n: number, spec: TopologySpec): number {
  switch (spec.kind) {
    case 'line':
    case 'star':
    case 'tree':
      return Math.max(0, n - 1);
    case 'ring':
      return n <= 2 ? Math.max(0, n - 1) : n;
    case 'grid':
      return spec.height * (spec.width - 1) + spec.width * (spec.height - 1);
    case 'barabasi-albert':
      return Math.min(n * spec.m, (n * (n - 1)) / 2);
    case 'full-mesh':
    case 'erdos-renyi':
      return (n * (n - 1)) / 2;
  }
}

/** The edges of a topology over nodes 0..n-1. */
export function generateTopology(n: number, spec: TopologySpec, random: UniformSource): Edge[] {
  switch (spec.kind) {
    case 'line':
      return range(n - 1).map((i) => [i, i + 1] as const);
    case 'ring':
      return n <= 2 ? range(n - 1).map((i) => [i, i + 1] as const) : [...range(n - 1).map((i) => [i, i + 1] as const), [0, n - 1] as const];
    case 'star':
      return range(n)
        .filter((i) => i !== spec.center)
        .map((i) => (i < spec.center ? ([i, spec.center] as const) : ([spec.center, i] as const)));
    case 'full-mesh':
      return range(n).flatMap((i) => range(n - i - 1).map((k) => [i, i + k + 1] as const));
    case 'grid':
      return grid(spec.width, spec.height);
    case 'tree':
      return range(n - 1).map((k) => [Math.floor(k / spec.branching), k + 1] as const);
    case 'erdos-renyi':
      return connectComponents(n, erdosRenyi(n, spec.p, random));
    case 'barabasi-albert':
      return barabasiAlbert(n, spec.m, random);
  }
}

function range(count: number): number[] {
  return Array.from({ length: Math.max(0, count) }, (_, i) => i);
}

function grid(width: number, height: number): Edge[] {
  const edges: Edge[] = [];
  for (let row = 0; row < height; row++) {
    for (let column = 0; column < width; column++) {
      const node = row * width + column;
      if (column + 1 < width) edges.push([node, node + 1]);
      if (row + 1 < height) edges.push([node, node + width]);
    }
  }
  return edges;
}

/** G(n, p) by geometric skipping over the pairs (Batagelj and Brandes), in O(n + edges). */
function erdosRenyi(n: number, p: number, random: UniformSource): Edge[] {
  if (p <= 0) return [];
  if (p >= 1) return generateTopology(n, { kind: 'full-mesh' }, random);
  const edges: Edge[] = [];
  const logQ = Math.log1p(-p);
  let v = 1;
  let w = -1;
  while (v < n) {
    const skip = Math.floor(Math.log(1 - random.uniform()) / logQ);
    // For a p too small to matter, the skip passes every remaining pair.
    if (!(skip < n * n)) break;
    w += 1 + skip;
    while (w >= v && v < n) {
      w -= v;
      v++;
    }
    if (v < n) edges.push([w, v]);
  }
  return edges;
}

/** Adds an edge between the smallest nodes of consecutive components, in node order. */
function connectComponents(n: number, edges: Edge[]): Edge[] {
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!;
      x = parent[x]!;
    }
    return x;
  };
  for (const [a, b] of edges) {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
  // With the smaller root kept, every root is the smallest node of its component.
  const roots = range(n).filter((i) => find(i) === i);
  const joined = [...edges];
  for (let i = 1; i < roots.length; i++) joined.push([roots[i - 1]!, roots[i]!]);
  return joined;
}

function barabasiAlbert(n: number, m: number, random: UniformSource): Edge[] {
  const seed = Math.min(n, m + 1);
  const edges: Edge[] = [...generateTopology(seed, { kind: 'full-mesh' }, random)];
  const ends: number[] = edges.flatMap(([a, b]) => [a, b]);
  for (let node = seed; node < n; node++) {
    const targets = new Set<number>();
    while (targets.size < m) targets.add(ends[Math.floor(random.uniform() * ends.length)]!);
    for (const target of [...targets].sort((a, b) => a - b)) {
      edges.push([target, node]);
      ends.push(target, node);
    }
  }
  return edges;
}
