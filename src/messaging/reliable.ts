/**
 * Delivery guarantees over an unreliable transport, per stream (a flow) and peer.
 *
 * Sender: each message gets the next sequence number of its (peer, stream) and travels in a
 * data envelope (envelope.ts) with the stream, mode bits, seq and floor in front of the
 * encoded inner frame. With acknowledgements on, it stays pending until an acknowledgement of
 * (stream, seq) comes back; each timeout retransmits it, the waits growing by the
 * backoff factor and jittered, until the retry limit, when the sender gives up. `floor` is
 * the lowest sequence number the sender still stands behind (everything below is
 * acknowledged or given up), so an ordered receiver never waits for a message that will
 * not come.
 *
 * A pattern may end a message's retransmissions early, when its exchange is over (see
 * {@link ReliableLayer.abandon}): a request answered or timed out needs no acknowledgement.
 *
 * Receiver: acknowledges every copy (also duplicates, so the sender stops); then, ordered,
 * hands messages over in sequence order from a reorder buffer (without acknowledgements:
 * in order, skipping the missing ones); with de-duplication, hands each sequence number over
 * once (within a bounded window); otherwise hands over every copy. Inner frames are decoded
 * only when handed over, so suppressed duplicates cost no decoding.
 */
import { NO_TIMER, type Clock, type RandomSource, type TimerHandle } from '../runtime/seam.js';
import { DedupeWindow } from './dedupe.js';
import { ModeBit, retryWait, type RetryPolicy } from './delivery.js';
import { EnvelopeKind, readEnvelope, sameBytes, writeAck, writeData, type EnvelopeFields } from './envelope.js';
import type { Frame } from './frames.js';
import { ackLabelOf, labelOfStream, Settlement, type FrameLabel, type KeySpace, type MessagingObserver } from './observer.js';

/** Most out-of-order messages an ordered stream buffers; beyond it they are neither acknowledged nor kept, so they are retransmitted. */
export const REORDER_BUFFER_LIMIT = 4096;

/** What the reliable layer needs from its endpoint. */
export interface Wire {
  /** This node's name. */
  readonly address: string;
  readonly clock: Clock;
  readonly observer: MessagingObserver;
  /** Encodes a frame. */
  encode(frame: Frame): Uint8Array;
  /** Decodes a frame. */
  decode(bytes: Uint8Array): Frame;
  /** Padding that brings `bytes` to `wireBytes` on the wire (0 without a target). */
  padding(bytes: Uint8Array, wireBytes: number | undefined): number;
  /** Sends encoded bytes, counted under `label` as a frame of logical message `row`. */
  transmitBytes(to: string, bytes: Uint8Array, paddingBytes: number, label: FrameLabel | undefined, row: number): void;
  /** Hands a decoded inner frame to the endpoint's handlers (`row`: its logical message, or -1); returns what the handler returned. */
  dispatch(inner: Frame, from: string, row: number): unknown;
  /** A random stream of the node (for jitter). */
  random(name: string): RandomSource;
}

/** A message waiting for its acknowledgement, with what it takes to send it again. */
interface Pending {
  readonly channel: Outbound;
  readonly seq: number;
  readonly policy: RetryPolicy;
  readonly to: string;
  readonly bytes: Uint8Array;
  readonly paddingBytes: number;
  readonly label: FrameLabel | undefined;
  /** The logical message the frame belongs to, or -1. */
  readonly row: number;
  /** Whether the frame is part of the row's exchange rather than its message (its transmissions are not the row's). */
  readonly related: boolean;
  retries: number;
  timer: TimerHandle;
}

/**
 * The sending side of one (peer, stream): its next sequence number and the messages awaiting
 * acknowledgement, in a ring indexed by sequence number that spans [floor, nextSeq) and
 * doubles when that span outgrows it.
 */
class Outbound {
  nextSeq = 0;
  /** The rows of the messages sent, by sequence number (bound once needed). */
  keys: KeySpace | undefined;
  /** Lowest sequence number still pending, or nextSeq if none is. */
  private lowest = 0;
  private ring: (Pending | undefined)[] = new Array<Pending | undefined>(64).fill(undefined);
  private mask = 63;

  /** @param streamBytes the stream name in UTF-8, as envelopes carry it */
  constructor(readonly streamBytes: Uint8Array) {}

