/**
 * The benchmark cases, each a function that runs one measurement in this process and
 * returns its figures. bench/main.ts runs every case in a fresh child process, so that peak
 * memory belongs to one case alone.
 */
import { performance } from 'node:perf_hooks';
import { Simulator } from '../engine/simulator.js';
import { DEFAULT_RETRY } from '../messaging/delivery.js';
import { Outcome } from '../net/outcome.js';
import type { LinkConfig } from '../net/link.js';
import type { Scenario } from '../scenario/scenario.js';
import { buildSimulation, runScenario } from '../scenario/simulation.js';
import type { RunRecord } from '../stats/record.js';
import type { P2pFlowSpec } from '../workload/p2p.js';
import type { PubSubFlowSpec } from '../workload/pubsub.js';
import { KV_FILES, lincheck } from './lincheck-cases.js';
import { EVENT_QUEUE_METRICS, eventQueue } from './queue-cases.js';
import { routing10k, routing10kChecked } from './routing-cases.js';

/** Figures of one run of a case, by metric name. */
export type Figures = Record<string, number>;

/**
 * The classic hold model on the bare event queue: 10,000 events pending; each event, when it
 * runs, schedules one successor at now + Exp(1 s) from a seeded stream.
 */
function hold(): Figures {
  const pending = 10_000;
  const events = 5_000_000;
  const sim = new Simulator(1);
  const stream = sim.random.stream('hold');
  const next = (): void => {
    sim.schedule(stream.exponential(1), next);
  };
  for (let i = 0; i < pending; i++) sim.schedule(stream.exponential(1), next);
  const start = performance.now();
  const result = sim.runSync({ maxEvents: events });
  const seconds = (performance.now() - start) / 1000;
  if (result.events !== events) throw new Error(`hold ran ${result.events} events, not ${events}`);
  return { events_per_s: events / seconds };
}

/** A scenario of one flow, with the settings every scenario benchmark shares. */
function benchScenario(name: string, nodes: string[], links: LinkConfig[], flow: DistributiveOmit<P2pFlowSpec | PubSubFlowSpec, 'startSeconds' | 'ordered'> & { startSeconds?: number }): Scenario {
  return {
    name,
    seed: 1,
    maxEvents: 1e9,
    headerBytes: 0,
    codec: 'msgpack',
    routing: 'hops',
    faults: [],
    script: [],
    invariants: [],
    nodes,
    links,
    flows: [{ startSeconds: 0, ordered: false, ...flow }],
  };
}

/** Omit over each member of a union. */
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** Runs a scenario and times it. */
async function timedRun(scenario: Scenario): Promise<{ record: RunRecord; seconds: number }> {
  const start = performance.now();
  const record = await runScenario(scenario);
  return { record, seconds: (performance.now() - start) / 1000 };
}

/** A client-to-server flow of `count` messages of `bytes`, one every `interval` seconds, over `link`. */
function clientServerRun(
  name: string,
  link: LinkConfig,
  flow: { flow: string; count: number; bytes: number; interval: number; delivery: P2pFlowSpec['delivery']; retry: P2pFlowSpec['retry'] },
): Promise<{ record: RunRecord; seconds: number }> {
  return timedRun(
    benchScenario(name, ['client', 'server'], [link], {
      name: flow.flow,
      pattern: 'p2p',
      from: 'client',
      to: 'server',
      count: flow.count,
      size: { kind: 'constant', value: flow.bytes },
      interval: { kind: 'constant', value: flow.interval },
      delivery: flow.delivery,
      retry: flow.retry,
    }),
  );
}

/**
 * One million 1000-byte messages over one 10 Mbps / 10 ms link, one every 0.8 ms (line
 * rate), through the whole scenario path (workload, MessagePack codec, runtime, network,
 * journal), with no CSV written.
 */
async function p2pSaturated(): Promise<Figures> {
  const count = 1_000_000;
  const link: LinkConfig = { name: 'client-server', between: ['client', 'server'], bandwidthBitsPerSecond: 10e6, delaySeconds: 0.01, loss: 0 };
  const { record, seconds } = await clientServerRun('bench-p2p', link, { flow: 'bulk', count, bytes: 1000, interval: (1000 * 8) / 10e6, delivery: 'at-most-once', retry: DEFAULT_RETRY });
  const delivered = record.journal.outcomeCounts()[Outcome.Delivered]!;
  if (delivered !== count) throw new Error(`p2p-saturated delivered ${delivered} of ${count} messages`);
  return { messages_per_s: delivered / seconds, peak_rss_bytes: process.resourceUsage().maxRSS * 1024 };
}

