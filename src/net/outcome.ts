/**
 * The fates a message can meet. Every message sent ends in exactly one of them, so
 * sent = Σ outcomes holds for every run; the codes are what the journal stores.
 */

/** Numeric outcome codes, as stored in {@link MessageJournal.outcome}. */
export const Outcome = {
  /** Still queued, on the wire or propagating when the run ended (also the initial state). */
  InFlight: 0,
  /** Reached its destination node and was handed to the receiver. */
  Delivered: 1,
  /** Transmitted, then destroyed by the link's loss draw. */
  Lost: 2,
  /** Refused by a full link queue (drop-tail). */
  Dropped: 3,
} as const;

/** One of the {@link Outcome} codes. */
export type OutcomeCode = (typeof Outcome)[keyof typeof Outcome];

/** Outcome names as they appear in results (index = code). */
export const OUTCOME_NAMES = ['in_flight', 'delivered', 'lost', 'dropped'] as const;

/** The name of an outcome as written in results, e.g. "in_flight". */
export type OutcomeName = (typeof OUTCOME_NAMES)[number];
