/**
 * The routing check of a flow: every delivered message took a shortest path, by hop count
 * or by total propagation delay as the scenario routes. Shortest distances come from a
 * search written here (not the network's router) over the links as configured; the check
 * applies when no fault changed the topology during the run.
 */
import { heapPop, heapPush } from '../../engine/binary-heap.js';
import type { RunRecord } from '../record.js';
import { hopsOf } from '../paths.js';
import type { FlowContext } from './context.js';
import { countRow, type CheckRow } from './rows.js';

/** path_shortest: delivered messages whose path cost equals the shortest, of all delivered. */
export function routeRows(flow: FlowContext): CheckRow[] {
  const { record, paths, anyFault } = flow.run;
  if (anyFault || flow.delivered.length === 0) return [];
  const journal = record.journal;
  const distances = new Map<number, Float64Array>();
  let shortest = 0;
  for (const id of flow.delivered) {
    const src = journal.src[id]!;
    let distance = distances.get(src);
    if (distance === undefined) {
      distance = shortestCosts(record, src);
      distances.set(src, distance);
    }
    let cost = 0;
    for (const hop of hopsOf(paths, id)) cost += edgeCost(record, record.hops.transmitter[hop]!);
    // Sums of delays in another order may differ in the last bits.
    if (Math.abs(cost - distance[journal.dst[id]!]!) <= 1e-12 * cost) shortest++;
  }
  const metric = record.routing === 'hops' ? 'hop count' : 'propagation delay';
  return [countRow(flow.name, 'path_shortest', shortest, flow.delivered.length, `path ${metric} = shortest ${metric}`)];
}

function edgeCost(record: RunRecord, transmitter: number): number {
  return record.routing === 'hops' ? 1 : record.transmitters[transmitter]!.link.delaySeconds;
}

/** Least cost from `source` to every node: breadth-first for hops, Dijkstra for delay. */
function shortestCosts(record: RunRecord, source: number): Float64Array {
  const n = record.nodeNames.length;
  const out: number[][] = Array.from({ length: n }, () => []);
  for (const t of record.transmitters) out[t.from]!.push(t.index);
  const cost = new Float64Array(n).fill(Infinity);
  cost[source] = 0;
  // Entries [cost, node], popped cheapest first; stale entries are skipped.
  const heap: [number, number][] = [[0, source]];
  while (heap.length > 0) {
    const [c, node] = popMin(heap);
    if (c > cost[node]!) continue;
    for (const edge of out[node]!) {
      const to = record.transmitters[edge]!.to;
      const candidate = c + edgeCost(record, edge);
      if (candidate < cost[to]!) {
        cost[to] = candidate;
        pushEntry(heap, [candidate, to]);
      }
    }
  }
  return cost;
}

const byCost = (entry: [number, number]): number => entry[0];

function pushEntry(heap: [number, number][], entry: [number, number]): void {
  heapPush(heap, entry, byCost);
}

function popMin(heap: [number, number][]): [number, number] {
  return heapPop(heap, byCost);
}
