import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RandomStreams } from '../../src/engine/random.js';
import { generateTopology, type Edge, type TopologySpec } from '../../src/net/topology.js';

const random = (seed = 1) => new RandomStreams(seed).stream('topology');

function degrees(n: number, edges: readonly Edge[]): number[] {
  const d = new Array<number>(n).fill(0);
  for (const [a, b] of edges) {
    d[a]!++;
    d[b]!++;
  }
  return d;
}

function connected(n: number, edges: readonly Edge[]): boolean {
  const adjacent: number[][] = Array.from({ length: n }, () => []);
  for (const [a, b] of edges) {
    adjacent[a]!.push(b);
    adjacent[b]!.push(a);
  }
  const seen = new Set([0]);
  const stack = [0];
  while (stack.length > 0) for (const next of adjacent[stack.pop()!]!) if (!seen.has(next)) seen.add(next) && stack.push(next);
  return seen.size === n;
}

function simple(edges: readonly Edge[]): boolean {
  const keys = edges.map(([a, b]) => `${a}-${b}`);
  return edges.every(([a, b]) => a < b) && new Set(keys).size === keys.length;
}

describe('topologies', () => {
  it('have the textbook number of edges and are connected', () => {
    const cases: [TopologySpec, number, number][] = [
      [{ kind: 'line' }, 10, 9],
      [{ kind: 'ring' }, 10, 10],
      [{ kind: 'star', center: 3 }, 10, 9],
      [{ kind: 'full-mesh' }, 10, 45],
      [{ kind: 'grid', width: 4, height: 3 }, 12, 4 * 2 + 3 * 3],
      [{ kind: 'tree', branching: 3 }, 13, 12],
      [{ kind: 'barabasi-albert', m: 2 }, 50, 3 + 2 * 47],
    ];
    for (const [spec, n, count] of cases) {
      const edges = generateTopology(n, spec, random());
      expect(edges, spec.kind).toHaveLength(count);
      expect(simple(edges), spec.kind).toBe(true);
      expect(connected(n, edges), spec.kind).toBe(true);
    }
  });

  it('put every star edge on the centre and every tree node under its parent', () => {
    expect(generateTopology(5, { kind: 'star', center: 2 }, random()).every(([a, b]) => a === 2 || b === 2)).toBe(true);
    expect(generateTopology(7, { kind: 'tree', branching: 2 }, random())).toEqual([
      [0, 1],
      [0, 2],
      [1, 3],
      [1, 4],
      [2, 5],
      [2, 6],
    ]);
  });

  it('make Erdős–Rényi graphs connected, with about p·n(n−1)/2 edges, the same for the same seed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 300 }), fc.double({ min: 0, max: 0.2, noNaN: true }), fc.nat(), (n, p, seed) => {
        const edges = generateTopology(n, { kind: 'erdos-renyi', p }, random(seed));
        expect(simple(edges)).toBe(true);
        expect(connected(n, edges)).toBe(true);
        expect(generateTopology(n, { kind: 'erdos-renyi', p }, random(seed))).toEqual(edges);
      }),
    );
    const n = 2000;
    const p = 0.005;
    const count = generateTopology(n, { kind: 'erdos-renyi', p }, random(3)).length;
    const mean = (p * n * (n - 1)) / 2;
    // Binomial count (plus at most a few joining edges): within 4.5 standard deviations.
    expect(Math.abs(count - mean)).toBeLessThan(4.5 * Math.sqrt(mean * (1 - p)) + 5);
  });

  it('give Barabási–Albert graphs a minimum degree of m and a heavy tail', () => {
    const n = 3000;
    const d = degrees(n, generateTopology(n, { kind: 'barabasi-albert', m: 3 }, random(5)));
    expect(Math.min(...d)).toBe(3);
    // Preferential attachment grows hubs far above the mean degree of about 2m.
    expect(Math.max(...d)).toBeGreaterThan(60);
  });
});
