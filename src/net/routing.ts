/**
 * Routing: for each destination, every node's next transmitter on a shortest path to it.
 *
 * Tables are computed lazily, one per destination, by a search that starts at the
 * destination and walks transmitters backwards, so each costs O(nodes + transmitters) (for
 * `hops`, 64 destinations share one search, see hop-tables.ts). They are cached until the
 * set of usable transmitters changes (a fault), then forgotten. A table holds, per node, the
 * position of the chosen edge among the node's outgoing edges, in the narrowest integers
 * that fit (a byte per node for nodes under 255 neighbours), so 10,000 destinations over
 * 10,000 nodes take about 100 MB, and a lookup is one read.
 *
 * Shortest means fewest hops (`hops`) or least total propagation delay (`delay`). Ties are
 * broken the same way every time: by fewer hops (for `delay`; delays within a relative 1e-12
 * count as equal, so that rounding in sums cannot favour a longer path), then by the lower
 * index (in scenario order) of the next node, then by the lower edge index. Routes never
 * loop: by hops, every step is one hop closer; by delay, every step goes to a node the
 * search settled earlier.
 */

import { ItemHeap } from '../engine/heap.js';
import { HOP_BATCH, hopTables, type IncomingEdges, type SlotTable } from './hop-tables.js';

/** What "shortest" means. */
export type RoutingMetric = 'hops' | 'delay';

/** A directed edge as the router sees it. */
export interface RouteEdge {
  readonly from: number;
  readonly to: number;
  readonly delaySeconds: number;
}

/** Relative difference below which two path delays count as equal. */
const COST_TOLERANCE = 1e-12;

/** Next-hop tables over a fixed set of directed edges, some of which may be unusable. */
export class Router implements IncomingEdges {
  readonly nodeCount: number;
  private readonly edgeFrom: Int32Array;
  private readonly edgeTo: Int32Array;
  private readonly edgeDelay: Float64Array;
  /** 1 for usable edges. */
  readonly usable: Uint8Array;
  /** Edges into each node (CSR): incoming[incomingStart[v] .. incomingStart[v+1]). */
  readonly incomingStart: Int32Array;
  readonly incoming: Int32Array;
  /** The source node of each entry of `incoming` (saves an indirection in searches). */
  readonly incomingFrom: Int32Array;
  /** The position of each entry of `incoming` among its source's outgoing edges. */
  readonly incomingSlot: Int32Array;
  /** Edges out of each node (CSR), sorted by target node then edge index. */
  private readonly outgoingStart: Int32Array;
  private readonly outgoing: Int32Array;
  /** Position of each edge among its source's outgoing edges. */
  private readonly edgeSlot: Int32Array;
  /** Table entry meaning "no route". */
  private readonly noRoute: number;
  private readonly makeTable: (length: number) => SlotTable;
  /** The table of each destination, once computed. */
  private tables: (SlotTable | undefined)[];
  /** Set when usability changed since the tables were computed. */
  private stale = false;

  /**
   * @param nodeCount number of nodes (indices 0..nodeCount-1)
   * @param edges the directed edges; their indices are what {@link next} returns
   */
  constructor(
    nodeCount: number,
    edges: readonly RouteEdge[],
    readonly metric: RoutingMetric = 'hops',
  ) {
    this.nodeCount = nodeCount;
    this.edgeFrom = Int32Array.from(edges, (e) => e.from);
    this.edgeTo = Int32Array.from(edges, (e) => e.to);
    this.edgeDelay = Float64Array.from(edges, (e) => e.delaySeconds);
    this.usable = new Uint8Array(edges.length).fill(1);
    [this.incomingStart, this.incoming] = compressed(nodeCount, this.edgeTo, (a, b) => a - b);
    [this.outgoingStart, this.outgoing] = compressed(nodeCount, this.edgeFrom, (a, b) => this.edgeTo[a]! - this.edgeTo[b]! || a - b);
    this.incomingFrom = this.incoming.map((e) => this.edgeFrom[e]!);
    this.edgeSlot = new Int32Array(edges.length);
    let maxDegree = 0;
    for (let u = 0; u < nodeCount; u++) {
      const start = this.outgoingStart[u]!;
      const end = this.outgoingStart[u + 1]!;
      maxDegree = Math.max(maxDegree, end - start);
      for (let i = start; i < end; i++) this.edgeSlot[this.outgoing[i]!] = i - start;
    }
    this.incomingSlot = this.incoming.map((e) => this.edgeSlot[e]!);
    if (maxDegree < 0xff) [this.noRoute, this.makeTable] = [0xff, (n) => new Uint8Array(n).fill(0xff)];
    else if (maxDegree < 0xffff) [this.noRoute, this.makeTable] = [0xffff, (n) => new Uint16Array(n).fill(0xffff)];
    else [this.noRoute, this.makeTable] = [-1, (n) => new Int32Array(n).fill(-1)];
    this.tables = new Array<SlotTable | undefined>(nodeCount);
  }

