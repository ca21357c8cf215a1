/**
 * fast-check arbitraries for property-testing protocols: link parameters, connected
 * topologies, application scripts, fault timelines, and whole cases. Every one is bounded and
 * shrinks toward the simple: fewer nodes, fewer messages, fewer faults, smaller numbers
 * (no loss, no jitter, short delays, early times). Durations are whole microseconds, so a
 * case written to a file reads back to exactly the same run.
 */
import fc from 'fast-check';
import { micros, type FaultData, type LinkData, type ProtocolCase, type SendData } from './case.js';

/** Bounds of generated link parameters. */
export interface LinkOptions {
  /** Highest loss probability (in steps of 0.01). @default 0.2 */
  maxLoss?: number;
  /** Propagation delay range, in microseconds (in steps of 100 µs). @default [100, 20000] */
  delayMicros?: readonly [number, number];
  /** Bandwidth range, in whole Mbit/s. @default [1, 100] */
  bandwidthMbps?: readonly [number, number];
  /** Largest jitter (uniform, from 0), in microseconds; 0 for none. @default 0 */
  maxJitterMicros?: number;
  /** Whether jitter may reorder messages on a link. @default false */
  reorder?: boolean;
  /** Highest duplication probability. @default 0 */
  maxDuplicate?: number;
}

/** A probability in steps of 1/100 from 0 to `max`, shrinking to 0. */
function probability(max: number): fc.Arbitrary<number> {
  return fc.integer({ min: 0, max: Math.round(max * 100) }).map((percent) => percent / 100);
}

/** Durations step by {@link STEP_MICROS}: coarse enough to shrink in few steps, fine enough to matter. */
const STEP_MICROS = 100;

/** A duration in [min, max] microseconds, in steps of {@link STEP_MICROS}, shrinking to `min`. */
function microsBetween(min: number, max: number): fc.Arbitrary<number> {
  const low = Math.ceil(min / STEP_MICROS);
  return fc.integer({ min: low, max: Math.max(low, Math.floor(max / STEP_MICROS)) }).map((steps) => steps * STEP_MICROS);
}

/** Parameters of one link (everything but `between`). */
export function linkParams(options: LinkOptions = {}): fc.Arbitrary<Omit<LinkData, 'between'>> {
  const [minDelay, maxDelay] = options.delayMicros ?? [100, 20_000];
  const [minRate, maxRate] = options.bandwidthMbps ?? [1, 100];
  const maxJitter = options.maxJitterMicros ?? 0;
  return fc
    .record({
      // Shrinks toward the fastest link: a larger bandwidth is the simpler case.
      slowdown: fc.integer({ min: 0, max: maxRate - minRate }),
      delay: microsBetween(minDelay, maxDelay),
      loss: probability(options.maxLoss ?? 0.2),
      jitter: maxJitter > 0 ? microsBetween(0, maxJitter) : fc.constant(0),
      duplicate: (options.maxDuplicate ?? 0) > 0 ? probability(options.maxDuplicate!) : fc.constant(0),
    })
    .map(({ slowdown, delay, loss, jitter, duplicate }) => ({
      bandwidth: `${maxRate - slowdown}Mbps`,
      delay: micros(delay),
      ...(loss > 0 ? { loss } : {}),
      ...(jitter > 0 ? { jitter: `uniform(0us, ${micros(jitter)})`, ...(options.reorder === true ? { reorder: true } : {}) } : {}),
      ...(duplicate > 0 ? { duplicate } : {}),
    }));
}

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

/**
 * Connected networks: a random spanning tree plus a few extra links, each link with its own
 * parameters. Shrinks toward fewer nodes, a path, and simple links.
 */
