/**
 * The topologies Maelstrom's broadcast workload offers nodes in its `topology` message (a
 * suggestion of whom to talk to; every node can still reach every other): line, grid,
 * tree2/3/4 and total, made the way Maelstrom makes them (its workload/broadcast.clj), so a
 * protocol tuned there sees the same neighbours here.
 */

/** The topology names, as scenario files and Maelstrom's `--topology` write them. */
export const TOPOLOGY_NAMES = ['line', 'grid', 'tree', 'tree2', 'tree3', 'tree4', 'total'] as const;

/** A topology's name. */
export type TopologyName = (typeof TOPOLOGY_NAMES)[number];

/** Each node's neighbours, in the order Maelstrom lists them. */
export type Neighbours = Record<string, string[]>;

/** The topology `name` over `nodes` (in order). */
export function topologyOf(name: TopologyName, nodes: readonly string[]): Neighbours {
  switch (name) {
    case 'line':
      return line(nodes);
    case 'grid':
      return grid(nodes);
    case 'total':
      return Object.fromEntries(nodes.map((node) => [node, nodes.filter((other) => other !== node)]));
    case 'tree':
    case 'tree2':
      return tree(nodes, 2);
    case 'tree3':
      return tree(nodes, 3);
    case 'tree4':
      return tree(nodes, 4);
  }
}

/** Each node joined to the one before and after it; nothing for fewer than two nodes. */
function line(nodes: readonly string[]): Neighbours {
  const n = nodes.length;
  if (n < 2) return {};
  const result: Neighbours = {};
  nodes.forEach((node, i) => {
    result[node] = i === 0 ? [nodes[1]!] : i === n - 1 ? [nodes[n - 2]!] : [nodes[i - 1]!, nodes[i + 1]!];
  });
  return result;
}

/** Rows of ceil(√n) nodes; each node joined to the ones below, above, right and left of it (in that order). */
function grid(nodes: readonly string[]): Neighbours {
  const n = nodes.length;
  const side = Math.ceil(Math.sqrt(n));
  const at = (i: number, j: number): string | undefined => (i >= 0 && j >= 0 && j < side && i * side + j < n ? nodes[i * side + j] : undefined);
  const result: Neighbours = {};
  for (let i = 0; i < side; i++) {
    for (let j = 0; j < side; j++) {
      const node = at(i, j);
      if (node === undefined) continue;
      result[node] = [at(i + 1, j), at(i - 1, j), at(i, j + 1), at(i, j - 1)].filter((x): x is string => x !== undefined);
    }
  }
  return result;
}

/**
 * A complete tree of branching `b`, filled tier by tier: node i's parent is node
 * ⌊(i − 1)/b⌋ and its children nodes b·i + 1 … b·i + b. Neighbours: the parent, then the children.
 */
function tree(nodes: readonly string[], b: number): Neighbours {
  const result: Neighbours = {};
  nodes.forEach((node, i) => {
    const neighbours = i === 0 ? [] : [nodes[Math.floor((i - 1) / b)]!];
    for (let c = b * i + 1; c <= b * i + b && c < nodes.length; c++) neighbours.push(nodes[c]!);
    result[node] = neighbours;
  });
  return result;
}
