/**
 * Full-duplex point-to-point links, one transmitter per direction.
 *
 * A transmitter is a FIFO server: a message waits while earlier ones are serialised,
 * occupies the transmitter for size_bits / bandwidth, then propagates for the delay (plus
 * jitter, where configured). Since the order is FIFO, a message's arrival time is known the
 * moment it is admitted:
 *
 *     start   = max(now, busyUntil)
 *     finish  = start + bytes * 8 / bandwidth
 *     arrival = finish + delay + jitter            (and ≥ the previous arrival unless reorder)
 *
 * so a message costs one event per hop and no departure events. The queue holds the
 * messages that have not started transmission (the one being serialised is not in it); it is
 * a ring of their start times, trimmed as time passes, which gives its occupancy for
 * drop-tail admission and the queue statistics.
 *
 * Its fault state is a {@link LinkState} (link-state.ts documents the states and what each
 * does to frames). A fault that cuts it empties it at once; the messages it had admitted are
 * judged as they come due, by {@link Transmitter.endHop}: the one place that decides how a
 * hop ends, and counts it.
 */
import { sample, type Distribution } from '../engine/distributions.js';
import type { RandomStream } from '../engine/random.js';
import { Fate, FATES, type FateCode } from './fates.js';
import { Condition, LinkState, type ConditionBit } from './link-state.js';
import { lossProcess, type LossProcess, type LossSpec } from './loss.js';

/** The drop counts of every direction that has destroyed nothing yet (never written). */
const NO_DROPS: Readonly<Float64Array> = new Float64Array(FATES.length);
/** The wait ring of every direction that has had nothing wait yet (never written). */
const NO_WAITING = new Float64Array(0);

/** How much a link direction's queue may hold, waiting messages only. */
export type QueueLimit =
  /** At most this many messages waiting. */
  | { messages: number }
  /** At most this many bytes waiting. */
  | { bytes: number };

/** Parameters of a full-duplex link; both directions get the same ones. */
export interface LinkConfig {
  /** Unique link name, e.g. "client-server". */
  name: string;
  /** The two end nodes, by name. */
  between: readonly [string, string];
  /** Transmission rate of each direction, in bits per second (> 0). */
  bandwidthBitsPerSecond: number;
  /** Propagation delay, in seconds (≥ 0). */
  delaySeconds: number;
  /** Loss: a probability that a transmitted message is lost, or a Gilbert–Elliott model. @default 0 */
  loss?: LossSpec;
  /** Capacity of each direction's queue (drop-tail). @default unbounded */
  queue?: QueueLimit;
  /** Extra propagation delay per message, in seconds. @default none */
  jitter?: Distribution;
  /** Whether jitter may let a message overtake an earlier one. @default false (FIFO per direction) */
  reorder?: boolean;
  /** Probability that a message is sent twice (the copy queues right behind it). @default 0 */
  duplicate?: number;
  /** Probability that a message arrives damaged and fails its receiver's frame check. @default 0 */
  corrupt?: number;
}

/** What a transmitter has done so far. */
export interface TransmitterStats {
  /** Messages admitted (queued or sent straight away). */
  messages: number;
  /** Bytes admitted. */
  bytes: number;
  /** Serialisation time of admitted messages, in seconds (less any cut short by faults). */
  busySeconds: number;
  /** Total time admitted messages spent waiting in the queue, in seconds (idem). */
  waitSeconds: number;
  /** Most messages ever waiting at once. */
  maxQueue: number;
  /**
   * Messages destroyed on this direction, per fate code (see fates.ts): refused by the queue,
   * lost, corrupted, destroyed by each kind of fault. links.csv sums them by outcome. All
   * directions that destroyed nothing share one array of zeros (a network has many links).
   */
  drops: Readonly<Float64Array>;
  /** Extra copies made by duplication. */
  duplicated: number;
}

/** The random streams of one direction, created on first use. */
export interface DirectionStreams {
  loss(): RandomStream;
  jitter(): RandomStream;
  duplicate(): RandomStream;
  corrupt(): RandomStream;
}

