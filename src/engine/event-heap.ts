/**
 * The event queue's heap: an implicit 4-ary min-heap of event slots ordered by (time,
 * sequence), in typed arrays owned by its caller, allocating nothing per entry; and the
 * other small pieces of that order the ladder uses (sorting a few entries, a span's ends).
 *
 * It serves twice: as the whole event queue while few events are pending (event-queue.ts),
 * and as part of the ladder's bottom, for events that arrive in the range being drained
 * (ladder-queue.ts). The heap holds (time, slot) pairs; each slot's sequence number sits in
 * the event queue's column and is read only on a tie, so moving an entry costs two writes.
 * The two are plain functions over the arrays, so that each caller keeps its heap in fields
 * of its own and the hot path reaches it without a step through another object.
 *
 * The loop is written here, for this order, rather than taken from heap.ts: the shared heap
 * (an arity chosen at construction, ties it keeps itself) cost the hold benchmark about 6%
 * more instructions. Every other heap in msgsim is heap.ts.
 */

/** Moves a hole at `index` up until (time, `seqs[slot]`) fits, then puts the entry there. */
export function siftUp(times: Float64Array, slots: Int32Array, seqs: Float64Array, index: number, time: number, slot: number): void {
  const seq = seqs[slot]!;
  while (index > 0) {
    const parent = (index - 1) >> 2;
    const parentTime = times[parent]!;
    if (parentTime < time || (parentTime === time && seqs[slots[parent]!]! < seq)) break;
    times[index] = parentTime;
    slots[index] = slots[parent]!;
    index = parent;
  }
  times[index] = time;
  slots[index] = slot;
}

/**
 * Removes the root of a heap of `length` (≥ 1) entries and returns its slot; the last entry
 * sifts down into the hole. The heap then holds `length − 1`.
 */
export function removeRoot(times: Float64Array, slots: Int32Array, seqs: Float64Array, length: number): number {
  const top = slots[0]!;
  const last = length - 1;
  if (last === 0) return top;
  const time = times[last]!;
  const slot = slots[last]!;
  const seq = seqs[slot]!;
  let hole = 0;
  for (;;) {
    const first = 4 * hole + 1;
    if (first >= last) break;
    let best = first;
    let bestTime = times[first]!;
    const end = first + 4 < last ? first + 4 : last;
    for (let child = first + 1; child < end; child++) {
      const childTime = times[child]!;
      if (childTime < bestTime || (childTime === bestTime && seqs[slots[child]!]! < seqs[slots[best]!]!)) {
        best = child;
        bestTime = childTime;
      }
    }
    if (time < bestTime || (time === bestTime && seq < seqs[slots[best]!]!)) break;
    times[hole] = bestTime;
    slots[hole] = slots[best]!;
    hole = best;
  }
  times[hole] = time;
  slots[hole] = slot;
  return top;
}

/** Insertion sort of entries [0, count) by (time, `seqs[slot]`): for a few (a ladder bucket). */
export function sortFew(times: Float64Array, slots: Int32Array, seqs: Float64Array, count: number): void {
  for (let i = 1; i < count; i++) {
    const time = times[i]!;
    const slot = slots[i]!;
    let j = i - 1;
    for (; j >= 0; j--) {
      const other = times[j]!;
      // Sequence numbers are read on ties only: they sit by slot, far apart in memory.
      if (other < time || (other === time && seqs[slots[j]!]! < seqs[slot]!)) break;
      times[j + 1] = other;
      slots[j + 1] = slots[j]!;
    }
    times[j + 1] = time;
    slots[j + 1] = slot;
  }
}

/** The least of `times[from … to)`, Infinity if there are none. */
export function minOf(times: Float64Array, from: number, to: number): number {
  let min = Infinity;
  for (let i = from; i < to; i++) if (times[i]! < min) min = times[i]!;
  return min;
}

/** The greatest of `times[from … to)`, -Infinity if there are none. */
export function maxOf(times: Float64Array, from: number, to: number): number {
  let max = -Infinity;
  for (let i = from; i < to; i++) if (times[i]! > max) max = times[i]!;
  return max;
}
