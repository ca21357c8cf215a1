/**
 * fast-check arbitraries for property-testing protocols: connected topologies (their links
 * come from links.ts), application scripts and fault timelines. Every one is bounded and shrinks
 * toward the simple: fewer nodes and links, fewer messages, fewer faults, smaller numbers (no
 * loss, no jitter, short delays, early times). Durations are whole microseconds, so a case
 * written to a file reads back to exactly the same run.
 *
 * Each is built in two steps: *draws*, plain numbers that do not depend on the network (so
 * that fast-check can shrink the network and what runs on it together, not one after the
 * other as `chain` would), and a pure function that reads the draws against a network (a
 * node index modulo the node count, a link index modulo the link count). Removing a node or
 * a link thus remaps the messages and faults that named it, consistently, and never makes
 * an invalid case. protocol-case.ts puts them together.
 */
import fc from 'fast-check';
import { micros, type FaultData, type LinkData, type SendData } from './case.js';
import { arrayOf, microsBetween, STEP_MICROS } from './draw.js';
import { linkDraws, linkOf, simplestLink, type LinkDraw, type LinkOptions } from './links.js';

/** Bounds of generated topologies. */
export interface TopologyOptions {
  /** @default 2 */
  minNodes?: number;
  /** @default 5 */
  maxNodes?: number;
  /** Links beyond a spanning tree, at most. @default nodes */
  maxExtraLinks?: number;
  link?: LinkOptions;
}

/** A generated network: nodes n0 … and the links of a connected graph over them. */
export interface NetworkData {
  nodes: string[];
  links: LinkData[];
}

/** The draws of a network: one tree entry per node after the first, and extra links. */
export interface TopologyDraws {
  readonly tree: readonly { readonly parent: number; readonly params: LinkDraw }[];
  readonly extra: readonly { readonly a: number; readonly b: number; readonly params: LinkDraw }[];
}

/** Node-count bounds of `options`, as used: at least 2 nodes, max ≥ min. */
export function nodeBounds(options: TopologyOptions = {}): { minNodes: number; maxNodes: number } {
  const minNodes = Math.max(2, options.minNodes ?? 2);
  return { minNodes, maxNodes: Math.max(minNodes, options.maxNodes ?? 5) };
}

/**
 * Draws of a network. The node count is the tree's length + 1, so that removing a tree
 * entry removes a node (and its link); extra links shrink away on their own.
 */
export function topologyDraws(options: TopologyOptions = {}): fc.Arbitrary<TopologyDraws> {
  const { minNodes, maxNodes } = nodeBounds(options);
  const link = linkDraws(options.link ?? {});
  const filler = { parent: 0, params: simplestLink(options.link ?? {}) };
  return fc.record({
    tree: arrayOf(fc.record({ parent: fc.nat(), params: link }), minNodes - 1, maxNodes - 1, filler),
    extra: fc.array(fc.record({ a: fc.nat({ max: maxNodes - 1 }), b: fc.nat({ max: maxNodes - 1 }), params: link }), {
      maxLength: options.maxExtraLinks ?? maxNodes,
    }),
  });
}

/** The network that draws make: a spanning tree plus up to `maxExtraLinks` (default: nodes) extra links. */
export function networkOf(draws: TopologyDraws, options: TopologyOptions = {}): NetworkData {
  const n = draws.tree.length + 1;
  const nodes = Array.from({ length: n }, (_, i) => `n${i}`);
  const links: LinkData[] = [];
  const seen = new Set<number>();
  const add = (a: number, b: number, params: LinkDraw): void => {
    const [lo, hi] = a < b ? [a, b] : [b, a];
    if (lo === hi || seen.has(lo * n + hi)) return;
    seen.add(lo * n + hi);
    links.push({ between: [nodes[lo]!, nodes[hi]!], ...linkOf(params, options.link ?? {}) });
  };
  // Node i + 1 joins a node before it: node i when the draw shrinks to 0, so a path.
  draws.tree.forEach(({ parent, params }, i) => add(i + 1, i - (parent % (i + 1)), params));
  for (const { a, b, params } of draws.extra.slice(0, options.maxExtraLinks ?? n)) add(a % n, b % n, params);
  return { nodes, links };
}

/**
 * Connected networks: a random spanning tree plus a few extra links, each link with its own
 * parameters. Shrinks toward fewer nodes, a path, and simple links.
 */
export function topology(options: TopologyOptions = {}): fc.Arbitrary<NetworkData> {
  return topologyDraws(options).map((draws) => networkOf(draws, options));
}

/** Bounds of generated scripts. */
export interface ScriptOptions {
  /** @default 1 */
  minMessages?: number;
  /** @default 20 */
  maxMessages?: number;
  /** Sends happen in [0, horizon), in microseconds. @default 500000 */
  horizonMicros?: number;
  /** Whether some sends are requests expecting a reply. @default false */
  requests?: boolean;
  /** Send only from these nodes (by index). @default every node */
  senders?: readonly number[];
}

/** The draws of one send: the sender among the senders, and the destination as an offset from it. */
export interface SendDraw {
  readonly at: number;
  readonly from: number;
  readonly offset: number;
  readonly request: boolean;
}

/** Draws of a script over at most `maxNodes` nodes. */
export function scriptDraws(maxNodes: number, options: ScriptOptions = {}): fc.Arbitrary<SendDraw[]> {
  return arrayOf(
    fc.record({
      at: microsBetween(0, (options.horizonMicros ?? 500_000) - 1),
      from: fc.nat({ max: (options.senders?.length ?? maxNodes) - 1 }),
      offset: fc.nat({ max: maxNodes - 2 }),
      request: options.requests === true ? fc.boolean() : fc.constant(false),
    }),
    options.minMessages ?? 1,
    options.maxMessages ?? 20,
    { at: 0, from: 0, offset: 0, request: false },
  );
}