/** Throws a RangeError naming the field when a link configuration is out of range. */
export function assertLinkConfig(link: LinkConfig): void {
  const bad = (field: string, expected: string, value: unknown): never => {
    throw new RangeError(`link "${link.name}": ${field} must be ${expected}, got ${String(value)}`);
  };
  const { bandwidthBitsPerSecond: bandwidth, delaySeconds: delay, loss = 0, queue } = link;
  if (!(bandwidth > 0 && bandwidth < Infinity)) bad('bandwidthBitsPerSecond', 'a finite number > 0', bandwidth);
  if (!(delay >= 0 && delay < Infinity)) bad('delaySeconds', 'a finite number >= 0', delay);
  const probabilities: [string, number][] =
    typeof loss === 'number' ? [['loss', loss]] : [['loss.p', loss.p], ['loss.r', loss.r], ['loss.lossGood', loss.lossGood], ['loss.lossBad', loss.lossBad]];
  probabilities.push(['duplicate', link.duplicate ?? 0], ['corrupt', link.corrupt ?? 0]);
  for (const [field, value] of probabilities) if (!(value >= 0 && value <= 1)) bad(field, 'a probability in [0, 1]', value);
  if ((link.duplicate ?? 0) === 1) bad('duplicate', 'below 1 (every copy would be copied again)', 1);
  if (queue !== undefined) {
    const limit = 'messages' in queue ? queue.messages : queue.bytes;
    if (!(Number.isInteger(limit) && limit >= 0)) bad('queue', 'a whole number >= 0', limit);
  }
}

/** Positions of a transmitter's numbers in its lane of {@link TransmitterLanes}. */
const BUSY_UNTIL = 0;
const LAST_ARRIVAL = 1;
const LAST_START = 2;
const BUSY_SECONDS = 3;
const WAIT_SECONDS = 4;
const BYTES = 5;
const DELAY = 6;
const BANDWIDTH = 7;
/** Numbers in a lane: eight float64, one 64-byte cache line. */
const LANE = 8;

/**
 * The numbers every hop reads or writes (when the transmitter is busy until, its last
 * arrival and start, its time and byte totals, its delay and bandwidth) of many transmitters,
 * side by side in one array, a lane of one cache line each. Held in the transmitter's own
 * object they would be eight boxed numbers, each a separate allocation: in a network of tens
 * of thousands of transmitters, most of them cold in the cache, a hop then costs a miss per
 * number rather than one for them all. A network gives all its transmitters one of these.
 */
export class TransmitterLanes {
  /** The lanes, LANE numbers each; replaced by a larger copy when full. */
  data = new Float64Array(LANE * 4);
  private used = 0;

  /** Reserves a lane of zeros; returns the index of its first number in {@link data}. */
  take(): number {
    if (this.used + LANE > this.data.length) {
      const larger = new Float64Array(2 * this.data.length);
      larger.set(this.data);
      this.data = larger;
    }
    const base = this.used;
    this.used += LANE;
    return base;
  }
}

/** One direction of a link: a FIFO queue in front of a serialiser, then propagation. */
export class Transmitter {
  // The fields a hop reads come first, so that they share the object's first cache lines.
  private readonly lanes: TransmitterLanes;
  /** Index of this transmitter's first number in its lanes. */
  private readonly base: number;
  /** Position of this transmitter in the network (also its route edge index). */
  readonly index: number;
  /** Sending node index. */
  readonly from: number;
  /** Receiving node index. */
  readonly to: number;
  /** Whether equal arrival times are pushed apart (see {@link arrivalTime}). */
  strictOrder = false;
  private readonly reorder: boolean;
  private readonly jitter: Distribution | undefined;
  readonly duplicate: number;
  private readonly corrupt: number;
  private loss: LossProcess;
  /** Which faults hold on this direction (up when none does), and the cuts frames are judged by. */
  readonly state = new LinkState();
  // The counters of {@link stats} (other than the lanes' totals), on the transmitter itself:
  // a hop then touches one object of its transmitter fewer.
  private messages = 0;
  private waitCount = 0;
  private maxQueue = 0;
  private drops: Readonly<Float64Array> = NO_DROPS;
  /** Extra copies made by duplication (counted by the network, which makes them). */
  duplicated = 0;
  private readonly queueLimitMessages: number;
  private readonly queueLimitBytes: number;
  /** When a fault (cut, degrade or hold) first touched this transmitter (for a hold: the admission of its first held frame), in seconds; Infinity if never. */
  faultedAt = Infinity;