  /** Lowest sequence number still pending, or the next one if none is. */
  floor(): number {
    while (this.lowest < this.nextSeq && this.ring[this.lowest & this.mask] === undefined) this.lowest++;
    return this.lowest;
  }

  /** The pending message `seq`, if it is still pending. */
  get(seq: number): Pending | undefined {
    const pending = seq >= this.lowest && seq < this.nextSeq ? this.ring[seq & this.mask] : undefined;
    return pending?.seq === seq ? pending : undefined;
  }

  /** Adds message `seq` (the last one sent) as pending. */
  add(pending: Pending): void {
    if (pending.seq - this.lowest > this.mask) this.grow();
    this.ring[pending.seq & this.mask] = pending;
  }

  /** The pending message of ledger row `row`, if one is pending. */
  findRow(row: number): Pending | undefined {
    for (let seq = this.lowest; seq < this.nextSeq; seq++) {
      const pending = this.ring[seq & this.mask];
      if (pending?.row === row) return pending;
    }
    return undefined;
  }

  /** Settles message `seq`: no longer pending. */
  remove(seq: number): void {
    this.ring[seq & this.mask] = undefined;
    this.floor();
  }

  private grow(): void {
    // Filled, so the engine keeps a plain array rather than a sparse dictionary when it is large.
    const ring = new Array<Pending | undefined>(2 * this.ring.length).fill(undefined);
    const mask = ring.length - 1;
    for (let seq = this.lowest; seq < this.nextSeq; seq++) ring[seq & mask] = this.ring[seq & this.mask];
    this.ring = ring;
    this.mask = mask;
  }
}

class Inbound {
  nextExpected = 0;
  window: DedupeWindow | undefined;
  /** Encoded inner frames waiting for their turn, by sequence number. */
  buffer: Map<number, Uint8Array> | undefined;
  /** The label its acknowledgements go under, once needed (null: none). */
  ackLabel: FrameLabel | null | undefined;
  /** The rows of the messages of this stream, by sequence number, as the sender bound them. */
  keys: KeySpace | undefined;
  constructor(readonly streamBytes: Uint8Array) {}
}

const utf8 = new TextEncoder();
const utf8Decoder = new TextDecoder();

/** Reliable streams of one endpoint, to and from every peer. */
export class ReliableLayer {
  private readonly outbound = new Map<string, Map<string, Outbound>>();
  private readonly inbound = new Map<string, Map<string, Inbound>>();
  /** The last channels used: most traffic runs on one stream to one peer. */
  private lastOut: { peer: string; stream: string; channel: Outbound } | undefined;
  private lastIn: { peer: string; channel: Inbound } | undefined;
  /** The header of the envelope being read. */
  private readonly fields: EnvelopeFields = { kind: 0, mode: 0, streamStart: 0, streamEnd: 0, seq: 0, floor: 0, innerStart: 0 };
  private readonly jitter: RandomSource;
  /** Results of handlers that returned promises, gathered while one frame is received. */
  private results: unknown[] | undefined;

  constructor(private readonly wire: Wire) {
    this.jitter = wire.random('reliable/jitter');
  }

  /**
   * Sends `inner` to `to` on the stream named by its label, with the given mode bits, as a
   * frame of logical message `row` (its own message, or, `related`, part of its exchange).
   */
  send(to: string, label: FrameLabel | undefined, mode: number, inner: Frame, policy: RetryPolicy, row: number, related: boolean, wireBytes?: number): void {
    const stream = label?.text ?? '';
    const channel = this.outboundChannel(to, stream);
    const seq = channel.nextSeq;
    // Taken before this message counts as sent, so the floor never passes it.
    const floor = mode & ModeBit.Ack ? channel.floor() : seq;
    channel.nextSeq++;
    const wire = this.wire;
    // The receiver finds the row again by (sender, stream, seq); a related frame is not the row's message.
    if (row >= 0 && !related) (channel.keys ??= wire.observer.keys('reliable', wire.address, to, stream)).bind(seq, row);
    const bytes = writeData(channel.streamBytes, mode, seq, floor, wire.encode(inner));
    const paddingBytes = wire.padding(bytes, wireBytes);
    wire.transmitBytes(to, bytes, paddingBytes, label, row);
    if (!related) wire.observer.attempt(row);
    if ((mode & ModeBit.Ack) === 0) return;
    const pending: Pending = { channel, seq, policy, to, bytes, paddingBytes, label, row, related, retries: 0, timer: NO_TIMER };
    channel.add(pending);
    this.arm(pending);
  }