/**
 * One million messages on the wire at once: 1,000,000 messages of 100 B over one 10 Gbps /
 * 10 s link, one every 1 µs, so the last is sent (at 1 s) long before the first arrives (at
 * 10 s), through the whole scenario path. The figure is the peak memory of holding them all.
 */
async function inFlightMillion(): Promise<Figures> {
  const count = 1_000_000;
  const link: LinkConfig = { name: 'long', between: ['client', 'server'], bandwidthBitsPerSecond: 10e9, delaySeconds: 10, loss: 0 };
  const { record, seconds } = await clientServerRun('bench-in-flight', link, { flow: 'bulk', count, bytes: 100, interval: 1e-6, delivery: 'at-most-once', retry: DEFAULT_RETRY });
  const journal = record.journal;
  const delivered = journal.outcomeCounts()[Outcome.Delivered]!;
  if (delivered !== count) throw new Error(`in-flight-1m delivered ${delivered} of ${count} messages`);
  // Every message was on the wire at once: the first arrived after the last was sent.
  let lastSent = 0;
  let firstArrival = Infinity;
  for (let id = 0; id < journal.length; id++) {
    lastSent = Math.max(lastSent, journal.sentAt[id]!);
    firstArrival = Math.min(firstArrival, journal.receivedAt[id]!);
  }
  if (!(firstArrival > lastSent)) throw new Error(`in-flight-1m: the first message arrived at ${firstArrival} s, before the last was sent at ${lastSent} s`);
  return { peak_rss_bytes: process.resourceUsage().maxRSS * 1024, messages_per_s: delivered / seconds };
}

/**
 * Publish/subscribe through one broker: 100,000 publications of 200 B from one publisher, one
 * every 10 µs, over 100 topics in turn, to 1,000 subscribers each subscribed to one topic (10
 * per topic), so each publication is fanned out to 10 subscribers: 1,000,000 deliveries,
 * through the whole scenario path (workload, broker, MessagePack, runtime, network, journals,
 * delivery ledger).
 */
async function pubsubFanout(): Promise<Figures> {
  const subscribers = 1000;
  const topics = Array.from({ length: 100 }, (_, i) => `prices.t${i}`);
  const count = 100_000;
  const names = Array.from({ length: subscribers }, (_, i) => `s${i}`);
  const links = ['publisher', ...names].map((node): LinkConfig => ({ name: `${node}-broker`, between: [node, 'broker'], bandwidthBitsPerSecond: 1e9, delaySeconds: 0.001 }));
  const { record, seconds } = await timedRun(
    benchScenario('bench-pubsub', ['publisher', 'broker', ...names], links, {
      name: 'prices',
      pattern: 'pubsub',
      from: 'publisher',
      broker: 'broker',
      topics,
      fields: {},
      subscribers: names.map((node, i) => ({ node, topic: topics[i % topics.length]! })),
      count,
      size: { kind: 'constant', value: 200 },
      interval: { kind: 'constant', value: 1e-5 },
      // After the subscriptions have reached the broker.
      startSeconds: 0.01,
      delivery: 'at-most-once',
      retry: DEFAULT_RETRY,
    }),
  );
  const ledger = record.ledger;
  let deliveries = 0;
  for (let row = 0; row < ledger.length; row++) if (ledger.group[row]! >= 0 && ledger.copies[row]! > 0) deliveries++;
  if (deliveries !== count * subscribers / topics.length) throw new Error(`pubsub-fanout made ${deliveries} deliveries`);
  return { deliveries_per_s: deliveries / seconds, peak_rss_bytes: process.resourceUsage().maxRSS * 1024 };
}

/**
 * At-least-once over a lossy link: 1,000,000 messages of 200 B over one 100 Mbps / 1 ms link
 * losing 5% of transmissions (either way), one every 0.1 ms, retransmitted after 10 ms,
 * doubling, through the whole scenario path (acknowledgements, retransmission timers,
 * ledger); every message must arrive.
 */
async function atLeastOnceLossy(): Promise<Figures> {
  const count = 1_000_000;
  const link: LinkConfig = { name: 'client-server', between: ['client', 'server'], bandwidthBitsPerSecond: 100e6, delaySeconds: 0.001, loss: 0.05 };
  const { record, seconds } = await clientServerRun('bench-at-least-once', link, {
    flow: 'reliable',
    count,
    bytes: 200,
    interval: 1e-4,
    delivery: 'at-least-once',
    retry: { ...DEFAULT_RETRY, timeoutSeconds: 0.01 },
  });
  const ledger = record.ledger;
  let delivered = 0;
  for (let row = 0; row < ledger.length; row++) if (ledger.copies[row]! > 0) delivered++;
  if (delivered !== count) throw new Error(`at-least-once delivered ${delivered} of ${count} messages`);
  return { delivered_per_s: delivered / seconds, peak_rss_bytes: process.resourceUsage().maxRSS * 1024 };
}

