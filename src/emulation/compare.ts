/**
 * The simulator against the emulated network: per flow and metric, what the simulated run
 * measured, what the emulated one did, their difference, the tolerance and whether it held
 * (emulation.csv). A pure function of the scenario and the two runs' records.
 *
 * Which rows are judged follows from the flow's path in the simulated run:
 * - `sent` exactly, for flows that never retransmit (at most once) in scenarios without
 *   crashes: the same schedule sends the same frames;
 * - `delivered` exactly, and the logical messages delivered set for set (`delivered_set`),
 *   where nothing on the path loses or refuses frames and the scenario has no faults (a
 *   fault takes effect when the kernel has been told, tens of milliseconds after its time);
 * - `spacing` and `throughput` within 1% where the path's slowest link sets them (a constant
 *   interval shorter than a frame's time on it) and nothing is lost or refused. Both are measured over
 *   the link's busy gaps: the gap between two arrivals counts when the later frame was already
 *   sent as the earlier one left (arrival less the path's latency), and not within the
 *   ⌊burst / size⌋ + 1 frames after a gap that did not count, which a shaper's refilled bucket
 *   lets through back to back (emulation/shaping.ts). `spacing` is their mean, `throughput`
 *   the bits of their frames over their sum. A real sender that falls behind its link now and
 *   then (cold code, a collection, another process on the core) thus does not count against
 *   the link; at least {@link MIN_ARRIVALS} gaps must count;
 * - `delivery_ratio` where the path loses frames: the 99.9% Wilson interval of the emulated
 *   ratio must hold the path's 1 − p (Π over its links);
 * - `queue_drops` where the path is one link with a bounded queue: the emulated count against
 *   the simulator's drop-tail link fed the emulated send times (a real sender's loop spreads a
 *   burst the simulator sends at once) and given the shaper's burst (at burst 0 it is exactly
 *   net/link.ts's transmitter), within {@link QUEUE_DROP_TOLERANCE} frames.
 * Other rows (`delay_min`, and rows whose rule does not apply) are informational.
 */
import { wilsonInterval } from '../stats/intervals.js';
import { Outcome } from '../net/outcome.js';
import type { LinkConfig } from '../net/link.js';
import { longRunLossRate } from '../net/loss.js';
import { messagePaths, hopsOf } from '../stats/paths.js';
import type { RunRecord } from '../stats/record.js';
import type { Scenario } from '../scenario/scenario.js';

/** Columns of emulation.csv. */
export const EMULATION_COLUMNS = ['flow', 'metric', 'simulated', 'emulated', 'difference', 'rel_difference', 'tolerance', 'ok', 'note'] as const;

/** One metric of one flow, simulated against emulated. */
export interface ComparisonRow {
  /** A flow's name, or `protocol` for the application messages of a protocol. */
  readonly flow: string;
  readonly metric: string;
  readonly simulated: number;
  readonly emulated: number;
  /** emulated − simulated. */
  readonly difference: number;
  /** What counts as agreement, e.g. "rel<=0.01", "exact", "informational". */
  readonly tolerance: string;
  readonly ok: boolean;
  /** What the row rests on, for people. */
  readonly note: string;
}

/** Relative tolerance of spacing and throughput. */
export const RATE_TOLERANCE = 0.01;
/** Frames a bounded queue's emulated drop count may differ from drop-tail's prediction by. */
export const QUEUE_DROP_TOLERANCE = 2;
/** Busy gaps a flow needs before its spacing and throughput are judged. */
export const MIN_ARRIVALS = 20;

/** What a flow's path is like, from the links its first message crossed in the simulation. */
interface PathTraits {
  readonly links: readonly LinkConfig[];
  /** Probability a frame crosses every link of the path. */
  readonly passProbability: number;
  readonly bounded: boolean;
}

/** What the comparison knows of the network that carried the emulated run. */
export interface CompareOptions {
  /** The burst of each link's shapers, in bytes, by link name. @default none */
  readonly burstBytes?: (link: string) => number;
  /** Each link's one-way latency in the emulated run (its veth's), in seconds, by link name. @default 0 */
  readonly latencySeconds?: (link: string) => number;
}