  /**
   * An arriving envelope (data or acknowledgement). Returns what the handlers of the frames
   * it hands over returned (one promise for all of them, if any returned one), for the
   * runtime to await.
   */
  receive(bytes: Uint8Array, from: string): unknown {
    const fields = readEnvelope(bytes, this.fields);
    if (fields.kind === EnvelopeKind.Ack) {
      this.acknowledge(bytes, fields, from);
      return undefined;
    }
    this.results = undefined;
    this.receiveData(bytes, fields, from);
    const results = this.results as unknown[] | undefined;
    this.results = undefined;
    if (results === undefined) return undefined;
    return results.length === 1 ? results[0] : Promise.all(results);
  }

  private deliver(inner: Uint8Array, from: string, row: number): void {
    const result = this.wire.dispatch(this.wire.decode(inner), from, row);
    if (result !== null && typeof result === 'object' && typeof (result as PromiseLike<unknown>).then === 'function') {
      (this.results ??= []).push(result);
    }
  }

  private receiveData(bytes: Uint8Array, fields: EnvelopeFields, from: string): void {
    const { mode, seq, floor } = fields;
    const channel = this.inboundChannel(from, bytes, fields);
    // Neither acknowledged nor kept when the reorder buffer is full: the sender will retransmit.
    if (mode & ModeBit.Ordered && mode & ModeBit.Ack && this.bufferFull(channel, seq, floor)) return;
    const row = this.rowOf(channel, from, seq);
    if (mode & ModeBit.Ack) this.wire.transmitBytes(from, writeAck(channel.streamBytes, seq), 0, this.ackLabel(channel), row);
    const inner = bytes.subarray(fields.innerStart);
    if (mode & ModeBit.Ordered) {
      this.receiveOrdered(channel, mode, seq, floor, inner, from, row);
    } else if (mode & ModeBit.Dedupe) {
      channel.window ??= new DedupeWindow();
      if (channel.window.has(seq)) {
        this.wire.observer.suppressed(row);
        return;
      }
      channel.window.add(seq);
      this.deliver(inner, from, row);
    } else {
      this.deliver(inner, from, row);
    }
  }

  /** The logical message of message `seq` of an inbound stream, as its sender bound it (-1: none). */
  private rowOf(channel: Inbound, from: string, seq: number): number {
    channel.keys ??= this.wire.observer.keys('reliable', from, this.wire.address, utf8Decoder.decode(channel.streamBytes));
    return channel.keys.find(seq);
  }

  /** An arriving acknowledgement. */
  private acknowledge(bytes: Uint8Array, fields: EnvelopeFields, from: string): void {
    const last = this.lastOut;
    const channel =
      last !== undefined && last.peer === from && sameBytes(bytes, fields.streamStart, fields.streamEnd, last.channel.streamBytes)
        ? last.channel
        : this.outbound.get(from)?.get(utf8Decoder.decode(bytes.subarray(fields.streamStart, fields.streamEnd)));
    const pending = channel?.get(fields.seq);
    if (channel === undefined || pending === undefined) return;
    this.wire.clock.cancelTimer(pending.timer);
    channel.remove(fields.seq);
    if (!pending.related) this.wire.observer.settle(pending.row, Settlement.Acked);
  }

  private receiveOrdered(channel: Inbound, mode: number, seq: number, floor: number, inner: Uint8Array, from: string, row: number): void {
    const observer = this.wire.observer;
    // Below the floor everything was acknowledged or given up: hand over what is buffered
    // there, in order, and stop waiting for the rest.
    while (channel.nextExpected < floor) this.handOver(channel, channel.nextExpected++, from);
    if (seq < channel.nextExpected) {
      observer.suppressed(row);
      return;
    }
    if (seq > channel.nextExpected) {
      if ((mode & ModeBit.Ack) === 0) {
        // Nothing will fill the gap: hand it over, skipping what is missing.
        channel.nextExpected = seq + 1;
        this.deliver(inner, from, row);
        return;
      }
      channel.buffer ??= new Map();
      if (channel.buffer.has(seq)) observer.suppressed(row);
      else channel.buffer.set(seq, inner);
      return;
    }
    channel.nextExpected = seq + 1;
    this.deliver(inner, from, row);
    while (channel.buffer?.has(channel.nextExpected) === true) this.handOver(channel, channel.nextExpected++, from);
  }