export function topology(options: TopologyOptions = {}): fc.Arbitrary<NetworkData> {
  const minNodes = Math.max(2, options.minNodes ?? 2);
  const maxNodes = Math.max(minNodes, options.maxNodes ?? 5);
  const link = linkParams(options.link);
  return fc.integer({ min: minNodes, max: maxNodes }).chain((n) =>
    fc
      .record({
        tree: fc.array(fc.record({ parent: fc.nat(), params: link }), { minLength: n - 1, maxLength: n - 1 }),
        extra: fc.array(fc.record({ a: fc.nat({ max: n - 1 }), b: fc.nat({ max: n - 1 }), params: link }), { maxLength: options.maxExtraLinks ?? n }),
      })
      .map(({ tree, extra }) => {
        const nodes = Array.from({ length: n }, (_, i) => `n${i}`);
        const links: LinkData[] = [];
        const seen = new Set<number>();
        const add = (a: number, b: number, params: Omit<LinkData, 'between'>): void => {
          const [lo, hi] = a < b ? [a, b] : [b, a];
          if (lo === hi || seen.has(lo * n + hi)) return;
          seen.add(lo * n + hi);
          links.push({ between: [nodes[lo]!, nodes[hi]!], ...params });
        };
        // Node i + 1 joins a node before it: node i when the draw shrinks to 0, so a path.
        tree.forEach(({ parent, params }, i) => add(i + 1, i - (parent % (i + 1)), params));
        for (const { a, b, params } of extra) add(a, b, params);
        return { nodes, links };
      }),
  );
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

/** An application's sends between the given nodes; shrinks toward fewer, earlier sends. */
export function script(nodes: readonly string[], options: ScriptOptions = {}): fc.Arbitrary<SendData[]> {
  const n = nodes.length;
  const senders = options.senders ?? nodes.map((_, i) => i);
  return fc
    .array(
      fc.record({
        at: microsBetween(0, (options.horizonMicros ?? 500_000) - 1),
        from: fc.nat({ max: senders.length - 1 }),
        // The destination as an offset from the sender, so it is never the sender itself.
        offset: fc.nat({ max: n - 2 }),
        request: options.requests === true ? fc.boolean() : fc.constant(false),
      }),
      { minLength: options.minMessages ?? 1, maxLength: options.maxMessages ?? 20 },
    )
    .map((sends) =>
      sends.map(({ at, from, offset, request }): SendData => {
        const sender = senders[from]!;
        return { at: micros(at), from: nodes[sender]!, to: nodes[(sender + 1 + offset) % n]!, ...(request ? { request: true } : {}) };
      }),
    );
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
  /** Nodes that may crash (by index). @default every node */
  crashable?: readonly number[];
}

/**
 * A fault timeline: each fault starts, lasts a while and ends (heal, restart, link-up, the
 * link's parameters restored), so every fault is over by horizon + maxLength. Shrinks toward
 * fewer, shorter, earlier faults.
 */
export function faultTimeline(network: NetworkData, options: FaultOptions = {}): fc.Arbitrary<FaultData[]> {
  const kinds = options.kinds ?? ['partition', 'crash', 'link-down', 'degrade'];
  const n = network.nodes.length;
  const crashable = options.crashable ?? network.nodes.map((_, i) => i);
  if (kinds.length === 0 || (options.maxFaults ?? 2) === 0) return fc.constant([]);
  return fc
    .array(
      fc.record({
        kind: fc.nat({ max: kinds.length - 1 }),
        start: microsBetween(0, (options.horizonMicros ?? 500_000) - 1),
        length: microsBetween(STEP_MICROS, options.maxLengthMicros ?? 300_000),
        target: fc.nat(),
        // For a partition: which side each node is on.
        sides: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
      }),
      { maxLength: options.maxFaults ?? 2 },
    )
    .map((episodes) => {
      const timed: { at: number; order: number; fault: FaultData }[] = [];
      episodes.forEach((episode) => {
        const start = micros(episode.start);
        const end = micros(episode.start + episode.length);
        const kind = kinds[episode.kind]!;
        const push = (at: number, fault: FaultData): void => void timed.push({ at, order: timed.length, fault });
        if (kind === 'partition') {
          const cut = network.nodes.filter((_, k) => episode.sides[k] !== episode.sides[0]);
          // All on one side: isolate the target node instead, so a partition always cuts.
          const group = cut.length > 0 ? cut : [network.nodes[1 + (episode.target % (n - 1))]!];
          push(episode.start, { at: start, fault: 'partition', groups: [group] });
          push(episode.start + episode.length, { at: end, fault: 'heal' });
        } else if (kind === 'crash') {
          const node = network.nodes[crashable[episode.target % crashable.length]!]!;
          push(episode.start, { at: start, fault: 'crash', node });
          push(episode.start + episode.length, { at: end, fault: 'restart', node });
        } else {
          const link = network.links[episode.target % network.links.length]!;
          const name = `${link.between[0]}-${link.between[1]}`;
          if (kind === 'link-down') {
            push(episode.start, { at: start, fault: 'link-down', link: name });
            push(episode.start + episode.length, { at: end, fault: 'link-up', link: name });
          } else {
            push(episode.start, { at: start, fault: 'degrade', link: name, loss: 0.5 });
            push(episode.start + episode.length, { at: end, fault: 'degrade', link: name, loss: link.loss ?? 0 });
          }
        }
      });
      return timed.sort((a, b) => a.at - b.at || a.order - b.order).map((entry) => entry.fault);
    });
}

/** Bounds of generated cases. */
export interface CaseOptions {
  topology?: TopologyOptions;
  script?: ScriptOptions;
  faults?: FaultOptions;
  /** Run this long in all, in microseconds (after the last fault ends, to recover). @default 5000000 */
  untilMicros?: number;
  /** Also explore orderings: shuffled equal-time events, timers up to this late (µs). @default off */
  exploreTimerNoiseMicros?: number;
}

/** Whole cases: a network, a script over it, a fault timeline, a seed. */
export function protocolCase(options: CaseOptions = {}): fc.Arbitrary<ProtocolCase> {
  return topology(options.topology).chain((network) =>
    fc
      .record({
        script: script(network.nodes, options.script),
        faults: faultTimeline(network, options.faults),
        // Seeds do not shrink: no seed is simpler than another, and trying others costs runs.
        seed: fc.noShrink(fc.nat({ max: 1_000_000 })),
        explore: options.exploreTimerNoiseMicros === undefined ? fc.constant(undefined) : fc.noShrink(fc.nat({ max: 1_000_000 })),
      })
      .map(({ script: sends, faults, seed, explore }): ProtocolCase => ({
        seed,
        nodes: network.nodes,
        links: network.links,
        faults,
        script: sends,
        until: micros(options.untilMicros ?? 5_000_000),
        ...(explore === undefined ? {} : { explore: { seed: explore, timer_noise: micros(options.exploreTimerNoiseMicros!) } }),
      })),
  );
}