/** Compares a scenario's simulated and emulated runs, flow by flow. */
export function compareRuns(scenario: Scenario, simulated: RunRecord, emulated: RunRecord, options: CompareOptions = {}): ComparisonRow[] {
  const rows: ComparisonRow[] = [];
  const burstOf = options.burstBytes ?? (() => 0);
  for (const flow of scenario.flows) {
    const path = pathOf(simulated, flow.name);
    const sim = arrivals(simulated, flow.name);
    const emu = arrivals(emulated, flow.name);
    const lossy = path.passProbability < 1;
    // Faults take effect when the kernel is told (tens of ms later), so what they destroy is not counted against the simulator's.
    const clean = !lossy && !path.bounded && scenario.faults.length === 0;
    const once = flow.delivery === 'at-most-once' && !scenario.faults.some((fault) => fault.kind === 'crash' || fault.kind === 'restart');
    rows.push(row(flow.name, 'sent', sim.sent, emu.sent, once ? 'exact' : undefined, once ? 'the same schedule sends the same frames' : 'retransmissions follow real timing'));
    rows.push(row(flow.name, 'delivered', sim.times.length, emu.times.length, clean ? 'exact' : undefined, clean ? 'nothing on the path loses or refuses frames' : 'the path or a fault loses or refuses frames'));
    const frameBytes = emu.bits.length > 0 ? emu.bits[0]! / 8 : 1;
    const burstFrames = path.links.reduce((most, link) => Math.max(most, burstOf(link.name) > 0 ? Math.floor(burstOf(link.name) / frameBytes) + 1 : 0), 0);
    // How long after leaving the sender's side a frame arrives: the simulator's links serialise and propagate; the shapers release at once.
    const simLatency = path.links.reduce((sum, link) => sum + link.delaySeconds + (frameBytes * 8) / link.bandwidthBitsPerSecond, 0);
    const emuLatency = path.links.reduce((sum, link) => sum + (options.latencySeconds?.(link.name) ?? 0), 0);
    const simBusy = busyGaps(sim, simLatency, 0);
    const emuBusy = busyGaps(emu, emuLatency, burstFrames);
    // The link sets the rate only when the sender offers frames faster than the path's slowest link sends them.
    const bottleneck = Math.min(...path.links.map((link) => link.bandwidthBitsPerSecond));
    const linkLimited = flow.interval.kind === 'constant' && flow.interval.value < (frameBytes * 8) / bottleneck;
    const judgedRates = linkLimited && clean && simBusy.count >= MIN_ARRIVALS && emuBusy.count >= MIN_ARRIVALS;
    const counted = `${emuBusy.count} of ${Math.max(0, emu.times.length - 1)} gaps counted`;
    rows.push(rateRow(flow.name, 'spacing', simBusy.seconds / simBusy.count, emuBusy.seconds / emuBusy.count, judgedRates, counted));
    rows.push(rateRow(flow.name, 'throughput', simBusy.bits / simBusy.seconds, emuBusy.bits / emuBusy.seconds, judgedRates, counted));
    if (lossy) rows.push(ratioRow(flow.name, sim, emu, path.passProbability));
    if (path.bounded && path.links.length === 1) rows.push(dropRow(flow.name, simulated, emulated, path.links[0]!, burstOf(path.links[0]!.name)));
    rows.push(row(flow.name, 'delay_min', sim.delayMin, emu.delayMin, undefined, "the emulated one includes the veth's own latency"));
    const sets = deliveredSets(simulated, emulated, flow.name);
    if (sets !== undefined) rows.push(setRow(flow.name, sets, clean));
  }
  if (scenario.protocol !== undefined) {
    const sets = { simulated: appDeliveries(simulated), emulated: appDeliveries(emulated) };
    const clean = scenario.faults.length === 0 && scenario.links.every((link) => lossOf(link) === 0 && link.queue === undefined);
    rows.push(setRow('protocol', sets, clean));
  }
  return rows;
}

function row(flow: string, metric: string, simulated: number, emulated: number, tolerance: 'exact' | undefined, note: string): ComparisonRow {
  const difference = emulated - simulated;
  const ok = tolerance === undefined || difference === 0 || (Number.isNaN(simulated) && Number.isNaN(emulated));
  return { flow, metric, simulated, emulated, difference, tolerance: tolerance ?? 'informational', ok, note };
}

function rateRow(flow: string, metric: 'spacing' | 'throughput', simulated: number, emulated: number, judged: boolean, counted: string): ComparisonRow {
  const difference = emulated - simulated;
  const relative = Math.abs(difference) / Math.abs(simulated);
  const what = metric === 'spacing' ? 'mean busy gap between arrivals' : 'bits over busy gaps';
  const note = `${what} (${counted})`;
  if (!judged) return { flow, metric, simulated, emulated, difference, tolerance: 'informational', ok: true, note: `${note}; judged only where the link sets the rate (frames offered faster than it sends them), nothing is lost or refused and ${MIN_ARRIVALS}+ gaps count` };
  return { flow, metric, simulated, emulated, difference, tolerance: `rel<=${RATE_TOLERANCE}`, ok: relative <= RATE_TOLERANCE, note };
}