  /**
   * Ring of (start time, bytes) of admitted messages that had not started at last trim;
   * empty until the first message waits (most directions of a large network never queue).
   */
  private waitStart: Float64Array = NO_WAITING;
  private waitBytes: Float64Array = NO_WAITING;
  private waitHead = 0;
  private waitingBytes = 0;
  readonly link: LinkConfig;
  private readonly streams: DirectionStreams;

  /**
   * @param index position of this transmitter in the network (also its route edge index)
   * @param from sending node index
   * @param to receiving node index
   * @param lanes where its per-hop numbers live: the network's, shared by its transmitters
   */
  constructor(link: LinkConfig, index: number, from: number, to: number, streams: DirectionStreams, lanes = new TransmitterLanes()) {
    assertLinkConfig(link);
    this.lanes = lanes;
    this.base = lanes.take();
    this.index = index;
    this.from = from;
    this.to = to;
    this.reorder = link.reorder ?? false;
    this.jitter = link.jitter;
    this.duplicate = link.duplicate ?? 0;
    this.corrupt = link.corrupt ?? 0;
    this.loss = lossProcess(link.loss ?? 0, streams.loss);
    const queue = link.queue;
    this.queueLimitMessages = queue !== undefined && 'messages' in queue ? queue.messages : Infinity;
    this.queueLimitBytes = queue !== undefined && 'bytes' in queue ? queue.bytes : Infinity;
    this.link = link;
    this.streams = streams;
    lanes.data[this.base + DELAY] = link.delaySeconds;
    lanes.data[this.base + BANDWIDTH] = link.bandwidthBitsPerSecond;
  }

  /** Time at which the last admitted message finishes serialisation, in seconds. */
  get busyUntil(): number {
    return this.lanes.data[this.base + BUSY_UNTIL]!;
  }

  /** When the serialisation of the last message admitted starts, in seconds. */
  get lastStart(): number {
    return this.lanes.data[this.base + LAST_START]!;
  }

  /** Transmission rate now, in bits per second. */
  get bandwidthBitsPerSecond(): number {
    return this.lanes.data[this.base + BANDWIDTH]!;
  }

  /** Propagation delay now, in seconds. */
  get delaySeconds(): number {
    return this.lanes.data[this.base + DELAY]!;
  }

  /**
   * What it has done so far: a copy of its counters, drop counts included (a direction that
   * has destroyed nothing gives the shared zeros).
   */
  get stats(): TransmitterStats {
    return {
      messages: this.messages,
      bytes: this.lanes.data[this.base + BYTES]!,
      busySeconds: this.lanes.data[this.base + BUSY_SECONDS]!,
      waitSeconds: this.lanes.data[this.base + WAIT_SECONDS]!,
      maxQueue: this.maxQueue,
      drops: this.drops === NO_DROPS ? NO_DROPS : this.drops.slice(),
      duplicated: this.duplicated,
    };
  }

  /**
   * Admits a message of `bytes` at time `now`. Returns the time its serialisation finishes,
   * or -1 when the queue is full and the message is refused.
   */
  admit(now: number, bytes: number): number {
    const lane = this.lanes.data;
    const base = this.base;
    let start = now;
    const busyUntil = lane[base + BUSY_UNTIL]!;
    if (busyUntil > now) {
      this.trimStarted(now);
      if (this.waitCount + 1 > this.queueLimitMessages || this.waitingBytes + bytes > this.queueLimitBytes) {
        this.countDrop(Fate.QueueFull);
        return -1;
      }
      start = busyUntil;
      this.pushWaiting(start, bytes);
      if (this.waitCount > this.maxQueue) this.maxQueue = this.waitCount;
      lane[base + WAIT_SECONDS]! += start - now;
    }
    const transmissionSeconds = (bytes * 8) / lane[base + BANDWIDTH]!;
    const finish = start + transmissionSeconds;
    lane[base + LAST_START] = start;
    lane[base + BUSY_UNTIL] = finish;
    lane[base + BUSY_SECONDS]! += transmissionSeconds;
    lane[base + BYTES]! += bytes;
    this.messages++;
    return finish;
  }

