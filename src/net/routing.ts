/**
 * Routing: for each destination, every node's next transmitter on a shortest path to it.
 *
 * Tables are computed lazily, one per destination, by a search that starts at the
 * destination and walks transmitters backwards, so each costs O(nodes + transmitters). They
 * are cached until the set of usable transmitters changes (a fault), then forgotten.
 *
 * Shortest means fewest hops (`hops`) or least total propagation delay (`delay`). Ties are
 * broken the same way every time: by fewer hops (for `delay`; delays within a relative 1e-12
 * count as equal, so that rounding in sums cannot favour a longer path), then by the lower
 * index (in scenario order) of the next node. Each step of a route then strictly decreases
 * (cost, hops), so routes never loop, whatever the delays.
 */

/** What "shortest" means. */
export type RoutingMetric = 'hops' | 'delay';

/** A directed edge as the router sees it. */
export interface RouteEdge {
  readonly from: number;
  readonly to: number;
  readonly delaySeconds: number;
}

const UNREACHABLE = -1;
/** Relative difference below which two path delays count as equal. */
const COST_TOLERANCE = 1e-12;

/** Next-hop tables over a fixed set of directed edges, some of which may be unusable. */
export class Router {
  private readonly nodeCount: number;
  /** Edges into each node (CSR): incoming[incomingStart[v] .. incomingStart[v+1]) are edge indices. */
  private readonly incomingStart: Int32Array;
  private readonly incoming: Int32Array;
  private readonly edgeFrom: Int32Array;
  private readonly edgeTo: Int32Array;
  private readonly edgeDelay: Float64Array;
  private readonly usable: Uint8Array;
  private tables: (Int32Array | undefined)[];
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
    const count = edges.length;
    this.edgeFrom = Int32Array.from(edges, (e) => e.from);
    this.edgeTo = Int32Array.from(edges, (e) => e.to);
    this.edgeDelay = Float64Array.from(edges, (e) => e.delaySeconds);
    this.usable = new Uint8Array(count).fill(1);
    this.incomingStart = new Int32Array(nodeCount + 1);
    for (const edge of edges) this.incomingStart[edge.to + 1]!++;
    for (let v = 0; v < nodeCount; v++) this.incomingStart[v + 1]! += this.incomingStart[v]!;
    this.incoming = new Int32Array(count);
    const fill = this.incomingStart.slice(0, nodeCount);
    // Edges into a node are kept in order of their source node, so searches meet them sorted.
    const order = [...edges.keys()].sort((a, b) => this.edgeFrom[a]! - this.edgeFrom[b]! || a - b);
    for (const e of order) this.incoming[fill[this.edgeTo[e]!]!++] = e;
    this.tables = new Array<Int32Array | undefined>(nodeCount);
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
    this.tables = new Array<Int32Array | undefined>(this.nodeCount);
    this.stale = false;
  }

  /** The edge to take from `node` towards `destination`, or -1 when there is no route. */
  next(node: number, destination: number): number {
    if (this.stale) this.invalidate();
    let table = this.tables[destination];
    if (table === undefined) {
      table = this.metric === 'hops' ? this.byHops(destination) : this.byDelay(destination);
      this.tables[destination] = table;
    }
    return table[node]!;
  }

  /** Breadth-first search from the destination, one level at a time in node order. */
  private byHops(destination: number): Int32Array {
    const next = new Int32Array(this.nodeCount).fill(UNREACHABLE);
    const seen = new Uint8Array(this.nodeCount);
    seen[destination] = 1;
    let level = [destination];
    while (level.length > 0) {
      level.sort((a, b) => a - b);
      const following: number[] = [];
      for (const v of level) {
        for (let i = this.incomingStart[v]!; i < this.incomingStart[v + 1]!; i++) {
          const edge = this.incoming[i]!;
          const u = this.edgeFrom[edge]!;
          if (seen[u] === 1 || this.usable[edge] === 0) continue;
          seen[u] = 1;
          next[u] = edge;
          following.push(u);
        }
      }
      level = following;
    }
    return next;
  }

  /** Dijkstra from the destination on (delay, hops, next node index). */
  private byDelay(destination: number): Int32Array {
    const n = this.nodeCount;
    const next = new Int32Array(n).fill(UNREACHABLE);
    const cost = new Float64Array(n).fill(Infinity);
    const hops = new Float64Array(n).fill(Infinity);
    const via = new Float64Array(n).fill(Infinity);
    const done = new Uint8Array(n);
    cost[destination] = 0;
    hops[destination] = 0;
    via[destination] = -1;
    const heap = new LabelHeap(cost, hops, via);
    heap.push(destination);
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
          next[u] = edge;
          heap.push(u);
        }
      }
    }
    return next;
  }
}

/** A binary min-heap of nodes keyed by (cost, hops, via) read from shared arrays; stale entries allowed. */
class LabelHeap {
  private readonly items: number[] = [];
  private readonly keys: [number, number, number][] = [];

  constructor(
    private readonly cost: Float64Array,
    private readonly hops: Float64Array,
    private readonly via: Float64Array,
  ) {}

  get size(): number {
    return this.items.length;
  }

  push(node: number): void {
    this.items.push(node);
    this.keys.push([this.cost[node]!, this.hops[node]!, this.via[node]!]);
    let i = this.items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  pop(): number {
    const top = this.items[0]!;
    const last = this.items.length - 1;
    this.swap(0, last);
    this.items.pop();
    this.keys.pop();
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let best = i;
      if (left < this.items.length && this.less(left, best)) best = left;
      if (right < this.items.length && this.less(right, best)) best = right;
      if (best === i) return top;
      this.swap(i, best);
      i = best;
    }
  }

  private less(a: number, b: number): boolean {
    const x = this.keys[a]!;
    const y = this.keys[b]!;
    return x[0] < y[0] || (x[0] === y[0] && (x[1] < y[1] || (x[1] === y[1] && x[2] < y[2])));
  }

  private swap(a: number, b: number): void {
    [this.items[a], this.items[b]] = [this.items[b]!, this.items[a]!];
    [this.keys[a], this.keys[b]] = [this.keys[b]!, this.keys[a]!];
  }
}