function ratioRow(flow: string, sim: Arrivals, emu: Arrivals, pass: number): ComparisonRow {
  const [low, high] = wilsonInterval(emu.times.length, emu.sent);
  const emulated = emu.times.length / emu.sent;
  const simulated = sim.times.length / sim.sent;
  return {
    flow,
    metric: 'delivery_ratio',
    simulated,
    emulated,
    difference: emulated - simulated,
    tolerance: `99.9% Wilson [${round6(low)}, ${round6(high)}] holds ${round6(pass)}`,
    ok: low <= pass && pass <= high,
    note: `1 − p over the path is ${round6(pass)}; the simulated ratio is one draw of it too`,
  };
}

function dropRow(flow: string, simulated: RunRecord, emulated: RunRecord, link: LinkConfig, burstBytes: number): ComparisonRow {
  const predicted = dropTail(emulated, flow, link, burstBytes);
  const measured = countOutcome(emulated, flow, (outcome) => outcome !== Outcome.Delivered && outcome !== Outcome.InFlight);
  const atOnce = countOutcome(simulated, flow, (outcome) => outcome === Outcome.Dropped);
  const difference = measured - predicted;
  return {
    flow,
    metric: 'queue_drops',
    simulated: predicted,
    emulated: measured,
    difference,
    tolerance: `abs<=${QUEUE_DROP_TOLERANCE}`,
    ok: Math.abs(difference) <= QUEUE_DROP_TOLERANCE,
    note: `the simulator's drop-tail link fed the emulated send times, with the shaper's burst of ${burstBytes} B (the simulated run, sending at once, dropped ${atOnce})`,
  };
}

function setRow(flow: string, sets: { readonly simulated: ReadonlySet<string>; readonly emulated: ReadonlySet<string> }, judged: boolean): ComparisonRow {
  let differing = 0;
  for (const key of sets.simulated) if (!sets.emulated.has(key)) differing++;
  for (const key of sets.emulated) if (!sets.simulated.has(key)) differing++;
  return {
    flow,
    metric: 'delivered_set',
    simulated: sets.simulated.size,
    emulated: sets.emulated.size,
    difference: differing,
    tolerance: judged ? 'exact' : 'informational',
    ok: !judged || differing === 0,
    note: 'difference: logical messages delivered in one run and not the other',
  };
}

/** A flow's own frames: how many were sent, when each delivered one arrived (sorted), the least delay. */
interface Arrivals {
  readonly sent: number;
  readonly times: readonly number[];
  readonly bits: readonly number[];
  /** When each arrived frame was sent, in arrival order. */
  readonly sentAt: readonly number[];
  readonly delayMin: number;
}

function arrivals(record: RunRecord, flow: string): Arrivals {
  const journal = record.journal;
  const index = journal.findFlow(flow);
  const delivered: [number, number, number][] = [];
  let sent = 0;
  let delayMin = Infinity;
  for (let id = 0; id < journal.length; id++) {
    if (journal.flow[id] !== index || journal.copyOf[id] !== -1) continue;
    sent++;
    if (journal.outcome[id] !== Outcome.Delivered) continue;
    delivered.push([journal.receivedAt[id]!, journal.bytes[id]! * 8, journal.sentAt[id]!]);
    delayMin = Math.min(delayMin, journal.receivedAt[id]! - journal.sentAt[id]!);
  }
  delivered.sort((a, b) => a[0] - b[0]);
  return {
    sent,
    times: delivered.map(([time]) => time),
    bits: delivered.map(([, bits]) => bits),
    sentAt: delivered.map(([, , at]) => at),
    delayMin: delivered.length === 0 ? NaN : delayMin,
  };
}

/**
 * The gaps between arrivals that the link set (see the module comment): how many, their
 * total in seconds, and the bits of the frames that ended them. `latency` is how long after
 * leaving a frame arrives; `burstFrames` the gaps a refilled bucket makes short.
 */
function busyGaps(arrived: Arrivals, latency: number, burstFrames: number): { count: number; seconds: number; bits: number } {
  const { times, bits, sentAt } = arrived;
  let count = 0;
  let seconds = 0;
  let sum = 0;
  // The first frame found the link idle: the bucket was full.
  let refill = burstFrames;
  for (let i = 1; i < times.length; i++) {
    const waiting = sentAt[i]! <= times[i - 1]! - latency;
    if (!waiting) {
      refill = burstFrames;
      continue;
    }
    if (refill > 0) {
      refill--;
      continue;
    }
    count++;
    seconds += times[i]! - times[i - 1]!;
    sum += bits[i]!;
  }
  return { count, seconds, bits: sum };
}