  /** Arrival time at the far end of a message whose serialisation finishes at `finish`. */
  arrivalTime(finish: number): number {
    const lane = this.lanes.data;
    const base = this.base;
    let arrival = finish + lane[base + DELAY]!;
    if (this.jitter !== undefined) arrival += sample(this.jitter, this.streams.jitter());
    // A wire delivers in order: nothing overtakes (jitter, or a delay that was lowered). When
    // equal-time events run in a shuffled order, equal arrivals would not stay in order, so
    // then a later message arrives strictly later (by the smallest step of the clock).
    const lastArrival = lane[base + LAST_ARRIVAL]!;
    if (!this.reorder && arrival <= lastArrival) {
      if (arrival < lastArrival) arrival = lastArrival;
      if (this.strictOrder) arrival = nextUp(arrival);
    }
    lane[base + LAST_ARRIVAL] = arrival;
    return arrival;
  }

  /**
   * How the hop of a message admitted at `mark` (see {@link LinkState.mark}), whose
   * serialisation ends at `finish`, ends now that it comes due: destroyed by the first cut
   * since that reached it, dropped at a receiver that is down, lost, corrupted, or arrived.
   * A fate that destroys the message is counted in {@link TransmitterStats.drops}.
   */
  endHop(mark: number, finish: number): FateCode {
    let fate: FateCode = mark === this.state.mark ? Fate.InFlight : this.state.cutFate(mark, finish);
    if (fate === Fate.InFlight) {
      if (this.state.has(Condition.ReceiverDown)) fate = Fate.ReceiverDown;
      else if (this.loss.shouldLose()) fate = Fate.Lost;
      else if (this.shouldCorrupt()) fate = Fate.Corrupted;
      else return Fate.Arrived;
    }
    this.countDrop(fate);
    return fate;
  }

  /**
   * At the end of a run, the fate of a message still on this hop: the cut that destroyed
   * it (counted), or in_flight if none did, even if its arrival lay beyond the end.
   */
  settle(mark: number, finish: number): FateCode {
    const fate = this.state.cutFate(mark, finish);
    if (fate !== Fate.InFlight) this.countDrop(fate);
    return fate;
  }

  /** Counts a message destroyed here with `fate`. */
  private countDrop(fate: FateCode): void {
    if (this.drops === NO_DROPS) this.drops = new Float64Array(FATES.length);
    (this.drops as Float64Array)[fate]!++;
  }

  /** True when the message now arriving is damaged (draws only if corruption is configured). */
  private shouldCorrupt(): boolean {
    return this.corrupt > 0 && this.streams.corrupt().uniform() < this.corrupt;
  }

  /** True when the message just admitted is to be sent twice (draws only if configured). */
  shouldDuplicate(): boolean {
    return this.duplicate > 0 && this.streams.duplicate().uniform() < this.duplicate;
  }

  /** Changes bandwidth, delay or loss at `now`, for messages admitted from then on. */
  degrade(now: number, changes: { bandwidthBitsPerSecond?: number; delaySeconds?: number; loss?: LossSpec }): void {
    if (this.faultedAt === Infinity) this.faultedAt = now;
    if (changes.bandwidthBitsPerSecond !== undefined) this.lanes.data[this.base + BANDWIDTH] = changes.bandwidthBitsPerSecond;
    if (changes.delaySeconds !== undefined) this.lanes.data[this.base + DELAY] = changes.delaySeconds;
    if (changes.loss !== undefined) this.loss = lossProcess(changes.loss, this.streams.loss);
  }

