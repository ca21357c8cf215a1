/**
 * Generated links: their bounds, their draws (plain numbers, each shrinking toward the
 * simplest link: fastest, shortest delay, no loss, no jitter, no duplication) and the
 * parameters a draw makes, in scenario-file form.
 */
import fc from 'fast-check';
import { micros, type LinkData } from './case.js';
import { lowestMicros, microsBetween, probability } from './draw.js';

/** Bounds of generated link parameters. */
export interface LinkOptions {
  /** Highest loss probability (in steps of 0.01). @default 0.2 */
  maxLoss?: number;
  /** Propagation delay range, in microseconds (in steps of 100 µs). @default [100, 20000] */
  delayMicros?: readonly [number, number];
  /** Bandwidth range, in whole Mbit/s. @default [1, 100] */
  bandwidthMbps?: readonly [number, number];
  /** Largest jitter (uniform, from 0), in microseconds; 0 for none. @default 0 */
  maxJitterMicros?: number;
  /** Whether jitter may reorder messages on a link. @default false */
  reorder?: boolean;
  /** Highest duplication probability. @default 0 */
  maxDuplicate?: number;
}

/** A link's parameters: everything but `between`. */
export type LinkParams = Omit<LinkData, 'between'>;

const DEFAULT_BANDWIDTH_MBPS = [1, 100] as const;
const DEFAULT_DELAY_MICROS = [100, 20_000] as const;

/** The draws of a link: all shrink toward the simplest link. */
export interface LinkDraw {
  readonly slowdown: number;
  readonly delay: number;
  readonly loss: number;
  readonly jitter: number;
  readonly duplicate: number;
}

/** The link parameters that a draw makes. */
export function linkOf(draw: LinkDraw, options: LinkOptions): LinkParams {
  const maxRate = (options.bandwidthMbps ?? DEFAULT_BANDWIDTH_MBPS)[1];
  const { slowdown, delay, loss, jitter, duplicate } = draw;
  return {
    bandwidth: `${maxRate - slowdown}Mbps`,
    delay: micros(delay),
    ...(loss > 0 ? { loss } : {}),
    ...(jitter > 0 ? { jitter: `uniform(0us, ${micros(jitter)})`, ...(options.reorder === true ? { reorder: true } : {}) } : {}),
    ...(duplicate > 0 ? { duplicate } : {}),
  };
}

/** The simplest link draw: fastest, shortest, no loss, no jitter. */
export function simplestLink(options: LinkOptions): LinkDraw {
  return { slowdown: 0, delay: lowestMicros((options.delayMicros ?? DEFAULT_DELAY_MICROS)[0]), loss: 0, jitter: 0, duplicate: 0 };
}

/** Draws of one link. */
export function linkDraws(options: LinkOptions): fc.Arbitrary<LinkDraw> {
  const [minDelay, maxDelay] = options.delayMicros ?? DEFAULT_DELAY_MICROS;
  const [minRate, maxRate] = options.bandwidthMbps ?? DEFAULT_BANDWIDTH_MBPS;
  const maxJitter = options.maxJitterMicros ?? 0;
  return fc.record({
    // Shrinks toward the fastest link: a larger bandwidth is the simpler case.
    slowdown: fc.integer({ min: 0, max: maxRate - minRate }),
    delay: microsBetween(minDelay, maxDelay),
    loss: probability(options.maxLoss ?? 0.2),
    jitter: maxJitter > 0 ? microsBetween(0, maxJitter) : fc.constant(0),
    duplicate: (options.maxDuplicate ?? 0) > 0 ? probability(options.maxDuplicate!) : fc.constant(0),
  });
}

/** Parameters of one link (everything but `between`). */
export function linkParams(options: LinkOptions = {}): fc.Arbitrary<LinkParams> {
  return linkDraws(options).map((draw) => linkOf(draw, options));
}
