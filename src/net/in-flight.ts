/**
 * Messages between nodes: for each, its id, payload and the hop it is on, in recycled slots
 * of typed columns, so memory follows the number of messages in flight, not the number ever
 * sent. An arrival event carries only the slot number.
 */
import { resized } from '../engine/columns.js';

/** A table of in-flight messages, indexed by slot. */
export class InFlightTable {
  private ids = new Int32Array(64);
  private transmitters = new Int32Array(64);
  private hops = new Int32Array(64);
  private marks = new Int32Array(64);
  private finishes = new Float64Array(64);
  private readonly payloads: unknown[] = [];
  private readonly live: boolean[] = [];
  private readonly free: number[] = [];
  private used = 0;

  /** Stores a message that is on no hop yet; returns its slot. */
  add(id: number, payload: unknown): number {
    let slot = this.free.pop();
    if (slot === undefined) {
      slot = this.used++;
      if (slot === this.ids.length) this.resize(slot * 2);
    }
    this.ids[slot] = id;
    this.transmitters[slot] = -1;
    this.payloads[slot] = payload;
    this.live[slot] = true;
    return slot;
  }

  /** Records the hop a message is now on, with the transmitter's cut mark when it was admitted. */
  setHop(slot: number, transmitter: number, hop: number, mark: number, finish: number): void {
    this.transmitters[slot] = transmitter;
    this.hops[slot] = hop;
    this.marks[slot] = mark;
    this.finishes[slot] = finish;
  }

  idOf(slot: number): number {
    return this.ids[slot]!;
  }

  /** Transmitter of the current hop, or -1 before the first. */
  transmitterOf(slot: number): number {
    return this.transmitters[slot]!;
  }

  /** Hop journal index of the current hop. */
  hopOf(slot: number): number {
    return this.hops[slot]!;
  }

  /** The transmitter's cut mark (see LinkState.mark) when the message was admitted to it. */
  markOf(slot: number): number {
    return this.marks[slot]!;
  }

  /** When the message finished (or finishes) serialisation on the current hop. */
  finishOf(slot: number): number {
    return this.finishes[slot]!;
  }

  payloadOf(slot: number): unknown {
    return this.payloads[slot];
  }

  /** Frees a slot; returns the payload it held. */
  remove(slot: number): unknown {
    const payload = this.payloads[slot];
    this.payloads[slot] = undefined;
    this.live[slot] = false;
    this.free.push(slot);
    return payload;
  }

  /** Calls `visit` with every slot in use, in slot order. */
  forEach(visit: (slot: number) => void): void {
    for (let slot = 0; slot < this.used; slot++) if (this.live[slot] === true) visit(slot);
  }

  private resize(capacity: number): void {
    this.ids = resized(this.ids, capacity);
    this.transmitters = resized(this.transmitters, capacity);
    this.hops = resized(this.hops, capacity);
    this.marks = resized(this.marks, capacity);
    this.finishes = resized(this.finishes, capacity);
  }
}