  /**
   * Enters a fault condition at `now` (see link-state.ts). One that cuts the direction
   * empties it: what it had admitted is judged by {@link endHop} as it comes due.
   */
  enter(condition: ConditionBit, now: number): void {
    if (this.state.enter(condition, now)) this.empty(now);
  }

  /** Leaves a fault condition. */
  leave(condition: ConditionBit): void {
    this.state.leave(condition);
  }

  /** Empties the transmitter at `now`, after a cut. */
  private empty(now: number): void {
    if (this.faultedAt === Infinity) this.faultedAt = now;
    this.trimStarted(now);
    const lane = this.lanes.data;
    const base = this.base;
    // Work after `now` will not happen: take it out of the busy and waiting totals.
    if (lane[base + BUSY_UNTIL]! > now) lane[base + BUSY_SECONDS]! -= lane[base + BUSY_UNTIL]! - now;
    for (let i = 0; i < this.waitCount; i++) {
      lane[base + WAIT_SECONDS]! -= this.waitStart[(this.waitHead + i) % this.waitStart.length]! - now;
    }
    this.waitCount = 0;
    this.waitingBytes = 0;
    lane[base + BUSY_UNTIL] = now;
    lane[base + LAST_ARRIVAL] = now;
  }

  /** Messages waiting (not yet being serialised) at time `now`. */
  queuedMessages(now: number): number {
    this.trimStarted(now);
    return this.waitCount;
  }

  /** Bytes waiting (not yet being serialised) at time `now`. */
  queuedBytes(now: number): number {
    this.trimStarted(now);
    return this.waitingBytes;
  }

  /**
   * Busy and waiting time that falls within [0, end]: admitted work runs without a gap from
   * before `end` to busyUntil, and waiting messages wait until their start.
   */
  totalsUntil(end: number): { busySeconds: number; waitSeconds: number } {
    this.trimStarted(end);
    const lane = this.lanes.data;
    let waitSeconds = lane[this.base + WAIT_SECONDS]!;
    for (let i = 0; i < this.waitCount; i++) {
      waitSeconds -= this.waitStart[(this.waitHead + i) % this.waitStart.length]! - end;
    }
    return { busySeconds: lane[this.base + BUSY_SECONDS]! - Math.max(0, lane[this.base + BUSY_UNTIL]! - end), waitSeconds };
  }

  /** Forgets waiting messages whose transmission has started by `now`. */
  private trimStarted(now: number): void {
    const capacity = this.waitStart.length;
    while (this.waitCount > 0 && this.waitStart[this.waitHead]! <= now) {
      this.waitingBytes -= this.waitBytes[this.waitHead]!;
      this.waitHead = this.waitHead + 1 === capacity ? 0 : this.waitHead + 1;
      this.waitCount--;
    }
    if (this.waitCount === 0) this.waitingBytes = 0;
  }

  private pushWaiting(start: number, bytes: number): void {
    if (this.waitCount === this.waitStart.length) this.growWaiting();
    const capacity = this.waitStart.length;
    let tail = this.waitHead + this.waitCount;
    if (tail >= capacity) tail -= capacity;
    this.waitStart[tail] = start;
    this.waitBytes[tail] = bytes;
    this.waitCount++;
    this.waitingBytes += bytes;
  }

  private growWaiting(): void {
    const capacity = this.waitStart.length;
    const starts = new Float64Array(Math.max(16, capacity * 2));
    const sizes = new Float64Array(starts.length);
    for (let i = 0; i < this.waitCount; i++) {
      const from = (this.waitHead + i) % capacity;
      starts[i] = this.waitStart[from]!;
      sizes[i] = this.waitBytes[from]!;
    }
    this.waitStart = starts;
    this.waitBytes = sizes;
    this.waitHead = 0;
  }
}

/** The smallest float64 above `x` (x ≥ 0). */
function nextUp(x: number): number {
  if (x === 0) return Number.MIN_VALUE;
  const bits = new Float64Array([x]);
  const words = new BigInt64Array(bits.buffer);
  words[0]! += 1n;
  return bits[0]!;
}
