/**
 * The routing check of a flow: every delivered message took a shortest path, by hop count
 * or by total propagation delay as the scenario routes. Shortest distances come from a
 * search written here (not the network's router) over the links as configured; the check
 * applies when no fault changed the topology during the run. Messages are grouped by source
 * so that each source is searched once, over the run's adjacency (link-columns.ts): the cost
 * is one pass over the hops plus one search per distinct source.
 */
import { ItemHeap } from '../../engine/heap.js';
import { groupByKey } from '../grouped.js';
import { hopsOf } from '../paths.js';
import type { FlowContext, RunContext } from './context.js';
import type { LinkColumns } from '../link-columns.js';
import { countRow, type CheckRow } from './rows.js';

/** path_shortest: delivered messages whose path cost equals the shortest, of all delivered. */
export function routeRows(flow: FlowContext): CheckRow[] {
  const { record, paths, anyFault, links } = flow.run;
  if (anyFault || flow.delivered.length === 0) return [];
  const journal = record.journal;
  const nodes = record.nodeNames.length;
  const byHops = record.routing === 'hops';
  const bySource = groupByKey(nodes, flow.delivered.length, (i) => journal.src[flow.delivered[i]!]!);
  let shortest = 0;
  for (let src = 0; src < nodes; src++) {
    const from = bySource.start[src]!;
    const to = bySource.start[src + 1]!;
    if (from === to) continue;
    const distance = byHops ? hopCounts(flow.run, src) : leastDelays(links, nodes, src);
    for (let i = from; i < to; i++) {
      const id = flow.delivered[bySource.items[i]!]!;
      let cost = paths.start[id + 1]! - paths.start[id]!;
      if (!byHops) {
        cost = 0;
        for (const hop of hopsOf(paths, id)) cost += links.delaySeconds[record.hops.transmitter[hop]!]!;
      }
      // Sums of delays in another order may differ in the last bits.
      if (Math.abs(cost - distance[journal.dst[id]!]!) <= 1e-12 * cost) shortest++;
    }
  }
  const metric = byHops ? 'hop count' : 'propagation delay';
  return [countRow(flow.name, 'path_shortest', shortest, flow.delivered.length, `path ${metric} = shortest ${metric}`)];
}

/** Fewest hops from `source` to every node (Infinity where none leads), breadth-first. */
function hopCounts(run: RunContext, source: number): Float64Array {
  const { outgoing, to } = run.links;
  const nodes = run.record.nodeNames.length;
  const cost = new Float64Array(nodes).fill(Infinity);
  const queue = new Int32Array(nodes);
  let head = 0;
  let tail = 0;
  cost[source] = 0;
  queue[tail++] = source;
  while (head < tail) {
    const node = queue[head++]!;
    for (let e = outgoing.start[node]!; e < outgoing.start[node + 1]!; e++) {
      const next = to[outgoing.items[e]!]!;
      if (cost[next] !== Infinity) continue;
      cost[next] = cost[node]! + 1;
      queue[tail++] = next;
    }
  }
  return cost;
}

/** Least total propagation delay from `source` to every node, by Dijkstra's search. */
function leastDelays(links: LinkColumns, nodes: number, source: number): Float64Array {
  const { outgoing, to, delaySeconds } = links;
  const cost = new Float64Array(nodes).fill(Infinity);
  cost[source] = 0;
  // Nodes by cost when pushed, popped cheapest first; stale entries are skipped.
  const heap = new ItemHeap<number>();
  heap.push(0, source);
  while (heap.size > 0) {
    const c = heap.topKey();
    const node = heap.pop();
    if (c > cost[node]!) continue;
    for (let e = outgoing.start[node]!; e < outgoing.start[node + 1]!; e++) {
      const edge = outgoing.items[e]!;
      const candidate = c + delaySeconds[edge]!;
      if (candidate < cost[to[edge]!]!) {
        cost[to[edge]!] = candidate;
        heap.push(candidate, to[edge]!);
      }
    }
  }
  return cost;
}
