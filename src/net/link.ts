/**
 * Full-duplex point-to-point links, one transmitter per direction.
 *
 * A transmitter is a FIFO server: a message waits while earlier ones are serialised,
 * occupies the transmitter for size_bits / bandwidth, then propagates for the delay. Since
 * the order is FIFO, a message's arrival time is known the moment it is admitted:
 *
 *     start   = max(now, busyUntil)
 *     arrival = start + bytes * 8 / bandwidth + delay
 *
 * so a message costs one event per hop (its arrival) and no departure events. The queue
 * holds the messages that have not started transmission yet (the one being serialised is
 * not in it); it is a ring of their start times, trimmed as time passes, which gives its
 * occupancy for drop-tail admission.
 */
import type { RandomStream } from '../engine/random.js';

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
  /** Probability that a transmitted message is lost, in [0, 1]. @default 0 */
  loss?: number;
  /** Capacity of each direction's queue (drop-tail). @default unbounded */
  queue?: QueueLimit;
}

/** What a transmitter has done so far. */
export interface TransmitterStats {
  /** Messages admitted (queued or sent straight away). */
  messages: number;
  /** Bytes admitted. */
  bytes: number;
  /** Messages refused by a full queue. */
  dropped: number;
  /** Total serialisation time of admitted messages, in seconds. */
  busySeconds: number;
}

/** One direction of a link: a FIFO queue in front of a serialiser, then propagation. */
export class Transmitter {
  /** Time at which the last admitted message finishes serialisation, in seconds. */
  busyUntil = 0;
  readonly stats: TransmitterStats = { messages: 0, bytes: 0, dropped: 0, busySeconds: 0 };
  readonly bandwidthBitsPerSecond: number;
  readonly delaySeconds: number;
  readonly loss: number;
  private readonly queueLimitMessages: number;
  private readonly queueLimitBytes: number;

  /** Ring of (start time, bytes) of admitted messages that had not started at last trim. */
  private waitStart = new Float64Array(16);
  private waitBytes = new Float64Array(16);
  private waitHead = 0;
  private waitCount = 0;
  private waitingBytes = 0;

  /**
   * @param from sending node index
   * @param to receiving node index
   * @param lossStream the random stream for this direction's loss draws
   */
  constructor(
    readonly link: LinkConfig,
    readonly from: number,
    readonly to: number,
    readonly lossStream: RandomStream,
  ) {
    assertLinkConfig(link);
    this.bandwidthBitsPerSecond = link.bandwidthBitsPerSecond;
    this.delaySeconds = link.delaySeconds;
    this.loss = link.loss ?? 0;
    const queue = link.queue;
    this.queueLimitMessages = queue !== undefined && 'messages' in queue ? queue.messages : Infinity;
    this.queueLimitBytes = queue !== undefined && 'bytes' in queue ? queue.bytes : Infinity;
  }

  /**
   * Admits a message of `bytes` at time `now`. Returns its arrival time at the far end, or
   * -1 when the queue is full and the message is dropped.
   */
  admit(now: number, bytes: number): number {
    let start = now;
    if (this.busyUntil > now) {
      this.trimStarted(now);
      if (
        this.waitCount + 1 > this.queueLimitMessages ||
        this.waitingBytes + bytes > this.queueLimitBytes
      ) {
        this.stats.dropped++;
        return -1;
      }
      start = this.busyUntil;
      this.pushWaiting(start, bytes);
    }
    const transmissionSeconds = (bytes * 8) / this.bandwidthBitsPerSecond;
    this.busyUntil = start + transmissionSeconds;
    this.stats.messages++;
    this.stats.bytes += bytes;
    this.stats.busySeconds += transmissionSeconds;
    return this.busyUntil + this.delaySeconds;
  }

  /** True when the loss draw destroys the message now arriving (draws only if loss > 0). */
  shouldLose(): boolean {
    return this.loss > 0 && this.lossStream.uniform() < this.loss;
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
    const starts = new Float64Array(capacity * 2);
    const sizes = new Float64Array(capacity * 2);
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

/** Throws a RangeError naming the field when a link configuration is out of range. */
export function assertLinkConfig(link: LinkConfig): void {
  const bad = (field: string, expected: string, value: unknown): never => {
    throw new RangeError(`link "${link.name}": ${field} must be ${expected}, got ${String(value)}`);
  };
  const { bandwidthBitsPerSecond: bandwidth, delaySeconds: delay, loss = 0, queue } = link;
  if (!(bandwidth > 0 && bandwidth < Infinity)) bad('bandwidthBitsPerSecond', 'a finite number > 0', bandwidth);
  if (!(delay >= 0 && delay < Infinity)) bad('delaySeconds', 'a finite number >= 0', delay);
  if (!(loss >= 0 && loss <= 1)) bad('loss', 'a probability in [0, 1]', loss);
  if (queue !== undefined) {
    const limit = 'messages' in queue ? queue.messages : queue.bytes;
    if (!(Number.isInteger(limit) && limit >= 0)) bad('queue', 'a whole number >= 0', limit);
  }
}
