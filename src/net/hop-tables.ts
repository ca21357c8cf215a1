/**
 * Next-hop tables by fewest hops to up to 32 destinations at once, by a bit-parallel
 * breadth-first search (one bit of a 32-bit word per destination): each level ORs a node's
 * frontier bits into its predecessors, so the 32 searches share every pass over the edges.
 * With random traffic every destination needs a table, and sharing the passes makes that
 * several times cheaper than one search per destination.
 *
 * A node's entry in a destination's table is the position, among the node's outgoing edges,
 * of the edge it takes: to the lowest-numbered neighbour one hop closer, over the
 * lowest-numbered usable edge to it. The search finds exactly that edge as it goes, because
 * it visits each level's frontier in ascending node order and each node's incoming edges in
 * ascending edge order: the first edge to reach a node for a destination is its next hop.
 * A lookup is then one read of the table, however many neighbours a node has.
 */

/** The graph, as edges into each node in compressed rows. */
export interface IncomingEdges {
  readonly nodeCount: number;
  /** incomingFrom[incomingStart[v] .. incomingStart[v+1]) are the nodes with an edge to v. */
  readonly incomingStart: Int32Array;
  readonly incomingFrom: Int32Array;
  /** The edge index of each entry, to test usability. */
  readonly incoming: Int32Array;
  /** Each entry's position among its source's outgoing edges: what a table holds. */
  readonly incomingSlot: Int32Array;
  /** 1 for usable edges, by edge index. */
  readonly usable: Uint8Array;
}

/** A table of outgoing-edge positions, one per node, `noRoute` where there is none. */
export type SlotTable = Uint8Array | Uint16Array | Int32Array;

/**
 * The next-hop tables of `destinations` (at most 32) over usable edges, made by `makeTable`
 * (filled with its no-route value, which the search leaves where a node cannot reach the
 * destination, and at the destination itself).
 */
export function hopTables(graph: IncomingEdges, destinations: readonly number[], makeTable: (length: number) => SlotTable): SlotTable[] {
  const n = graph.nodeCount;
  const { incomingStart, incomingFrom, incoming, incomingSlot, usable } = graph;
  const allUsable = usable.every((flag) => flag === 1);
  const visited = new Uint32Array(n);
  let frontier = new Uint32Array(n);
  let reached = new Uint32Array(n);
  const tables = destinations.map(() => makeTable(n));
  destinations.forEach((d, k) => {
    visited[d]! |= 1 << k;
    frontier[d]! |= 1 << k;
  });
  for (;;) {
    reached.fill(0);
    for (let v = 0; v < n; v++) {
      const bits = frontier[v]!;
      if (bits === 0) continue;
      const end = incomingStart[v + 1]!;
      for (let i = incomingStart[v]!; i < end; i++) {
        if (!allUsable && usable[incoming[i]!] !== 1) continue;
        const u = incomingFrom[i]!;
        const claimed = bits & ~(visited[u]! | reached[u]!);
        if (claimed === 0) continue;
        reached[u]! |= claimed;
        const slot = incomingSlot[i]!;
        for (let left = claimed; left !== 0; left &= left - 1) tables[31 - Math.clz32(left & -left)]![u] = slot;
      }
    }
    let any = false;
    for (let u = 0; u < n; u++) {
      const fresh = reached[u]!;
      if (fresh === 0) continue;
      any = true;
      visited[u]! |= fresh;
    }
    if (!any) return tables;
    [frontier, reached] = [reached, frontier];
  }
}
