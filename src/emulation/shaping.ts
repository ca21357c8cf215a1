/**
 * How one link direction is shaped, and the tc commands that do it: an HTB class at the
 * link's bandwidth with a pfifo or bfifo leaf, under a netem delay where the kernel has one.
 *
 * Why HTB, measured (docs/emulation.md ("The kernel, measured")): both HTB and TBF space a saturated stream
 * exactly at their rate, but only while their bucket can bank the lateness of the kernel
 * timer that releases the next packet (tens of µs typically, up to ~4 ms on this VM). A TBF
 * bucket must also hold the largest packet whole (bigger ones are dropped), so it banks only
 * burst − packet: with a 1042-byte burst, 1042-byte packets came 1.5–3% slow. HTB sends while
 * its tokens are ≥ 0 and lets them go negative by the packet sent, so its burst is
 * independent of packet size and any packet up to the MTU passes.
 *
 * Burst semantics: after an idle spell the class holds `burst` bytes of tokens, so it sends
 * packets back to back while it has ≥ 0 tokens, i.e. ⌊burst / size⌋ + 1 of equal size, then
 * one per size·8/rate. The simulator's transmitter would have spaced those too: the shaper
 * runs up to burst·8/rate ahead of it through a busy period, and in exchange absorbs that
 * much timer lateness without losing rate. `burstSeconds` (default 5 ms, see
 * DEFAULT_BURST_SECONDS; a 1 ms burst lost 1.4% of the rate in one run of five, idle) sets
 * that trade.
 *
 * Queue semantics: HTB releases a packet at the *start* of its transmission time (the veth
 * itself is instantaneous), so its leaf queue holds exactly the packets that wait, not the
 * one in transmission, which is how the simulator's drop-tail limit counts. A message limit
 * K is `pfifo limit K` (admit while fewer than K wait); a byte limit B is `bfifo limit B`,
 * counted in Ethernet frames (datagram + 42 bytes of UDP, IP and Ethernet headers). The
 * one difference: the simulator admits a message to an idle link even past a byte limit.
 * Unbounded queues get pfifo limit UNBOUNDED_QUEUE_PACKETS.
 *
 * With netem, it is the root (delay only, a large limit; there even at delay 0, so that a
 * degrade can change it) and HTB its child: a packet is
 * delayed and then shaped, which for a constant delay and FIFO order gives the same times as
 * shaping and then delaying, and keeps the HTB leaf the only queue with a limit.
 */
import type { LinkConfig } from '../net/link.js';

/** The default burst of a shaper, in seconds of its rate (see the header). */
export const DEFAULT_BURST_SECONDS = 0.005;

/** Leaf queue limit of a direction whose link has no queue limit: large, and said to be so. */
export const UNBOUNDED_QUEUE_PACKETS = 100_000;

/** HTB's quantum: only fairness between classes uses it, and each direction has one class. */
const HTB_QUANTUM_BYTES = 65_549;

/** The netem delay line's limit: it must never be what drops. */
const NETEM_LIMIT_PACKETS = 1_000_000;

/** The leaf queue of a direction. */
export interface QueuePlan {
  readonly kind: 'packets' | 'bytes';
  readonly limit: number;
  /** False when the link has no limit and `limit` is only a large number. */
  readonly bounded: boolean;
}

/** How one direction is shaped. */
export interface ShaperPlan {
  /** The rate the kernel gets: the link's bandwidth rounded to whole bytes per second, in bits per second. */
  readonly rateBitsPerSecond: number;
  /** HTB's burst and cburst, in bytes. */
  readonly burstBytes: number;
  readonly queue: QueuePlan;
  /** Whether a netem qdisc delays the direction (always, when the kernel has netem, so a degrade can change it). */
  readonly netem: boolean;
  /** netem's delay in seconds (0 without netem). */
  readonly delaySeconds: number;
}

/** The shaper of either direction of `link`. */
export function shaperOf(link: LinkConfig, netem: boolean, burstSeconds: number): ShaperPlan {
  const { rateBitsPerSecond, burstBytes } = rateOf(link.bandwidthBitsPerSecond, burstSeconds);
  const queue = link.queue;
  return {
    rateBitsPerSecond,
    burstBytes,
    queue:
      queue === undefined
        ? { kind: 'packets', limit: UNBOUNDED_QUEUE_PACKETS, bounded: false }
        : 'messages' in queue
          ? { kind: 'packets', limit: queue.messages, bounded: true }
          : { kind: 'bytes', limit: queue.bytes, bounded: true },
    netem,
    delaySeconds: netem ? link.delaySeconds : 0,
  };
}

/** The kernel's rate and the burst that goes with it, for a bandwidth in bits per second. */
export function rateOf(bandwidthBitsPerSecond: number, burstSeconds: number): { rateBitsPerSecond: number; burstBytes: number } {
  const bytesPerSecond = Math.max(1, Math.round(bandwidthBitsPerSecond / 8));
  return { rateBitsPerSecond: bytesPerSecond * 8, burstBytes: Math.max(1, Math.ceil(bytesPerSecond * burstSeconds)) };
}

/** `tc -batch` lines that shape the interface `ifname` (in its namespace) as `shaper` says. */
export function shaperCommands(ifname: string, shaper: ShaperPlan): string[] {
  const lines: string[] = [];
  let htbParent = 'root';
  if (shaper.netem) {
    lines.push(`qdisc replace dev ${ifname} ${netemSpec(shaper.delaySeconds)}`);
    htbParent = 'parent 2:1';
  }
  lines.push(`qdisc replace dev ${ifname} ${htbParent} handle 1: htb default 1`);
  lines.push(`class replace dev ${ifname} ${classSpec(shaper)}`);
  const leaf = shaper.queue.kind === 'packets' ? 'pfifo' : 'bfifo';
  lines.push(`qdisc replace dev ${ifname} parent 1:1 handle 10: ${leaf} limit ${shaper.queue.limit}`);
  return lines;
}

/** `tc -batch` lines that change a shaped interface's rate (and netem delay) to `shaper`'s. */
export function shaperChangeCommands(ifname: string, shaper: ShaperPlan): string[] {
  const lines = [`class change dev ${ifname} ${classSpec(shaper)}`];
  if (shaper.netem) lines.unshift(`qdisc change dev ${ifname} ${netemSpec(shaper.delaySeconds)}`);
  return lines;
}

function classSpec(shaper: ShaperPlan): string {
  const burst = `${shaper.burstBytes}b`;
  return `parent 1: classid 1:1 htb rate ${shaper.rateBitsPerSecond}bit burst ${burst} cburst ${burst} quantum ${HTB_QUANTUM_BYTES}`;
}

function netemSpec(delaySeconds: number): string {
  return `root handle 2: netem delay ${(delaySeconds * 1e6).toFixed(3)}us limit ${NETEM_LIMIT_PACKETS}`;
}
