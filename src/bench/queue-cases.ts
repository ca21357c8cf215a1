/**
 * The `event-queue` benchmark: the hold model on the bare event queue held as a heap and as
 * a ladder, for 10 to 10^6 pending events and three distributions of the increments, to
 * show where each structure is the faster (the queue as shipped switches between them at 64
 * pending; `hold` times that one through the simulator).
 *
 * Each event, when popped, pushes one successor at its time plus the next increment, so the
 * number pending stays put. The increments are drawn in advance from seeded streams (2^20
 * of them, used in turn) so that the queue is timed, not the draws: `exp` Exp(mean 1 s),
 * `uniform` U(0, 2 s), and `bimodal` 0.1·U(0, 1 s) nine times in ten and 10·U(0, 1 s) the
 * tenth, a mix of near and far events. Every run is timed after a warm-up of as many events
 * as are pending (at least 100,000), so that the pending times have their steady spread.
 */
import { performance } from 'node:perf_hooks';
import { EventQueue, type EventQueueOptions } from '../engine/event-queue.js';
import { RandomStream } from '../engine/random.js';
import type { BenchmarkCase, Figures } from './cases.js';

const STRUCTURES: readonly (readonly [string, EventQueueOptions])[] = [
  ['heap', { ladderAbove: Infinity }],
  ['ladder', { ladderAbove: 0, heapAtMost: 0 }],
];
const SIZES: readonly (readonly [string, number])[] = [
  ['10', 10],
  ['100', 100],
  ['1k', 1e3],
  ['10k', 1e4],
  ['100k', 1e5],
  ['1M', 1e6],
];
const DISTRIBUTIONS: readonly (readonly [string, (stream: RandomStream) => number])[] = [
  ['exp', (stream) => stream.exponential(1)],
  ['uniform', (stream) => 2 * stream.uniform()],
  ['bimodal', (stream) => (stream.uniform() < 0.9 ? 0.1 : 10) * stream.uniform()],
];
const INCREMENTS = 2 ** 20;
/** Events timed per run: enough for a second or so at the slower sizes, and 3 per pending event. */
const eventsFor = (pending: number): number => Math.max(2e6, 3 * pending);

/** The metric of one structure, size and distribution, in the order the table lists them. */
function metricName(distribution: string, size: string, structure: string): string {
  return `${distribution}_${size}_${structure}`;
}

/** The benchmark's metrics: events a second for each distribution, size and structure. */
export const EVENT_QUEUE_METRICS: BenchmarkCase['metrics'] = Object.fromEntries(
  DISTRIBUTIONS.flatMap(([distribution]) =>
    SIZES.flatMap(([size]) => STRUCTURES.map(([structure]) => [metricName(distribution, size, structure), { unit: 'events/s', target: 0, higherIsBetter: true }])),
  ),
);

const noop = (): void => {};

/** Pops `count` events, each pushing its successor, using increments from `next` on; returns where they stopped. */
function holdFor(queue: EventQueue, increments: Float64Array, next: number, count: number): number {
  const mask = INCREMENTS - 1;
  let last = 0;
  for (let i = 0; i < count; i++) {
    const time = queue.peekTime();
    if (!(time >= last)) throw new Error(`event-queue: an event at ${time} s came out after one at ${last} s`);
    last = time;
    queue.release(queue.popSlot());
    queue.push(time + increments[next++ & mask]!, noop, undefined);
  }
  return next;
}

/** Holds `pending` events for a warm-up and then `events` more, timed; returns events a second. */
function hold(options: EventQueueOptions, increments: Float64Array, pending: number, events: number): number {
  const queue = new EventQueue(options);
  let next = 0;
  for (; next < pending; next++) queue.push(increments[next]!, noop, undefined);
  next = holdFor(queue, increments, next, Math.max(pending, 100_000));
  const start = performance.now();
  holdFor(queue, increments, next, events);
  return events / ((performance.now() - start) / 1000);
}

/** Runs every structure, size and distribution once. */
export function eventQueue(): Figures {
  const figures: Figures = {};
  for (const [distribution, draw] of DISTRIBUTIONS) {
    const stream = new RandomStream(`bench/event-queue/${distribution}`, `1/bench/event-queue/${distribution}`);
    const increments = new Float64Array(INCREMENTS);
    for (let i = 0; i < INCREMENTS; i++) increments[i] = draw(stream);
    for (const [size, pending] of SIZES) {
      for (const [structure, options] of STRUCTURES) {
        figures[metricName(distribution, size, structure)] = hold(options, increments, pending, eventsFor(pending));
      }
    }
  }
  return figures;
}
