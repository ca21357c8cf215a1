/**
 * The coarse outcomes of messages: the six classes that per-flow counts, the `outcome`
 * column of messages.csv and sent = Σ outcomes are stated in. Every message sent (and every
 * copy a link makes) ends in exactly one. The precise fate behind each outcome (which fault,
 * which drop) is in the table of fates.ts; each fate names the outcome it counts under.
 */

/** Numeric outcome codes, as stored in {@link MessageJournal.outcome}. */
export const Outcome = {
  /** Still queued, on the wire or propagating when the run ended (also the initial state). */
  InFlight: 0,
  /** Reached its destination node and was handed to the receiver. */
  Delivered: 1,
  /** Transmitted, then destroyed by a link's loss model. */
  Lost: 2,
  /** Refused by a full link queue (drop-tail). */
  Dropped: 3,
  /** Destroyed by a fault: no route, a link down or cut by a partition, a node down. */
  DroppedFault: 4,
  /** Arrived damaged at the end of a hop and failed the frame check there. */
  Corrupted: 5,
} as const;

/** One of the {@link Outcome} codes. */
export type OutcomeCode = (typeof Outcome)[keyof typeof Outcome];

/** Outcome names as they appear in results (index = code). */
export const OUTCOME_NAMES = ['in_flight', 'delivered', 'lost', 'dropped', 'dropped_fault', 'corrupted'] as const;

/** The name of an outcome as written in results, e.g. "in_flight". */
export type OutcomeName = (typeof OUTCOME_NAMES)[number];