  /** Marks an edge usable or not; routes are recomputed on next use. */
  setUsable(edge: number, usable: boolean): void {
    const value = usable ? 1 : 0;
    if (this.usable[edge] === value) return;
    this.usable[edge] = value;
    this.stale = true;
  }

  /** Whether an edge may carry traffic now. */
  isUsable(edge: number): boolean {
    return this.usable[edge] === 1;
  }

  /** Forgets every cached table. */
  invalidate(): void {
    this.tables = new Array<SlotTable | undefined>(this.nodeCount);
    this.stale = false;
  }

  /** The edge to take from `node` towards `destination`, or -1 when there is no route. */
  next(node: number, destination: number): number {
    if (this.stale) this.invalidate();
    let table = this.tables[destination];
    if (table === undefined) {
      if (this.metric === 'hops') this.computeHopBatch(destination);
      else this.tables[destination] = this.byDelay(destination);
      table = this.tables[destination]!;
    }
    const slot = table[node]!;
    return slot === this.noRoute ? -1 : this.outgoing[this.outgoingStart[node]! + slot]!;
  }

  /** Computes the tables of the batch of destinations that holds `destination`. */
  private computeHopBatch(destination: number): void {
    const first = destination - (destination % HOP_BATCH);
    const batch: number[] = [];
    for (let d = first; d < Math.min(first + HOP_BATCH, this.nodeCount); d++) if (this.tables[d] === undefined) batch.push(d);
    hopTables(this, batch, this.makeTable).forEach((table, k) => (this.tables[batch[k]!] = table));
  }

  /** Dijkstra backwards from the destination on (delay, hops, next node index). */
  private byDelay(destination: number): SlotTable {
    const n = this.nodeCount;
    const table = this.makeTable(n);
    const cost = new Float64Array(n).fill(Infinity);
    const hops = new Float64Array(n).fill(Infinity);
    const via = new Float64Array(n).fill(Infinity);
    const done = new Uint8Array(n);
    cost[destination] = 0;
    hops[destination] = 0;
    via[destination] = -1;
    // Nodes by (cost, hops, via) as they were when pushed; stale entries are skipped.
    // hops and via fold into one tie, hops·(n+1) + via + 1, ordered as the pair is (and
    // exact: it stays below 2^53 for any n under 2^26).
    const heap = new ItemHeap<number>();
    heap.push(0, destination, 0);
    while (heap.size > 0) {
      const v = heap.pop();
      if (done[v] === 1) continue;
      done[v] = 1;
      for (let i = this.incomingStart[v]!; i < this.incomingStart[v + 1]!; i++) {
        const edge = this.incoming[i]!;
        const u = this.edgeFrom[edge]!;
        if (done[u] === 1 || this.usable[edge] === 0) continue;
        const c = cost[v]! + this.edgeDelay[edge]!;
        const h = hops[v]! + 1;
        const tie = cost[u] !== Infinity && Math.abs(c - cost[u]!) <= COST_TOLERANCE * Math.max(c, cost[u]!);
        if ((!tie && c < cost[u]!) || (tie && (h < hops[u]! || (h === hops[u]! && v < via[u]!)))) {
          cost[u] = c;
          hops[u] = h;
          via[u] = v;
          table[u] = this.edgeSlot[edge]!;
          heap.push(c, u, h * (n + 1) + v + 1);
        }
      }
    }
    return table;
  }
}

/** Edge indices grouped by `key[edge]` (compressed rows), each group sorted by `order`. */
function compressed(nodeCount: number, key: Int32Array, order: (a: number, b: number) => number): [Int32Array, Int32Array] {
  const start = new Int32Array(nodeCount + 1);
  for (const node of key) start[node + 1]!++;
  for (let v = 0; v < nodeCount; v++) start[v + 1]! += start[v]!;
  const fill = start.slice(0, nodeCount);
  const edges = new Int32Array(key.length);
  for (let e = 0; e < key.length; e++) edges[fill[key[e]!]!++] = e;
  for (let v = 0; v < nodeCount; v++) edges.subarray(start[v]!, start[v + 1]!).sort(order);
  return [start, edges];
}