/** Reading, validating and building 10,000-node scenarios with a random topology (ER, BA). */
async function topologyLoad(): Promise<Figures> {
  // Loaded here only: the parser's libraries would add to the other cases' memory.
  const { parseScenario } = await import('../scenario/load.js');
  const figures: Figures = {};
  for (const [kind, parameter] of [
    ['erdos-renyi', 'p: 0.0008'],
    ['barabasi-albert', 'm: 4'],
  ] as const) {
    const text = `name: load\nnodes: 10000\ntopology:\n  kind: ${kind}\n  ${parameter}\n  link: { bandwidth: 1Gbps, delay: 1ms }\n`;
    const start = performance.now();
    buildSimulation(parseScenario(text, 'load.yaml'));
    figures[`${kind}_load_s`] = (performance.now() - start) / 1000;
  }
  return figures;
}

/** A benchmark: what it measures and the targets it is held to. */
export interface BenchmarkCase {
  readonly name: string;
  readonly run: () => Figures | Promise<Figures>;
  /** Per metric: unit, target, and whether more is better. */
  readonly metrics: Readonly<Record<string, { unit: string; target: number; higherIsBetter: boolean }>>;
}

/** The real-loopback metrics of one transport: frames per second (to reach `target`), frames lost, one-way latency; lost and latency are reported only. */
function realLoopbackMetrics(transport: string, target: number): BenchmarkCase['metrics'] {
  const reported = { target: Infinity, higherIsBetter: false };
  return {
    [`${transport}_messages_per_s`]: { unit: 'messages/s', target, higherIsBetter: true },
    [`${transport}_lost`]: { unit: 'frames', ...reported },
    [`${transport}_latency_p50_s`]: { unit: 's', ...reported },
    [`${transport}_latency_p99_s`]: { unit: 's', ...reported },
  };
}

