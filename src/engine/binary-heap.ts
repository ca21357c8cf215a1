/**
 * A binary min-heap kept in a plain array, for the few places outside the event queue that
 * need the smallest item first (a reference shortest-path search, a trace's pending
 * transmissions). Items come out by `key`; equal keys come out in no particular order.
 */

/** Adds `item` to the heap. */
export function heapPush<T>(heap: T[], item: T, key: (item: T) => number): void {
  heap.push(item);
  const k = key(item);
  let i = heap.length - 1;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (key(heap[parent]!) <= k) break;
    heap[i] = heap[parent]!;
    i = parent;
  }
  heap[i] = item;
}

/** Removes and returns the item with the smallest key; the heap must not be empty. */
export function heapPop<T>(heap: T[], key: (item: T) => number): T {
  const top = heap[0]!;
  const last = heap.pop()!;
  if (heap.length > 0) {
    const k = key(last);
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= heap.length) break;
      const child = left + 1 < heap.length && key(heap[left + 1]!) < key(heap[left]!) ? left + 1 : left;
      if (key(heap[child]!) >= k) break;
      heap[i] = heap[child]!;
      i = child;
    }
    heap[i] = last;
  }
  return top;
}
