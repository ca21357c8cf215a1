/**
 * The base latency of an emulated link: what a packet takes from one end's socket to the
 * other's with no queue in the way, measured by UDP ping-pong between sockets at the two
 * ends (in their namespaces, used from this process, as a node's protocol uses them). One
 * way is half the median round trip. It includes what the simulator's propagation delay
 * stands for here — the veth — and also the socket calls and event-loop turns on both sides,
 * which a real runtime pays on every message as well.
 *
 * Pings go one at a time, each after the one before came back, and with a wait of one
 * ping frame's time on the link between them where that is long enough for a timer (over
 * 50 µs): a ping measures the path, not a queue. On a faster link a round trip can be
 * shorter than the frame's time, so the pings spend some of the shapers' tokens; the
 * network waits for them to come back (network.ts).
 */
import { percentile } from '../experiment/run-metrics.js';
import type { SocketFactory } from '../runtime/real/sockets.js';

/** What the ping-pong of one link measured. */
export interface BaseLatency {
  /** Half the median round trip, in seconds: the link's one-way base latency. */
  readonly oneWaySeconds: number;
  /** Median and 99th percentile of the round trip, in seconds. */
  readonly rttP50Seconds: number;
  readonly rttP99Seconds: number;
  /** Round trips measured, and pings that got no answer within the timeout (loss, cuts). */
  readonly samples: number;
  readonly lost: number;
}

/** How to measure. */
export interface LatencyOptions {
  /** Round trips per link. @default 200 */
  readonly samples?: number;
  /** How long to wait for each answer, in seconds. @default 0.2 */
  readonly timeoutSeconds?: number;
}

/** One end of the measured link: a node and the address its socket binds. */
export interface PingEnd {
  readonly node: string;
  readonly host: string;
}

/** Bytes of a ping's payload (its sequence number). */
const PING_BYTES = 8;
/** Bytes of the frame a ping makes on a veth (UDP, IP and Ethernet headers added). */
export const PING_FRAME_BYTES = PING_BYTES + 42;

/** Measures one link by ping-pong from `a` to `b`; `rateBitsPerSecond` is its slower direction's rate. */
export async function pingPong(sockets: SocketFactory, a: PingEnd, b: PingEnd, rateBitsPerSecond: number, options: LatencyOptions = {}): Promise<BaseLatency> {
  const samples = options.samples ?? 200;
  const timeoutMs = (options.timeoutSeconds ?? 0.2) * 1000;
  // Each direction spends one frame's transmission time per ping: wait that long between pings.
  const paceMs = ((PING_FRAME_BYTES * 8) / rateBitsPerSecond) * 1000;
  const ping = await sockets.udp(a.node, { host: a.host, port: 0 });
  const pong = await sockets.udp(b.node, { host: b.host, port: 0 }).catch((error: unknown) => {
    ping.close();
    throw error;
  });
  try {
    pong.on('message', (message, from) => pong.send(message, from.port, from.address));
    const port = pong.address().port;
    const rtts: number[] = [];
    let lost = 0;
    for (let sequence = 0; sequence < samples; sequence++) {
      const payload = Buffer.alloc(PING_BYTES);
      payload.writeUInt32BE(sequence);
      const rtt = await new Promise<number | undefined>((resolve) => {
        const start = process.hrtime.bigint();
        const timer = setTimeout(() => done(undefined), timeoutMs);
        const onMessage = (message: Buffer) => {
          if (message.length === PING_BYTES && message.readUInt32BE() === sequence) done(Number(process.hrtime.bigint() - start) / 1e9);
        };
        const done = (value: number | undefined) => {
          clearTimeout(timer);
          ping.off('message', onMessage);
          resolve(value);
        };
        ping.on('message', onMessage);
        ping.send(payload, port, b.host);
      });
      if (rtt === undefined) lost++;
      else rtts.push(rtt);
      if (paceMs > 0.05) await new Promise((resolve) => setTimeout(resolve, paceMs));
    }
    if (rtts.length === 0) throw new Error(`no ping from ${a.node} to ${b.node} was answered (${lost} sent)`);
    rtts.sort((x, y) => x - y);
    const rttP50Seconds = percentile(rtts, 50);
    return { oneWaySeconds: rttP50Seconds / 2, rttP50Seconds, rttP99Seconds: percentile(rtts, 99), samples: rtts.length, lost };
  } finally {
    ping.close();
    pong.close();
  }
}