/** The links the flow's first message crossed in the simulated run, and what they do to frames. */
function pathOf(record: RunRecord, flow: string): PathTraits {
  const journal = record.journal;
  const index = journal.findFlow(flow);
  let first = -1;
  for (let id = 0; id < journal.length && first < 0; id++) if (journal.flow[id] === index) first = id;
  if (first < 0) return { links: [], passProbability: 1, bounded: false };
  const links = [...hopsOf(messagePaths(record), first)].map((hop) => record.transmitters[record.hops.transmitter[hop]!]!.link);
  return {
    links,
    passProbability: links.reduce((pass, link) => pass * (1 - lossOf(link)), 1),
    bounded: links.some((link) => link.queue !== undefined),
  };
}

function lossOf(link: LinkConfig): number {
  return link.loss === undefined ? 0 : longRunLossRate(link.loss);
}

function countOutcome(record: RunRecord, flow: string, counts: (outcome: number) => boolean): number {
  const journal = record.journal;
  const index = journal.findFlow(flow);
  let count = 0;
  for (let id = 0; id < journal.length; id++) if (journal.flow[id] === index && journal.copyOf[id] === -1 && counts(journal.outcome[id]!)) count++;
  return count;
}

/**
 * The simulator's drop-tail link fed the emulated run's send times, with a shaper's burst:
 * a frame starts at once while the link has banked tokens (it holds `burstBytes` after idling
 * and spends each frame's bytes, going below 0 by at most one frame, as HTB does), else when
 * the frames before it are through; it is refused when its start lies ahead and the queue
 * already holds the limit of frames (or bytes) waiting — the one being sent not counted. With
 * `burstBytes` 0 a frame starts when the one before it ends: net/link.ts's transmitter.
 */
function dropTail(record: RunRecord, flow: string, link: LinkConfig, burstBytes: number): number {
  const journal = record.journal;
  const index = journal.findFlow(flow);
  const sends: [number, number][] = [];
  for (let id = 0; id < journal.length; id++) if (journal.flow[id] === index && journal.copyOf[id] === -1) sends.push([journal.sentAt[id]!, journal.bytes[id]!]);
  sends.sort((a, b) => a[0] - b[0]);
  const rate = link.bandwidthBitsPerSecond / 8;
  const starts: number[] = [];
  const sizes: number[] = [];
  let tokens = burstBytes;
  let tokensAt = -Infinity;
  let drops = 0;
  const limit = link.queue!;
  for (const [at, bytes] of sends) {
    let waiting = 0;
    let waitingBytes = 0;
    for (let i = starts.length - 1; i >= 0 && starts[i]! > at; i--) {
      waiting++;
      waitingBytes += sizes[i]!;
    }
    // Tokens at the moment the previous frame started, plus what accrued since (capped at the burst).
    const earliest = tokens >= 0 ? tokensAt : tokensAt + -tokens / rate;
    const start = Math.max(at, earliest);
    const full = 'messages' in limit ? start > at && waiting >= limit.messages : start > at && waitingBytes + bytes > limit.bytes;
    if (full) {
      drops++;
      continue;
    }
    tokens = tokensAt === -Infinity ? burstBytes : Math.min(burstBytes, tokens + (start - tokensAt) * rate);
    tokens -= bytes;
    tokensAt = start;
    starts.push(start);
    sizes.push(bytes);
  }
  return drops;
}

/** The logical messages of a flow delivered in each run, as keys that name the same message in both. */
function deliveredSets(simulated: RunRecord, emulated: RunRecord, flow: string): { simulated: Set<string>; emulated: Set<string> } | undefined {
  const a = ledgerDeliveries(simulated, flow);
  const b = ledgerDeliveries(emulated, flow);
  return a === undefined || b === undefined ? undefined : { simulated: a, emulated: b };
}

/** A flow's ledger rows delivered, keyed by sender, receiver and the row's number among theirs. */
function ledgerDeliveries(record: RunRecord, flow: string): Set<string> | undefined {
  const ledger = record.ledger;
  const index = ledger.flowNames.indexOf(flow);
  if (index < 0) return undefined;
  const counts = new Map<string, number>();
  const delivered = new Set<string>();
  for (let row = 0; row < ledger.length; row++) {
    if (ledger.flow[row] !== index) continue;
    const pair = `${ledger.nodeNames[ledger.src[row]!]}>${ledger.nodeNames[ledger.dst[row]!]}`;
    const n = counts.get(pair) ?? 0;
    counts.set(pair, n + 1);
    if (!Number.isNaN(ledger.deliveredAt[row]!)) delivered.add(`${pair}#${n}`);
  }
  return delivered;
}

/** What a protocol handed the applications, from the trace: deliveries and replies by node and message. */
function appDeliveries(record: RunRecord): Set<string> {
  const keys = new Set<string>();
  for (const event of record.trace?.events ?? []) {
    if (event.type === 'app_deliver' || event.type === 'app_reply') keys.add(`${event.type}:${event.node}:${event.msg}`);
  }
  return keys;
}

function round6(value: number): number {
  return Number(value.toPrecision(6));
}
