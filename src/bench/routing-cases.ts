/**
 * The routing benchmarks: a 10,000-node Erdős–Rényi graph carrying messages between random
 * pairs straight through the network model — `routing-10k` times the run, and
 * `routing-10k-checked` the run and then, apart, every formula check of it.
 */
import { performance } from 'node:perf_hooks';
import { Simulator } from '../engine/simulator.js';
import { DeliveryLedger } from '../stats/ledger.js';
import { Fate } from '../net/fates.js';
import type { LinkConfig } from '../net/link.js';
import { Network } from '../net/network.js';
import { Outcome } from '../net/outcome.js';
import { generateTopology } from '../net/topology.js';
import type { Scenario } from '../scenario/scenario.js';
import { recordRun } from '../scenario/simulation.js';
import { allRows, checkRun } from '../stats/checks/index.js';
import type { Figures } from './cases.js';

/** Samples the heap every few milliseconds the host gets control; returns a reader of the peak. */
function heapPeak(): () => number {
  let peak = process.memoryUsage().heapUsed;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 10);
  return () => {
    clearInterval(timer);
    return Math.max(peak, process.memoryUsage().heapUsed);
  };
}

/** The routing benchmarks' network: a 10,000-node Erdős–Rényi graph, mean degree 8, 1 Gbps / 1 ms links. */
const ROUTING_NODES = 10_000;

/**
 * Builds the routing benchmarks' network and schedules their traffic: `count` messages of
 * 1000 B between uniformly random pairs (Poisson, 100,000 a second), sent straight into the
 * network model.
 */
function routingRun(count: number): { sim: Simulator; network: Network; links: LinkConfig[] } {
  const nodes = ROUTING_NODES;
  const sim = new Simulator(1);
  const network = new Network(sim);
  for (let i = 0; i < nodes; i++) network.addNode(`n${i}`);
  const links: LinkConfig[] = [];
  for (const [a, b] of generateTopology(nodes, { kind: 'erdos-renyi', p: 8 / nodes }, sim.random.stream('topology'))) {
    const link: LinkConfig = { name: `n${a}-n${b}`, between: [`n${a}`, `n${b}`], bandwidthBitsPerSecond: 1e9, delaySeconds: 0.001 };
    network.addLink(link);
    links.push(link);
  }
  network.journal.reserve(count);
  network.hops.reserve(5 * count);
  const pairs = sim.random.stream('pairs');
  // A label of its own in the journal, of no scenario flow: the traffic has no pattern a flow describes.
  const label = network.journal.flowIndex('traffic');
  let sent = 0;
  const sendNext = (): void => {
    const src = Math.floor(pairs.uniform() * nodes);
    const other = Math.floor(pairs.uniform() * (nodes - 1));
    network.send(src, other >= src ? other + 1 : other, 1000, null, label);
    if (++sent < count) sim.schedule(pairs.exponential(1e-5), sendNext);
  };
  sim.schedule(0, sendNext);
  return { sim, network, links };
}

/** Fails the benchmark unless every message of the routing traffic was delivered. */
function expectAllDelivered(name: string, network: Network, count: number): number {
  const delivered = network.journal.outcomeCounts()[Outcome.Delivered]!;
  if (delivered !== count) throw new Error(`${name} delivered ${delivered} of ${count} messages`);
  return delivered;
}

/**
 * A 10,000-node Erdős–Rényi graph (mean degree 8, 1 Gbps, 1 ms links) carrying 1,000,000
 * messages of 1000 B between uniformly random pairs (Poisson, 100,000 a second), sent straight
 * into the network model: routing (a table per destination), store and forward, journals.
 */
export async function routing10k(): Promise<Figures> {
  const count = 1_000_000;
  const { sim, network } = routingRun(count);
  const peak = heapPeak();
  const start = performance.now();
  await sim.run({ yieldEvery: 100_000 });
  const seconds = (performance.now() - start) / 1000;
  const heap = peak();
  let arrived = 0;
  for (let h = 0; h < network.hops.length; h++) if (network.hops.fate[h] === Fate.Arrived) arrived++;
  const delivered = expectAllDelivered('routing-10k', network, count);
  return {
    hop_deliveries_per_s: arrived / seconds,
    messages_per_s: delivered / seconds,
    peak_heap_bytes: heap,
    peak_rss_bytes: process.resourceUsage().maxRSS * 1024,
  };
}

/**
 * routing-10k's network and traffic (`count` messages, 1,000,000 by default), then every
 * formula check of the run (checkRun), timed apart: the checks should cost a small share of
 * the run, linear in its hops and messages.
 */
export async function routing10kChecked(count = 1_000_000): Promise<Figures> {
  const { sim, network, links } = routingRun(count);
  const start = performance.now();
  const result = await sim.run({ yieldEvery: 100_000 });
  const record = recordRun(recordScenario([...network.nodeNames], links), network, new DeliveryLedger(() => sim.now), sim.seed, result);
  const runSeconds = (performance.now() - start) / 1000;
  expectAllDelivered('routing-10k-checked', network, count);
  const checkStart = performance.now();
  const checks = checkRun(record);
  const checkSeconds = (performance.now() - checkStart) / 1000;
  const rows = allRows(checks);
  if (rows.some((row) => !row.ok)) throw new Error(`routing-10k-checked: ${rows.filter((row) => !row.ok).length} checks failed`);
  return { run_s: runSeconds, check_s: checkSeconds, total_s: runSeconds + checkSeconds, check_share: checkSeconds / (runSeconds + checkSeconds) };
}

/** What the record of a routing run says it ran: the network, and no scenario flow (the traffic is no flow's pattern). */
function recordScenario(nodes: string[], links: LinkConfig[]): Scenario {
  return { name: 'bench-routing-checked', seed: 1, maxEvents: 1e9, headerBytes: 0, codec: 'msgpack', routing: 'hops', faults: [], script: [], invariants: [], nodes, links, flows: [] };
}
