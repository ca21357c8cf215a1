/**
 * The lanes of a sequence diagram, left to right: the nodes in order of first activity, then
 * rearranged so that hops are short (a path reads left to right, a chatty pair sits side by
 * side). Pure functions of the trace and its hops.
 */
import type { TraceEvent } from './events.js';

/** Above this many nodes, lanes are arranged by local swaps instead of trying every order. */
const EXHAUSTIVE_LANES = 8;

/**
 * The nodes in order of first activity: where an event happened (a frame was sent, took a hop,
 * arrived, a timer or fault struck), so a multi-hop path reads left to right; nodes only ever
 * named as a destination or partition member come after, in order of first mention.
 */
export function nodeOrder(events: readonly TraceEvent[]): string[] {
  const active = new Set<string>();
  const mentioned = new Set<string>();
  for (const event of events) {
    switch (event.type) {
      case 'send':
        active.add(event.from);
        mentioned.add(event.to);
        break;
      case 'enqueue':
      case 'transmit':
        active.add(event.from);
        active.add(event.to);
        break;
      case 'deliver':
        active.add(event.node);
        mentioned.add(event.from);
        break;
      case 'arrive':
      case 'drop':
      case 'timer':
        active.add(event.node);
        break;
      case 'fault':
        if (event.node !== undefined) active.add(event.node);
        for (const group of event.groups ?? []) for (const node of group) mentioned.add(node);
        break;
      case 'app_send':
        active.add(event.node);
        mentioned.add(event.to);
        break;
      case 'app_deliver':
      case 'app_reply':
        active.add(event.node);
        mentioned.add(event.from);
        break;
      case 'violation':
        break;
    }
  }
  return [...active, ...[...mentioned].filter((node) => !active.has(node))];
}

/** A pair of lanes (by initial position) that hops join, and how many hops join them. */
type Edge = readonly [a: number, b: number, weight: number];

/**
 * The lanes reordered so that hops are short: the order (of `initial`) with the least total
 * hop length, counting each hop as the number of lanes it spans. Every order is tried for a
 * few nodes, adjacent swaps improve it for more; ties keep the order closest to `initial`
 * (lexicographically by initial position), so a diagram with no hops keeps `initial`.
 */
export function arrangeLanes(initial: readonly string[], hops: readonly { readonly from: string; readonly to: string }[]): string[] {
  const edges = laneEdges(initial, hops);
  if (edges.length === 0) return [...initial];
  const identity = initial.map((_, i) => i);
  const best = initial.length <= EXHAUSTIVE_LANES ? bestPermutation(identity, edges) : improvedBySwaps(identity, edges);
  return best.map((i) => initial[i]!);
}

/** The pairs of distinct lanes that hops join, each once, with how many hops join them. */
function laneEdges(initial: readonly string[], hops: readonly { readonly from: string; readonly to: string }[]): Edge[] {
  const index = new Map(initial.map((node, i) => [node, i]));
  const size = initial.length;
  const weight: number[][] = initial.map(() => new Array<number>(size).fill(0));
  for (const hop of hops) {
    const a = index.get(hop.from);
    const b = index.get(hop.to);
    if (a === undefined || b === undefined || a === b) continue;
    weight[a]![b]!++;
    weight[b]![a]!++;
  }
  const edges: Edge[] = [];
  for (let a = 0; a < size; a++) for (let b = a + 1; b < size; b++) if (weight[a]![b]! > 0) edges.push([a, b, weight[a]![b]!]);
  return edges;
}

/** The total hop length of lanes in `order`: each edge's weight times the lanes it spans. */
function laneCost(order: readonly number[], edges: readonly Edge[]): number {
  const position = new Array<number>(order.length);
  order.forEach((node, i) => (position[node] = i));
  let total = 0;
  for (const [a, b, w] of edges) total += w * Math.abs(position[a]! - position[b]!);
  return total;
}

/** The cheapest order of all, trying them in lexicographic order; only a strictly cheaper one replaces the best. */
function bestPermutation(start: readonly number[], edges: readonly Edge[]): number[] {
  const size = start.length;
  let best = [...start];
  let bestCost = laneCost(best, edges);
  const order = [...start];
  for (;;) {
    let i = size - 2;
    while (i >= 0 && order[i]! >= order[i + 1]!) i--;
    if (i < 0) return best;
    let j = size - 1;
    while (order[j]! <= order[i]!) j--;
    [order[i], order[j]] = [order[j]!, order[i]!];
    order.splice(i + 1, size - i - 1, ...order.slice(i + 1).reverse());
    const cost = laneCost(order, edges);
    if (cost < bestCost) {
      best = [...order];
      bestCost = cost;
    }
  }
}

/** `start` improved by swapping neighbours while that makes it cheaper (a bounded number of passes). */
function improvedBySwaps(start: readonly number[], edges: readonly Edge[]): number[] {
  const size = start.length;
  let best = [...start];
  let bestCost = laneCost(best, edges);
  for (let improved = true, passes = 0; improved && passes < size * 4; passes++) {
    improved = false;
    for (let i = 0; i + 1 < size; i++) {
      const swapped = [...best];
      [swapped[i], swapped[i + 1]] = [swapped[i + 1]!, swapped[i]!];
      const cost = laneCost(swapped, edges);
      if (cost < bestCost) {
        best = swapped;
        bestCost = cost;
        improved = true;
      }
    }
  }
  return best;
}