/** Every benchmark, in the order they run. */
export const CASES: readonly BenchmarkCase[] = [
  {
    name: 'hold',
    run: hold,
    metrics: {
      events_per_s: { unit: 'events/s', target: 5e6, higherIsBetter: true },
    },
  },
  {
    name: 'event-queue',
    run: eventQueue,
    metrics: EVENT_QUEUE_METRICS,
  },
  {
    name: 'p2p-saturated',
    run: p2pSaturated,
    metrics: {
      messages_per_s: { unit: 'messages/s', target: 1e6, higherIsBetter: true },
      peak_rss_bytes: { unit: 'bytes', target: 150e6, higherIsBetter: false },
    },
  },
  {
    name: 'in-flight-1m',
    run: inFlightMillion,
    metrics: {
      peak_rss_bytes: { unit: 'bytes', target: 300e6, higherIsBetter: false },
      messages_per_s: { unit: 'messages/s', target: 0, higherIsBetter: true },
    },
  },
  {
    name: 'pubsub-fanout',
    run: pubsubFanout,
    metrics: {
      deliveries_per_s: { unit: 'deliveries/s', target: 500e3, higherIsBetter: true },
      peak_rss_bytes: { unit: 'bytes', target: Infinity, higherIsBetter: false },
    },
  },
  {
    name: 'at-least-once',
    run: atLeastOnceLossy,
    metrics: {
      delivered_per_s: { unit: 'messages/s', target: 500e3, higherIsBetter: true },
      peak_rss_bytes: { unit: 'bytes', target: Infinity, higherIsBetter: false },
    },
  },
  {
    name: 'routing-10k',
    run: routing10k,
    metrics: {
      hop_deliveries_per_s: { unit: 'hops/s', target: 500e3, higherIsBetter: true },
      messages_per_s: { unit: 'messages/s', target: 0, higherIsBetter: true },
      peak_heap_bytes: { unit: 'bytes', target: 1e9, higherIsBetter: false },
      peak_rss_bytes: { unit: 'bytes', target: Infinity, higherIsBetter: false },
    },
  },
  {
    name: 'routing-10k-checked',
    run: () => routing10kChecked(),
    metrics: {
      run_s: { unit: 's', target: Infinity, higherIsBetter: false },
      check_s: { unit: 's', target: Infinity, higherIsBetter: false },
      total_s: { unit: 's', target: Infinity, higherIsBetter: false },
      // The checks' share of run + checks.
      check_share: { unit: 'share', target: 0.2, higherIsBetter: false },
    },
  },
  {
    name: 'topology-10k',
    run: topologyLoad,
    metrics: {
      'erdos-renyi_load_s': { unit: 's', target: 0.5, higherIsBetter: false },
      'barabasi-albert_load_s': { unit: 's', target: 0.5, higherIsBetter: false },
    },
  },
  {
    name: 'property-cases',
    // Loaded here only: fast-check and the kit would add to the other cases' memory.
    run: async () => (await import('./protocol-cases.js')).propertyCases(),
    metrics: {
      // "A few seconds" for 1,000 cases.
      seconds: { unit: 's', target: 5, higherIsBetter: false },
      cases_per_s: { unit: 'cases/s', target: 200, higherIsBetter: true },
      events_per_s: { unit: 'events/s', target: 0, higherIsBetter: true },
    },
  },
  {
    name: 'automerge-convergence',
    // Loaded here only: Automerge, fast-check and the kit would add to the other cases' memory.
    run: async () => (await import('./automerge-cases.js')).automergeConvergence(),
    metrics: {
      cases_per_s: { unit: 'cases/s', target: 20, higherIsBetter: true },
      ms_per_case: { unit: 'ms', target: Infinity, higherIsBetter: false },
      events_per_s: { unit: 'events/s', target: 0, higherIsBetter: true },
      adds_per_case: { unit: 'adds', target: 0, higherIsBetter: true },
      // Every case must converge with nothing acknowledged lost.
      failed_cases: { unit: 'cases', target: 0, higherIsBetter: false },
    },
  },
  {
    name: 'virtual-globals-overhead',
    run: async () => (await import('./virtual-globals-cases.js')).virtualGlobalsOverhead(),
    metrics: {
      // Run time under virtual globals over run time on the seam.
      ratio: { unit: 'x', target: 1.5, higherIsBetter: false },
      seam_events_per_s: { unit: 'events/s', target: 0, higherIsBetter: true },
      globals_events_per_s: { unit: 'events/s', target: 0, higherIsBetter: true },
    },
  },
  {
    name: 'lincheck',
    run: lincheck,
    metrics: {
      etcd_total_s: { unit: 's', target: 2, higherIsBetter: false },
      etcd_max_s: { unit: 's', target: Infinity, higherIsBetter: false },
      ...Object.fromEntries(KV_FILES.map((file) => [`${file.replace(/\.txt$/, '')}_s`, { unit: 's', target: 2, higherIsBetter: false }])),
    },
  },
  {
    name: 'glomers-broadcast',
    run: async () => (await import('./glomers-cases.js')).glomersBroadcast(),
    metrics: {
      // Virtual seconds per wall second: the 20 s challenge in at most 1 s.
      virtual_per_wall: { unit: 'x', target: 20, higherIsBetter: true },
      events_per_s: { unit: 'events/s', target: 0, higherIsBetter: true },
      run_s: { unit: 's', target: Infinity, higherIsBetter: false },
      check_s: { unit: 's', target: Infinity, higherIsBetter: false },
    },
  },
  {
    name: 'real-loopback',
    run: async () => (await import('./real-cases.js')).realLoopback(),
    metrics: { ...realLoopbackMetrics('tcp', 200e3), ...realLoopbackMetrics('udp', 0) },
  },
  {
    name: 'sweep-workers',
    run: async () => (await import('./sweep-cases.js')).sweepWorkers(),
    metrics: {
      one_worker_s: { unit: 's', target: Infinity, higherIsBetter: false },
      two_workers_s: { unit: 's', target: Infinity, higherIsBetter: false },
      speedup: { unit: 'x', target: 0, higherIsBetter: true },
      // Two shard processes side by side over the same two one after the other.
      two_process_ceiling: { unit: 'x', target: 0, higherIsBetter: true },
      // The threads' speed-up as a share of that ceiling.
      share_of_ceiling: { unit: 'share', target: 0.95, higherIsBetter: true },
    },
  },
];

/** A figure of one case over a figure of another, from the medians of the same `npm run bench`. */
export interface CaseRatio {
  readonly name: string;
  readonly numerator: readonly [benchmark: string, metric: string];
  readonly denominator: readonly [benchmark: string, metric: string];
  /** At least this. */
  readonly target: number;
}

/**
 * How the heavier paths keep up with the plainest one: messages a second of the guarantees
 * and of fan-out, and hops a second through a large network, over a saturated link's
 * messages a second (one hop each).
 */
export const RATIOS: readonly CaseRatio[] = [
  { name: 'at-least-once / p2p-saturated', numerator: ['at-least-once', 'delivered_per_s'], denominator: ['p2p-saturated', 'messages_per_s'], target: 0.45 },
  { name: 'pubsub-fanout / p2p-saturated', numerator: ['pubsub-fanout', 'deliveries_per_s'], denominator: ['p2p-saturated', 'messages_per_s'], target: 0.6 },
  { name: 'routing-10k hops / p2p-saturated', numerator: ['routing-10k', 'hop_deliveries_per_s'], denominator: ['p2p-saturated', 'messages_per_s'], target: 1 },
];