/** The script that draws make over `nodes`: never a send to the sender itself. */
export function scriptOf(draws: readonly SendDraw[], nodes: readonly string[], senders?: readonly number[]): SendData[] {
  const n = nodes.length;
  const from = senders?.filter((i) => i < n) ?? nodes.map((_, i) => i);
  if (from.length === 0) throw new RangeError(`script: no sender among ${n} nodes (senders ${senders?.join(', ')})`);
  return draws.map(({ at, from: pick, offset, request }): SendData => {
    const sender = from[pick % from.length]!;
    return { at: micros(at), from: nodes[sender]!, to: nodes[(sender + 1 + (offset % (n - 1))) % n]!, ...(request ? { request: true } : {}) };
  });
}

/** An application's sends between the given nodes; shrinks toward fewer, earlier sends. */
export function script(nodes: readonly string[], options: ScriptOptions = {}): fc.Arbitrary<SendData[]> {
  return scriptDraws(nodes.length, options).map((draws) => scriptOf(draws, nodes, options.senders));
}

/** Kinds of fault a timeline may hold. */
export type FaultKind = 'partition' | 'crash' | 'link-down' | 'degrade';

/** Bounds of generated fault timelines. */
export interface FaultOptions {
  /** @default 2 */
  maxFaults?: number;
  /** @default all four */
  kinds?: readonly FaultKind[];
  /** Every fault starts in [0, horizon), in microseconds. @default 500000 */
  horizonMicros?: number;
  /** Longest fault, in microseconds. @default 300000 */
  maxLengthMicros?: number;
  /** Nodes that may crash (by index); a network without any has no crashes. @default every node */
  crashable?: readonly number[];
}

/** The draws of one fault: its kind, when and how long, what it hits. */
export interface FaultDraw {
  readonly kind: number;
  readonly start: number;
  readonly length: number;
  /** The node or link it hits (an index, modulo their number). */
  readonly target: number;
  /** For a partition: which side each node is on. */
  readonly sides: readonly boolean[];
}

/** Draws of a fault timeline over at most `maxNodes` nodes. */
export function faultDraws(maxNodes: number, options: FaultOptions = {}): fc.Arbitrary<FaultDraw[]> {
  const kinds = options.kinds ?? ALL_FAULT_KINDS;
  if (kinds.length === 0 || (options.maxFaults ?? 2) === 0) return fc.constant([]);
  return fc.array(
    fc.record({
      kind: fc.nat({ max: kinds.length - 1 }),
      start: microsBetween(0, (options.horizonMicros ?? 500_000) - 1),
      length: microsBetween(STEP_MICROS, options.maxLengthMicros ?? 300_000),
      target: fc.nat(),
      sides: fc.array(fc.boolean(), { minLength: maxNodes, maxLength: maxNodes }),
    }),
    { maxLength: options.maxFaults ?? 2 },
  );
}

const ALL_FAULT_KINDS: readonly FaultKind[] = ['partition', 'crash', 'link-down', 'degrade'];

/**
 * The timeline that draws make on `network`: each fault starts and ends, in time order. A
 * crash when no crashable node is in the network is left out.
 */
export function timelineOf(draws: readonly FaultDraw[], network: NetworkData, options: FaultOptions = {}): FaultData[] {
  const kinds = options.kinds ?? ALL_FAULT_KINDS;
  const n = network.nodes.length;
  const crashable = options.crashable?.filter((i) => i < n) ?? network.nodes.map((_, i) => i);
  const timed: { at: number; order: number; fault: FaultData }[] = [];
  const push = (at: number, fault: FaultData): void => void timed.push({ at, order: timed.length, fault });
  for (const draw of draws) {
    const start = micros(draw.start);
    const endMicros = draw.start + draw.length;
    const end = micros(endMicros);
    const kind = kinds[draw.kind]!;
    if (kind === 'partition') {
      const cut = network.nodes.filter((_, k) => draw.sides[k] !== draw.sides[0]);
      // All on one side: isolate the target node instead, so a partition always cuts.
      const group = cut.length > 0 ? cut : [network.nodes[1 + (draw.target % (n - 1))]!];
      push(draw.start, { at: start, fault: 'partition', groups: [group] });
      push(endMicros, { at: end, fault: 'heal' });
    } else if (kind === 'crash') {
      if (crashable.length === 0) continue;
      const node = network.nodes[crashable[draw.target % crashable.length]!]!;
      push(draw.start, { at: start, fault: 'crash', node });
      push(endMicros, { at: end, fault: 'restart', node });
    } else {
      const link = network.links[draw.target % network.links.length]!;
      const name = `${link.between[0]}-${link.between[1]}`;
      if (kind === 'link-down') {
        push(draw.start, { at: start, fault: 'link-down', link: name });
        push(endMicros, { at: end, fault: 'link-up', link: name });
      } else {
        push(draw.start, { at: start, fault: 'degrade', link: name, loss: 0.5 });
        push(endMicros, { at: end, fault: 'degrade', link: name, loss: link.loss ?? 0 });
      }
    }
  }
  return timed.sort((a, b) => a.at - b.at || a.order - b.order).map((entry) => entry.fault);
}

/**
 * A fault timeline: each fault starts, lasts a while and ends (heal, restart, link-up, the
 * link's parameters restored), so every fault is over by horizon + maxLength. Shrinks toward
 * fewer, shorter, earlier faults.
 */
export function faultTimeline(network: NetworkData, options: FaultOptions = {}): fc.Arbitrary<FaultData[]> {
  return faultDraws(network.nodes.length, options).map((draws) => timelineOf(draws, network, options));
}
