/**
 * The real-runtime benchmark: two nodes of one process on loopback (127.0.0.1), the real
 * runtime on each socket transport, frames of 1 KB sent through the node's Transport and
 * timed from the runtime's own journal (sentAt, receivedAt, fate of every frame). Two
 * measurements per transport: a saturated burst (frames per second, frames lost) and a
 * paced stream (one-way latency: both ends read the same monotonic clock).
 *
 * The burst goes out in batches, one per turn of the event loop (each a timer of delay 0 on
 * the node's Clock, set from the next turn's setImmediate), so the receiver reads between
 * batches as it would between a real sender's writes. TCP takes any batch (Node holds what the kernel has not taken yet); a UDP socket
 * is read at most 32 datagrams per turn, so UDP batches stay at 32 and whatever outruns the
 * receive buffer is lost, and counted.
 */
import { percentile } from '../experiment/run-metrics.js';
import { Fate } from '../net/fates.js';
import { loopbackHosts } from '../runtime/real/hosts.js';
import type { TransportKind } from '../runtime/real/link.js';
import { RealRuntime } from '../runtime/real/real-runtime.js';
import { LINK_OPENERS } from '../runtime/real/transports.js';
import type { NodeContext } from '../runtime/seam.js';

/** Bytes of every frame handed to the Transport. */
const FRAME_BYTES = 1024;

/** A burst: how many frames, how many per turn of the event loop. */
interface Burst {
  readonly frames: number;
  readonly perTurn: number;
}

/**
 * The burst of each transport (see the module comment for UDP's 32). TCP's 256 a turn was
 * the fastest of 64 to 4096 on a 2-core machine: larger turns only fill the kernel's buffers
 * and then Node's.
 */
const BURSTS: Readonly<Record<TransportKind, Burst>> = {
  tcp: { frames: 300_000, perTurn: 256 },
  udp: { frames: 100_000, perTurn: 32 },
};

/** The paced stream: frames, and seconds between their sends. */
const PACED = { frames: 5_000, intervalSeconds: 200e-6 } as const;

const NODES = ['a', 'b'];

/** Runs `program` on node a with node b receiving, until nothing is left; returns the journal. */
async function runPair(transport: TransportKind, program: (context: NodeContext) => void): Promise<RealRuntime['journal']> {
  const troubles: string[] = [];
  const runtime = await RealRuntime.open({
    nodes: NODES,
    hosts: loopbackHosts(NODES),
    openLink: LINK_OPENERS[transport],
    onTrouble: (node, message) => void troubles.push(`${node}: ${message}`),
  });
  try {
    runtime.spawn('b', (context) => context.transport.onReceive(() => {}));
    runtime.spawn('a', program);
    const result = await runtime.run({ quietSeconds: 0.25, drainSeconds: 0.25 });
    if (result.reason !== 'idle') throw new Error(`real-loopback: the ${transport} run ended ${result.reason}`);
  } finally {
    await runtime.close();
  }
  // A UDP socket buffer below what the link asked for (the kernel's limit) is no failure: losses it causes are counted.
  const serious = troubles.filter((message) => !/buffer is \d+ bytes, below/.test(message));
  if (serious.length > 0) throw new Error(`real-loopback: ${transport} link trouble: ${serious[0]}`);
  return runtime.journal;
}

/** Sends the burst from a, `perTurn` frames on each turn of the event loop. */
function burst({ frames, perTurn }: Burst): (context: NodeContext) => void {
  return ({ clock, transport }) => {
    const frame = new Uint8Array(FRAME_BYTES);
    let sent = 0;
    const batch = (): void => {
      const end = Math.min(frames, sent + perTurn);
      for (; sent < end; sent++) transport.send('b', frame);
      // The next batch on the next turn, whatever the timers do within a turn (they may
      // fire a chain of zero-delay timers in one), so the receiver reads in between.
      if (sent < frames) setImmediate(() => clock.setTimer(0, batch));
    };
    clock.setTimer(0, batch);
  };
}

/** Sends the paced stream from a, frame i due at i × interval after the first. */
function paced(context: NodeContext): void {
  const { clock, transport } = context;
  const frame = new Uint8Array(FRAME_BYTES);
  const start = clock.now();
  let sent = 0;
  const next = (): void => {
    transport.send('b', frame);
    sent++;
    if (sent < PACED.frames) clock.setTimer(start + sent * PACED.intervalSeconds - clock.now(), next);
  };
  clock.setTimer(0, next);
}

/** Frames delivered and lost, and delivered frames per second from the first send to the last arrival. */
async function measureBurst(transport: TransportKind): Promise<{ perSecond: number; lost: number }> {
  const journal = await runPair(transport, burst(BURSTS[transport]));
  if (journal.length !== BURSTS[transport].frames) throw new Error(`real-loopback: the ${transport} run ended after ${journal.length} of ${BURSTS[transport].frames} frames`);
  let delivered = 0;
  let lastArrival = -Infinity;
  for (let id = 0; id < journal.length; id++) {
    if (journal.fate[id] !== Fate.Delivered) continue;
    delivered++;
    if (journal.receivedAt[id]! > lastArrival) lastArrival = journal.receivedAt[id]!;
  }
  const lost = journal.length - delivered;
  return { perSecond: delivered / (lastArrival - journal.sentAt[0]!), lost };
}

/** Median and 99th percentile of the paced stream's one-way latency, in seconds. */
async function measureLatency(transport: TransportKind): Promise<{ p50: number; p99: number }> {
  const journal = await runPair(transport, paced);
  const latencies: number[] = [];
  for (let id = 0; id < journal.length; id++) {
    if (journal.fate[id] === Fate.Delivered) latencies.push(journal.receivedAt[id]! - journal.sentAt[id]!);
  }
  // TCP must deliver every frame; UDP at a frame per 200 µs should lose none, but may.
  const needed = transport === 'tcp' ? PACED.frames : Math.ceil(PACED.frames * 0.99);
  if (latencies.length < needed) throw new Error(`real-loopback: only ${latencies.length} of ${PACED.frames} paced ${transport} frames arrived`);
  latencies.sort((x, y) => x - y);
  return { p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

/** Runs the benchmark once: TCP, then UDP. */
export async function realLoopback(): Promise<Record<string, number>> {
  const figures: Record<string, number> = {};
  for (const transport of ['tcp', 'udp'] as const) {
    const { perSecond, lost } = await measureBurst(transport);
    if (transport === 'tcp' && lost > 0) throw new Error(`real-loopback: TCP lost ${lost} of ${BURSTS.tcp.frames} frames`);
    const { p50, p99 } = await measureLatency(transport);
    figures[`${transport}_messages_per_s`] = perSecond;
    figures[`${transport}_lost`] = lost;
    figures[`${transport}_latency_p50_s`] = p50;
    figures[`${transport}_latency_p99_s`] = p99;
  }
  return figures;
}
