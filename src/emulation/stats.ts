/**
 * What each link direction of an emulated network did, read back from the kernel: its
 * shaper's counters (`tc -s -j qdisc show`) and its filter counters (nftables, filters.ts).
 * Parsing is pure, so it is tested on captured output.
 */
import { cutCounter, lostCounter } from './filters.js';

/** A direction's shaper counters (the HTB qdisc's, which include its leaf queue's drops and backlog). */
export interface QdiscStats {
  readonly link: string;
  readonly from: string;
  readonly to: string;
  /** Packets and bytes (Ethernet frames) the shaper sent on. */
  readonly sentPackets: number;
  readonly sentBytes: number;
  /** Packets refused by the full queue. */
  readonly dropped: number;
  /** Times a packet had to wait for tokens. */
  readonly overlimits: number;
  /** What waits in the queue now. */
  readonly backlogBytes: number;
  readonly backlogPackets: number;
}

/** A direction's filter counters, where it arrives. */
export interface FilterStats {
  readonly link: string;
  readonly from: string;
  readonly to: string;
  /** Packets dropped by the loss rule. */
  readonly lost: number;
  /** Packets dropped because the direction was cut (partition, link down, crash). */
  readonly cut: number;
}

interface TcQdisc {
  readonly kind: string;
  readonly handle: string;
  readonly dev?: string;
  readonly bytes?: number;
  readonly packets?: number;
  readonly drops?: number;
  readonly overlimits?: number;
  readonly backlog?: number;
  readonly qlen?: number;
}

/** The HTB counters of `ifname` in `tc -s -j qdisc show dev <ifname>` output. */
export function parseHtbCounters(json: string): Omit<QdiscStats, 'link' | 'from' | 'to'> {
  const qdiscs = JSON.parse(json) as TcQdisc[];
  const htb = qdiscs.find((q) => q.kind === 'htb' && q.handle === '1:');
  if (htb === undefined) throw new Error(`no HTB qdisc 1: in ${json.slice(0, 200)}`);
  return {
    sentPackets: htb.packets ?? 0,
    sentBytes: htb.bytes ?? 0,
    dropped: htb.drops ?? 0,
    overlimits: htb.overlimits ?? 0,
    backlogBytes: htb.backlog ?? 0,
    backlogPackets: htb.qlen ?? 0,
  };
}

/** A direction's filter counters from its receiving namespace's counters (see filters.ts parseCounters). */
export function filterCountsOf(counters: ReadonlyMap<string, number>, ifname: string): { lost: number; cut: number } {
  return { lost: counters.get(lostCounter(ifname)) ?? 0, cut: counters.get(cutCounter(ifname)) ?? 0 };
}
