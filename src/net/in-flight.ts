/**
 * Messages between nodes: for each, its id, payload and the hop it is on, in recycled slots
 * of typed columns (a {@link SlotTable}), so memory follows the number of messages in
 * flight, not the number ever sent. An arrival event carries only the slot number.
 */
import { column } from '../engine/columns.js';
import { SlotTable } from '../engine/slot-table.js';

/** Slot numbers stay int32: arrival events carry them. */
const MAX_IN_FLIGHT = 2 ** 31 - 1;
const IN_FLIGHT_COLUMNS = {
  id: column(Int32Array),
  transmitter: column(Int32Array),
  hop: column(Int32Array),
  mark: column(Int32Array),
  finish: column(Float64Array),
};

/** A table of in-flight messages, indexed by slot. */
export class InFlightTable {
  private readonly slots = new SlotTable({ maxSlots: MAX_IN_FLIGHT, generationLimit: 1, columns: IN_FLIGHT_COLUMNS });
  private readonly payloads: unknown[] = [];

  /** Stores a message that is on no hop yet; returns its slot. */
  add(id: number, payload: unknown): number {
    const slot = this.slots.allocate();
    if (slot < 0) throw new RangeError(`more than ${this.slots.maxSlots} messages in flight`);
    const columns = this.slots.columns;
    columns.id[slot] = id;
    columns.transmitter[slot] = -1;
    this.payloads[slot] = payload;
    return slot;
  }

  /** Records the hop a message is now on, with the transmitter's cut mark when it was admitted. */
  setHop(slot: number, transmitter: number, hop: number, mark: number, finish: number): void {
    const columns = this.slots.columns;
    columns.transmitter[slot] = transmitter;
    columns.hop[slot] = hop;
    columns.mark[slot] = mark;
    columns.finish[slot] = finish;
  }

  idOf(slot: number): number {
    return this.slots.columns.id[slot]!;
  }

  /** Transmitter of the current hop, or -1 before the first. */
  transmitterOf(slot: number): number {
    return this.slots.columns.transmitter[slot]!;
  }

  /** Hop journal index of the current hop. */
  hopOf(slot: number): number {
    return this.slots.columns.hop[slot]!;
  }

  /** The transmitter's cut mark (see LinkState.mark) when the message was admitted to it. */
  markOf(slot: number): number {
    return this.slots.columns.mark[slot]!;
  }

  /** When the message finished (or finishes) serialisation on the current hop. */
  finishOf(slot: number): number {
    return this.slots.columns.finish[slot]!;
  }

  payloadOf(slot: number): unknown {
    return this.payloads[slot];
  }

  /** Frees a slot; returns the payload it held. */
  remove(slot: number): unknown {
    const payload = this.payloads[slot];
    this.payloads[slot] = undefined;
    this.slots.release(slot);
    return payload;
  }

  /** Calls `visit` with every slot in use, in slot order. */
  forEach(visit: (slot: number) => void): void {
    this.slots.forEachTaken(visit);
  }
}
