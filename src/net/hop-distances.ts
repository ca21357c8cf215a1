/**
 * Hop distances to up to 32 destinations at once, by a bit-parallel breadth-first search
 * (one bit of a 32-bit word per destination): each level ORs a node's frontier bits into its
 * predecessors, so the 32 searches share every pass over the edges. With random traffic every
 * destination needs a table, and sharing the passes makes that several times cheaper than one
 * search per destination.
 */

/** The graph, as edges into each node in compressed rows. */
export interface IncomingEdges {
  readonly nodeCount: number;
  /** incomingFrom[incomingStart[v] .. incomingStart[v+1]) are the nodes with an edge to v. */
  readonly incomingStart: Int32Array;
  readonly incomingFrom: Int32Array;
  /** The edge index of each entry, to test usability. */
  readonly incoming: Int32Array;
  /** 1 for usable edges, by edge index. */
  readonly usable: Uint8Array;
}

/** Value of an unreached node in a distance table of that width. */
export function unreachedDistance(table: Uint8Array | Uint16Array | Int32Array): number {
  return table instanceof Uint8Array ? 0xff : table instanceof Uint16Array ? 0xffff : 0x7fffffff;
}

/**
 * Hop distances from every node to each of `destinations` (at most 32) over usable edges;
 * unreached nodes hold the table's largest value. Tables are as narrow as their longest
 * distance allows.
 */
export function hopDistances(graph: IncomingEdges, destinations: readonly number[]): (Uint8Array | Uint16Array | Int32Array)[] {
  const n = graph.nodeCount;
  const { incomingStart, incomingFrom, incoming, usable } = graph;
  const allUsable = usable.every((flag) => flag === 1);
  const visited = new Uint32Array(n);
  let frontier = new Uint32Array(n);
  let reached = new Uint32Array(n);
  const distances = destinations.map(() => new Int32Array(n).fill(-1));
  destinations.forEach((d, k) => {
    visited[d]! |= 1 << k;
    frontier[d]! |= 1 << k;
    distances[k]![d] = 0;
  });
  let longest = 0;
  for (let level = 1; ; level++) {
    reached.fill(0);
    for (let v = 0; v < n; v++) {
      const bits = frontier[v]!;
      if (bits === 0) continue;
      const end = incomingStart[v + 1]!;
      for (let i = incomingStart[v]!; i < end; i++) {
        if (allUsable || usable[incoming[i]!] === 1) reached[incomingFrom[i]!]! |= bits;
      }
    }
    let any = false;
    for (let u = 0; u < n; u++) {
      const fresh = reached[u]! & ~visited[u]!;
      reached[u] = fresh;
      if (fresh === 0) continue;
      any = true;
      visited[u]! |= fresh;
      for (let bits = fresh; bits !== 0; bits &= bits - 1) distances[31 - Math.clz32(bits & -bits)]![u] = level;
    }
    if (!any) break;
    longest = level;
    [frontier, reached] = [reached, frontier];
  }
  return distances.map((distance) => narrow(distance, longest));
}

/** A copy in the narrowest integers that hold `longest`, unreached (-1) mapped to the maximum. */
function narrow(distance: Int32Array, longest: number): Uint8Array | Uint16Array | Int32Array {
  const table = longest < 0xff ? new Uint8Array(distance.length) : longest < 0xffff ? new Uint16Array(distance.length) : new Int32Array(distance.length);
  const unreached = unreachedDistance(table);
  for (let u = 0; u < distance.length; u++) table[u] = distance[u] === -1 ? unreached : distance[u]!;
  return table;
}
