/**
 * The benchmark cases, each a function that runs one measurement in this process and
 * returns its figures. bench/main.ts runs every case in a fresh child process, so that peak
 * memory belongs to one case alone.
 */
import { performance } from 'node:perf_hooks';
import { Simulator } from '../engine/simulator.js';
import type { Scenario } from '../scenario/scenario.js';
import { runScenario } from '../scenario/simulation.js';
import { Outcome } from '../net/outcome.js';

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

/**
 * One million 1000-byte messages over one 10 Mbps / 10 ms link, one every 0.8 ms (line
 * rate), through the whole scenario path (workload, JSON codec, runtime, network, journal),
 * with no CSV written.
 */
async function p2pSaturated(): Promise<Figures> {
  const count = 1_000_000;
  const scenario: Scenario = {
    name: 'bench-p2p',
    seed: 1,
    maxEvents: 1e9,
    headerBytes: 0,
    codec: 'json',
    routing: 'hops',
    faults: [],
    nodes: ['client', 'server'],
    links: [{ name: 'client-server', between: ['client', 'server'], bandwidthBitsPerSecond: 10e6, delaySeconds: 0.01, loss: 0 }],
    flows: [
      { name: 'bulk', pattern: 'p2p', from: 'client', to: 'server', count, size: { kind: 'constant', value: 1000 }, interval: { kind: 'constant', value: (1000 * 8) / 10e6 }, startSeconds: 0 },
    ],
  };
  const start = performance.now();
  const record = await runScenario(scenario);
  const seconds = (performance.now() - start) / 1000;
  const delivered = record.journal.outcomeCounts()[Outcome.Delivered]!;
  if (delivered !== count) throw new Error(`p2p-saturated delivered ${delivered} of ${count} messages`);
  return { messages_per_s: delivered / seconds, peak_rss_bytes: process.resourceUsage().maxRSS * 1024 };
}

/** A benchmark: what it measures and the targets it is held to. */
export interface BenchmarkCase {
  readonly name: string;
  readonly run: () => Figures | Promise<Figures>;
  /** Per metric: unit, target, and whether more is better. */
  readonly metrics: Readonly<Record<string, { unit: string; target: number; higherIsBetter: boolean; reference: string }>>;
}

/** Every benchmark, in the order they run. */
export const CASES: readonly BenchmarkCase[] = [
  {
    name: 'hold',
    run: hold,
    metrics: {
      events_per_s: { unit: 'events/s', target: 5e6, higherIsBetter: true, reference: 'ns-3 3.37: 1.7-2.6 M; SimPy 3: 0.6-0.8 M' },
    },
  },
  {
    name: 'p2p-saturated',
    run: p2pSaturated,
    metrics: {
      messages_per_s: { unit: 'messages/s', target: 1e6, higherIsBetter: true, reference: 'ns-3 3.37: 160 k; SimPy 3: 170 k' },
      peak_rss_bytes: { unit: 'bytes', target: 150e6, higherIsBetter: false, reference: 'ns-3 3.37: 19 MB' },
    },
  },
];
