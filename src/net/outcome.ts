/**
 * The fates a message can meet, and the fates of each hop it takes. Every message sent
 * (and every copy a link makes) ends in exactly one outcome, so sent = Σ outcomes holds for
 * every run; the codes are what the journals store.
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
  /** Destroyed by a fault: no route, a link down or cut by a partition, a crashed node. */
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

/** Fates of one hop, as stored in {@link HopJournal.fate}. */
export const HopFate = {
  /** Admitted to the transmitter; not yet at the far end when the run ended. */
  InFlight: 0,
  /** Reached the far end of the hop intact. */
  Arrived: 1,
  /** Refused by the transmitter's full queue. */
  Refused: 2,
  /** Lost by the loss model at the end of the hop. */
  Lost: 3,
  /** Damaged on the hop. */
  Corrupted: 4,
  /** Destroyed by a fault while on this hop. */
  Fault: 5,
} as const;

/** One of the {@link HopFate} codes. */
export type HopFateCode = (typeof HopFate)[keyof typeof HopFate];
