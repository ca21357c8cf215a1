/**
 * Next-hop tables by fewest hops to up to 64 destinations at once, by a bit-parallel
 * breadth-first search (one bit per destination, in two 32-bit words per node): each level
 * ORs a node's frontier bits into its predecessors, so the 64 searches share every pass over
 * the edges (64 rather than 32 made routing-10k's table building about a fifth cheaper).
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

/** Destinations one search serves: two 32-bit words of bits per node. */
export const HOP_BATCH = 64;

/**
 * The next-hop tables of `destinations` (at most {@link HOP_BATCH}) over usable edges, made
 * by `makeTable` (filled with its no-route value, which the search leaves where a node
 * cannot reach the destination, and at the destination itself).
 */
export function hopTables(graph: IncomingEdges, destinations: readonly number[], makeTable: (length: number) => SlotTable): SlotTable[] {
  const n = graph.nodeCount;
  const { incomingStart, incomingFrom, incoming, incomingSlot, usable } = graph;
  const allUsable = usable.every((flag) => flag === 1);
  // Two words a node, side by side: destinations 0–31 in the first, 32–63 in the second.
  const visited = new Uint32Array(2 * n);
  let frontier = new Uint32Array(2 * n);
  let reached = new Uint32Array(2 * n);
  const tables = destinations.map(() => makeTable(n));
  destinations.forEach((d, k) => {
    const word = 2 * d + (k >> 5);
    visited[word]! |= 1 << (k & 31);
    frontier[word]! |= 1 << (k & 31);
  });
  for (;;) {
    reached.fill(0);
    for (let v = 0; v < n; v++) {
      const low = frontier[2 * v]!;
      const high = frontier[2 * v + 1]!;
      if ((low | high) === 0) continue;
      const end = incomingStart[v + 1]!;
      for (let i = incomingStart[v]!; i < end; i++) {
        if (!allUsable && usable[incoming[i]!] !== 1) continue;
        const u = 2 * incomingFrom[i]!;
        const claimedLow = low & ~(visited[u]! | reached[u]!);
        const claimedHigh = high & ~(visited[u + 1]! | reached[u + 1]!);
        if ((claimedLow | claimedHigh) === 0) continue;
        reached[u]! |= claimedLow;
        reached[u + 1]! |= claimedHigh;
        const slot = incomingSlot[i]!;
        const node = u >> 1;
        for (let left = claimedLow; left !== 0; left &= left - 1) tables[31 - Math.clz32(left & -left)]![node] = slot;
        for (let left = claimedHigh; left !== 0; left &= left - 1) tables[63 - Math.clz32(left & -left)]![node] = slot;
      }
    }
    let any = false;
    for (let w = 0; w < 2 * n; w++) {
      const fresh = reached[w]!;
      if (fresh === 0) continue;
      any = true;
      visited[w]! |= fresh;
    }
    if (!any) return tables;
    [frontier, reached] = [reached, frontier];
  }
}
