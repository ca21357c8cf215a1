/**
 * The virtual-globals benchmark: what running a library's timer code under `virtualGlobals`
 * costs against the same logic written on the seam. One timer-heavy protocol, a heartbeat
 * failure detector, written twice: on `context.clock` (setTimer / cancelTimer / now), and on
 * the globals (setInterval, setTimeout, clearTimeout, Date.now) as a library would write it.
 * Both runs must run the same events and suspect the same peers, or the figures mean nothing.
 *
 * Every node beats every 10 ms: it sends each peer a heartbeat and re-arms that peer's
 * 30 ms retransmission timer (cleared and set again, as a request timer is); each heartbeat
 * it receives clears and re-arms the sender's 50 ms watchdog and reads the clock. One node
 * is down for the middle third of the run, so its peers' watchdogs fire.
 */
import { performance } from 'node:perf_hooks';
import { Simulator } from '../engine/simulator.js';
import { Network } from '../net/network.js';
import type { NodeContext, NodeProgram, TimerHandle } from '../runtime/seam.js';
import { SimulatedRuntime } from '../runtime/simulated.js';
import { uninstallVirtualGlobals } from '../runtime/virtual/globals.js';
import { virtualGlobals } from '../runtime/virtual/program.js';

const NODES = 8;
const VIRTUAL_SECONDS = 120;
const BEAT_MS = 10;
const RETRY_MS = 30;
const WATCHDOG_MS = 50;
/** Timed runs of each variant, alternating; the figures are their medians. */
const RUNS = 3;
const HEARTBEAT = new Uint8Array(8);

/** What a run of the detector did. */
interface Counts {
  suspicions: number;
  heartbeats: number;
}

/** The detector on the seam. */
function seamDetector(counts: Counts): NodeProgram {
  return (context: NodeContext) => {
    const clock = context.clock;
    const transport = context.transport;
    const peers = context.peers.filter((peer) => peer !== context.name);
    const index = new Map(peers.map((peer, i) => [peer, i]));
    const retry: TimerHandle[] = peers.map(() => -1);
    const watchdog: TimerHandle[] = peers.map(() => -1);
    const lastSeen = peers.map(() => 0);
    const retried = (): void => undefined;
    const suspect = (): void => {
      counts.suspicions++;
    };
    const beat = (): void => {
      clock.setTimer(BEAT_MS / 1000, beat);
      for (let i = 0; i < peers.length; i++) {
        transport.send(peers[i]!, HEARTBEAT);
        if (retry[i] !== -1) clock.cancelTimer(retry[i]!);
        retry[i] = clock.setTimer(RETRY_MS / 1000, retried);
      }
    };
    transport.onReceive((_frame, from) => {
      const i = index.get(from)!;
      if (watchdog[i] !== -1) clock.cancelTimer(watchdog[i]!);
      watchdog[i] = clock.setTimer(WATCHDOG_MS / 1000, suspect);
      lastSeen[i] = clock.now();
      counts.heartbeats++;
    });
    clock.setTimer(BEAT_MS / 1000, beat);
  };
}

/** The same detector on the globals, under virtual globals. */
function globalsDetector(counts: Counts): NodeProgram {
  return virtualGlobals((context: NodeContext) => {
    const peers = context.peers.filter((peer) => peer !== context.name);
    const index = new Map(peers.map((peer, i) => [peer, i]));
    const retry: (ReturnType<typeof setTimeout> | undefined)[] = peers.map(() => undefined);
    const watchdog: (ReturnType<typeof setTimeout> | undefined)[] = peers.map(() => undefined);
    const lastSeen = peers.map(() => 0);
    const retried = (): void => undefined;
    const suspect = (): void => {
      counts.suspicions++;
    };
    setInterval(() => {
      for (let i = 0; i < peers.length; i++) {
        context.transport.send(peers[i]!, HEARTBEAT);
        clearTimeout(retry[i]);
        retry[i] = setTimeout(retried, RETRY_MS);
      }
    }, BEAT_MS);
    context.transport.onReceive((_frame, from) => {
      const i = index.get(from)!;
      clearTimeout(watchdog[i]);
      watchdog[i] = setTimeout(suspect, WATCHDOG_MS);
      lastSeen[i] = Date.now();
      counts.heartbeats++;
    });
  });
}

/** Runs one variant on a fresh full mesh; returns its wall time, events and counts. */
async function runDetector(variant: (counts: Counts) => NodeProgram, virtualSeconds: number): Promise<{ seconds: number; events: number; counts: Counts }> {
  const sim = new Simulator(1);
  const network = new Network(sim);
  const names = Array.from({ length: NODES }, (_, i) => `n${i}`);
  for (const name of names) network.addNode(name);
  for (let a = 0; a < NODES; a++) {
    for (let b = a + 1; b < NODES; b++) network.addLink({ name: `${names[a]}-${names[b]}`, between: [names[a]!, names[b]!], bandwidthBitsPerSecond: 1e9, delaySeconds: 0.001 });
  }
  const runtime = new SimulatedRuntime(sim, network);
  const counts: Counts = { suspicions: 0, heartbeats: 0 };
  const program = variant(counts);
  for (const name of names) runtime.spawn(name, program);
  sim.schedule(virtualSeconds / 3, () => runtime.crash('n0'));
  sim.schedule((2 * virtualSeconds) / 3, () => runtime.restart('n0'));
  const start = performance.now();
  const result = await sim.run({ until: virtualSeconds });
  const seconds = (performance.now() - start) / 1000;
  // The next run of either variant starts from the real globals.
  uninstallVirtualGlobals();
  return { seconds, events: result.events, counts };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1]!;
}

/** Runs the benchmark once: a warm-up of each variant, then {@link RUNS} timed runs of each, alternating. */
export async function virtualGlobalsOverhead(): Promise<Record<string, number>> {
  await runDetector(seamDetector, VIRTUAL_SECONDS / 10);
  await runDetector(globalsDetector, VIRTUAL_SECONDS / 10);
  const seam: number[] = [];
  const globals: number[] = [];
  let events = 0;
  for (let i = 0; i < RUNS; i++) {
    const a = await runDetector(seamDetector, VIRTUAL_SECONDS);
    const b = await runDetector(globalsDetector, VIRTUAL_SECONDS);
    if (a.events !== b.events || a.counts.suspicions !== b.counts.suspicions || a.counts.heartbeats !== b.counts.heartbeats) {
      throw new Error(`virtual-globals-overhead: the variants differ: seam ${a.events} events, ${JSON.stringify(a.counts)}; globals ${b.events} events, ${JSON.stringify(b.counts)}`);
    }
    if (a.counts.suspicions === 0) throw new Error('virtual-globals-overhead: no watchdog fired');
    events = a.events;
    seam.push(a.seconds);
    globals.push(b.seconds);
  }
  const seamSeconds = median(seam);
  const globalsSeconds = median(globals);
  return {
    ratio: globalsSeconds / seamSeconds,
    seam_events_per_s: events / seamSeconds,
    globals_events_per_s: events / globalsSeconds,
    events,
  };
}