  /** Whether `seq` would have to wait in a reorder buffer that has no room left. */
  private bufferFull(channel: Inbound, seq: number, floor: number): boolean {
    const buffer = channel.buffer;
    if (buffer === undefined || buffer.size < REORDER_BUFFER_LIMIT) return false;
    return seq > Math.max(channel.nextExpected, floor) && !buffer.has(seq);
  }

  /** Hands over the buffered message `seq`, if there is one. */
  private handOver(channel: Inbound, seq: number, from: string): void {
    const buffered = channel.buffer?.get(seq);
    if (buffered === undefined) return;
    channel.buffer!.delete(seq);
    this.deliver(buffered, from, this.rowOf(channel, from, seq));
  }

  /**
   * Stops retransmitting the pending message of logical message `row` to `to` on `stream`, if
   * there is one: its exchange is over (a reply came back, or its sender stopped waiting).
   * It stops being pending, so the floor moves past it as past a message given up; its row's
   * settlement is the caller's to make. Returns whether there was one.
   */
  abandon(to: string, stream: string, row: number): boolean {
    if (row < 0) return false;
    const channel = this.outbound.get(to)?.get(stream);
    const pending = channel?.findRow(row);
    if (channel === undefined || pending === undefined) return false;
    this.wire.clock.cancelTimer(pending.timer);
    channel.remove(pending.seq);
    return true;
  }

  /** Schedules the retransmission (or the end) of a pending message. */
  private arm(pending: Pending): void {
    const policy = pending.policy;
    const spread = policy.jitter === 0 ? 1 : 1 + policy.jitter * (2 * this.jitter.uniform() - 1);
    pending.timer = this.wire.clock.setTimer(retryWait(policy, pending.retries) * spread, this.timedOut, pending);
  }

  /** A pending message's timer fired: retransmit it, or give up after the last retry. */
  private readonly timedOut = (pending: Pending): void => {
    const wire = this.wire;
    if (pending.retries >= pending.policy.maxRetries) {
      pending.channel.remove(pending.seq);
      if (!pending.related) wire.observer.settle(pending.row, Settlement.GaveUp);
      return;
    }
    pending.retries++;
    wire.transmitBytes(pending.to, pending.bytes, pending.paddingBytes, pending.label, pending.row);
    if (!pending.related) wire.observer.attempt(pending.row);
    this.arm(pending);
  };

  private outboundChannel(peer: string, stream: string): Outbound {
    const last = this.lastOut;
    if (last !== undefined && last.peer === peer && last.stream === stream) return last.channel;
    const channel = channelOf(this.outbound, peer, stream, () => new Outbound(utf8.encode(stream)));
    this.lastOut = { peer, stream, channel };
    return channel;
  }

  /** The inbound channel of the stream an envelope names, from `peer`. */
  private inboundChannel(peer: string, bytes: Uint8Array, fields: EnvelopeFields): Inbound {
    const last = this.lastIn;
    if (last !== undefined && last.peer === peer && sameBytes(bytes, fields.streamStart, fields.streamEnd, last.channel.streamBytes)) return last.channel;
    const streamBytes = bytes.slice(fields.streamStart, fields.streamEnd);
    const channel = channelOf(this.inbound, peer, utf8Decoder.decode(streamBytes), () => new Inbound(streamBytes));
    this.lastIn = { peer, channel };
    return channel;
  }

  /** The label of a stream's acknowledgements ("<stream>:ack"; none for the unnamed stream). */
  private ackLabel(channel: Inbound): FrameLabel | undefined {
    channel.ackLabel ??= channel.streamBytes.length === 0 ? null : ackLabelOf(labelOfStream(utf8Decoder.decode(channel.streamBytes)));
    return channel.ackLabel ?? undefined;
  }
}

/** The channel of (peer, stream) in a two-level map, made on first use. */
function channelOf<C>(map: Map<string, Map<string, C>>, peer: string, stream: string, make: () => C): C {
  let byStream = map.get(peer);
  if (byStream === undefined) {
    byStream = new Map();
    map.set(peer, byStream);
  }
  let channel = byStream.get(stream);
  if (channel === undefined) {
    channel = make();
    byStream.set(stream, channel);
  }
  return channel;
}
