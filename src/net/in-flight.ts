/**
 * Messages between nodes: for each, the hop it is on and its payload, in recycled slots of
 * typed columns (a {@link SlotTable}), so memory follows the number of messages in flight,
 * not the number ever sent. An arrival event carries only the slot number. A message's id
 * is read from its hop's row of the hop journal (before its first hop, the hop column holds
 * it as −1 − id). A payload that is a frame of bytes is copied into a {@link FrameArena}
 * (no object per message in flight); any other payload is kept as it is.
 */
import { column } from '../engine/columns.js';
import { SlotTable } from '../engine/slot-table.js';
import { FrameArena, MAX_ARENA_FRAME } from './frame-arena.js';
import type { HopJournal } from './hop-journal.js';

/** Slot numbers stay int32: arrival events carry them. */
const MAX_IN_FLIGHT = 2 ** 31 - 1;
const IN_FLIGHT_COLUMNS = {
  /**
   * The hop journal's row of the current hop (which names the message and its transmitter),
   * or −1 − id before the first.
   */
  hop: column(Int32Array),
  mark: column(Int32Array),
  finish: column(Float64Array),
  /** Where the frame is in the arena, or -1 when the payload is kept as it is. */
  framePlace: column(Int32Array),
};

/** A table of in-flight messages, indexed by slot. */
export class InFlightTable {
  private readonly slots = new SlotTable({ maxSlots: MAX_IN_FLIGHT, generationLimit: 1, columns: IN_FLIGHT_COLUMNS });
  private readonly payloads: unknown[] = [];
  private readonly arena = new FrameArena();

  /** @param hops the journal whose rows name each hop's transmitter */
  constructor(private readonly hops: HopJournal) {}

  /** Stores a message that is on no hop yet; returns its slot. */
  add(id: number, payload: unknown): number {
    const slot = this.slots.allocate();
    if (slot < 0) throw new RangeError(`more than ${this.slots.maxSlots} messages in flight`);
    const columns = this.slots.columns;
    columns.hop[slot] = -1 - id;
    const place = payload instanceof Uint8Array && payload.length <= MAX_ARENA_FRAME ? this.arena.put(payload) : -1;
    columns.framePlace[slot] = place;
    if (place < 0) this.payloads[slot] = payload;
    return slot;
  }

  /** Stores a copy of the message in `slot` as message `id` (a duplicate); returns its slot. */
  addCopy(id: number, slot: number): number {
    const payload = this.payloadOf(slot);
    // Bytes are copied by the arena; a frame it does not hold is copied here.
    return this.add(id, payload instanceof Uint8Array && this.slots.columns.framePlace[slot]! < 0 ? payload.slice() : payload);
  }

  /** Records the hop a message is now on, with the transmitter's cut mark when it was admitted. */
  setHop(slot: number, hop: number, mark: number, finish: number): void {
    const columns = this.slots.columns;
    columns.hop[slot] = hop;
    columns.mark[slot] = mark;
    columns.finish[slot] = finish;
  }

  idOf(slot: number): number {
    const hop = this.slots.columns.hop[slot]!;
    return hop < 0 ? -1 - hop : this.hops.message[hop]!;
  }

  /** Transmitter of the current hop, or -1 before the first. */
  transmitterOf(slot: number): number {
    const hop = this.slots.columns.hop[slot]!;
    return hop < 0 ? -1 : this.hops.transmitter[hop]!;
  }

  /** Hop journal index of the current hop, or -1 before the first. */
  hopOf(slot: number): number {
    const hop = this.slots.columns.hop[slot]!;
    return hop < 0 ? -1 : hop;
  }

  /** The transmitter's cut mark (see LinkState.mark) when the message was admitted to it. */
  markOf(slot: number): number {
    return this.slots.columns.mark[slot]!;
  }

  /** When the message finished (or finishes) serialisation on the current hop. */
  finishOf(slot: number): number {
    return this.slots.columns.finish[slot]!;
  }

  /** The payload of a message still in flight (a frame: a view of the arena's bytes). */
  payloadOf(slot: number): unknown {
    const place = this.slots.columns.framePlace[slot]!;
    return place < 0 ? this.payloads[slot] : this.arena.view(place);
  }

  /** Frees a slot; returns the payload it held. */
  remove(slot: number): unknown {
    const place = this.slots.columns.framePlace[slot]!;
    let payload: unknown;
    if (place < 0) {
      payload = this.payloads[slot];
      this.payloads[slot] = undefined;
    } else {
      payload = this.arena.take(place);
    }
    this.slots.release(slot);
    return payload;
  }

  /** Calls `visit` with every slot in use, in slot order. */
  forEach(visit: (slot: number) => void): void {
    this.slots.forEachTaken(visit);
  }
}
