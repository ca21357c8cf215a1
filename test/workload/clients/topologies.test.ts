/**
 * The topologies offered to broadcast nodes, against Maelstrom's definitions worked out by
 * hand for small clusters.
 */
import { describe, expect, it } from 'vitest';
import { topologyOf, TOPOLOGY_NAMES } from '../../../src/workload/clients/topologies.js';

const nodes = (n: number): string[] => Array.from({ length: n }, (_, i) => `n${i}`);

describe('broadcast topologies', () => {
  it('line: each node beside the one before and after; nothing for one node', () => {
    expect(topologyOf('line', nodes(4))).toEqual({ n0: ['n1'], n1: ['n0', 'n2'], n2: ['n1', 'n3'], n3: ['n2'] });
    expect(topologyOf('line', nodes(1))).toEqual({});
  });

  it('grid: rows of ceil(sqrt n), neighbours below, above, right, left', () => {
    // 5 nodes: side 3; rows [n0 n1 n2] [n3 n4].
    expect(topologyOf('grid', nodes(5))).toEqual({
      n0: ['n3', 'n1'],
      n1: ['n4', 'n2', 'n0'],
      n2: ['n1'],
      n3: ['n0', 'n4'],
      n4: ['n1', 'n3'],
    });
  });

  it('tree2/tree3/tree4: parent first, then children, tier by tier', () => {
    expect(topologyOf('tree2', nodes(6))).toEqual({ n0: ['n1', 'n2'], n1: ['n0', 'n3', 'n4'], n2: ['n0', 'n5'], n3: ['n1'], n4: ['n1'], n5: ['n2'] });
    expect(topologyOf('tree3', nodes(5))).toEqual({ n0: ['n1', 'n2', 'n3'], n1: ['n0', 'n4'], n2: ['n0'], n3: ['n0'], n4: ['n1'] });
    expect(topologyOf('tree', nodes(6))).toEqual(topologyOf('tree2', nodes(6)));
    expect(topologyOf('tree4', nodes(6))['n1']).toEqual(['n0', 'n5']);
  });

  it('total: everyone else, in order', () => {
    expect(topologyOf('total', nodes(3))).toEqual({ n0: ['n1', 'n2'], n1: ['n0', 'n2'], n2: ['n0', 'n1'] });
  });

  it('is symmetric and connected for every kind and size up to 30', () => {
    for (const name of TOPOLOGY_NAMES) {
      for (let n = 2; n <= 30; n++) {
        const topology = topologyOf(name, nodes(n));
        for (const [node, neighbours] of Object.entries(topology)) for (const other of neighbours) expect(topology[other]).toContain(node);
        const seen = new Set(['n0']);
        const queue = ['n0'];
        while (queue.length > 0) for (const next of topology[queue.shift()!] ?? []) if (!seen.has(next)) seen.add(next) && queue.push(next);
        expect(seen.size, `${name} over ${n} nodes`).toBe(n);
      }
    }
  });
});
