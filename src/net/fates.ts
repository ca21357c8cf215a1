/**
 * The one table of frame fates: every way a frame (a message on the wire, or a copy a link
 * made of one) and every hop it takes can end, each with its numeric code, its name as
 * results spell it, the coarse outcome it counts under and a line saying what it means.
 *
 * The message journal stores a fate per message and the hop journal one per hop (the same
 * codes); the network's observer is told the fate of every frame it destroys, and the
 * trace, messages.csv (`reason`) and links.csv (its drop columns, summed by outcome) all
 * spell fates by the names here. A cause has one fate wherever it strikes: a frame for a
 * node that is down is `receiver_down` whether it was sent locally, arrived over a link or
 * found no route because its destination was down.
 *
 * `scope` says which journal holds the fate: a message ends `delivered` where its last hop
 * ended `arrived`; a frame never sent (its sender down) or stopped between hops (no route)
 * has a message fate and no hop of that fate.
 */
import { Outcome, OUTCOME_NAMES, type OutcomeCode, type OutcomeName } from './outcome.js';

/** One row of {@link FATES}. */
export interface FateRow {
  /** The numeric code the journals store (the row's position in the table). */
  readonly code: number;
  /** The constant's name in {@link Fate}. */
  readonly key: string;
  /** The name results use: messages.csv's `reason`, the trace's drop `cause`. */
  readonly name: string;
  /** The coarse outcome a message with this fate counts under; undefined for a hop's fate only. */
  readonly outcome: OutcomeName | undefined;
  /** Which journal holds it: a message's fate, a hop's, or both. */
  readonly scope: 'message' | 'hop' | 'both';
  /** What happened to the frame. */
  readonly meaning: string;
}

/** Every fate, in code order. */
export const FATES = [
  { code: 0, key: 'InFlight', name: 'in_flight', outcome: 'in_flight', scope: 'both', meaning: 'still queued, on the wire or propagating when the run ended (the fate until another is given)' },
  { code: 1, key: 'Delivered', name: 'delivered', outcome: 'delivered', scope: 'message', meaning: 'reached its destination node and was handed to the receiver' },
  { code: 2, key: 'Arrived', name: 'arrived', outcome: undefined, scope: 'hop', meaning: 'reached the far end of the hop intact, to be delivered or forwarded there' },
  { code: 3, key: 'QueueFull', name: 'queue_full', outcome: 'dropped', scope: 'both', meaning: "refused by the full queue of the link direction it was offered to (drop-tail)" },
  { code: 4, key: 'Lost', name: 'lost', outcome: 'lost', scope: 'both', meaning: "transmitted, then destroyed by the link's loss model at the end of the hop" },
  { code: 5, key: 'Corrupted', name: 'corrupted', outcome: 'corrupted', scope: 'both', meaning: 'arrived damaged at the end of the hop and failed the frame check there' },
  { code: 6, key: 'LinkDown', name: 'link_down', outcome: 'dropped_fault', scope: 'both', meaning: 'queued, serialising or propagating on a link when it went down' },
  { code: 7, key: 'Partitioned', name: 'partitioned', outcome: 'dropped_fault', scope: 'both', meaning: 'queued, serialising or propagating on a link direction when a partition cut it' },
  { code: 8, key: 'SenderCrashed', name: 'sender_crashed', outcome: 'dropped_fault', scope: 'both', meaning: 'queued or still serialising when its sending node crashed (what had fully left goes on)' },
  { code: 9, key: 'ReceiverDown', name: 'receiver_down', outcome: 'dropped_fault', scope: 'both', meaning: 'for a node that was down: it arrived there over a link, was sent to it locally, or found no route because its destination was down' },
  { code: 10, key: 'SenderDown', name: 'sender_down', outcome: 'dropped_fault', scope: 'message', meaning: 'sent by a node that was down' },
  { code: 11, key: 'NoRoute', name: 'no_route', outcome: 'dropped_fault', scope: 'message', meaning: 'no usable path led from the node it was at to its destination, which was up' },
] as const satisfies readonly FateRow[];

type Row = (typeof FATES)[number];

/** Fate codes by name, as stored in {@link MessageJournal.fate} and {@link HopJournal.fate}. */
export const Fate = Object.fromEntries(FATES.map((row) => [row.key, row.code])) as { readonly [R in Row as R['key']]: R['code'] };

/** One of the {@link Fate} codes. */
export type FateCode = Row['code'];

/** A fate's name as results spell it, e.g. "receiver_down". */
export type FateName = Row['name'];

/** The names of the fates that destroy a frame (every fate but in_flight, delivered and arrived). */
export type DropFateName = Extract<Row, { outcome: 'lost' | 'dropped' | 'dropped_fault' | 'corrupted' }>['name'];

/** Fate names by code. */
export const FATE_NAMES: readonly FateName[] = FATES.map((row) => row.name);

/** The names of the fates that destroy a frame, in code order. */
export const DROP_FATE_NAMES: readonly DropFateName[] = FATES.filter((row) => row.outcome !== undefined && row.outcome !== 'in_flight' && row.outcome !== 'delivered').map(
  (row) => row.name as DropFateName,
);

/** Marks a fate that no message can have (a hop's `arrived`) in {@link FATE_OUTCOME}. */
export const NO_OUTCOME = 255;

/** The {@link Outcome} code of each fate (index = fate code); {@link NO_OUTCOME} for hop-only fates. */
export const FATE_OUTCOME: Readonly<Uint8Array> = Uint8Array.from(FATES, (row) => (row.outcome === undefined ? NO_OUTCOME : OUTCOME_NAMES.indexOf(row.outcome)));

/** Whether a fate destroys the frame it befalls. */
export function isDrop(fate: number): boolean {
  const outcome = FATE_OUTCOME[fate];
  return outcome !== undefined && outcome !== NO_OUTCOME && outcome !== Outcome.InFlight && outcome !== Outcome.Delivered;
}

/** Sums counts kept per fate code (e.g. a link direction's hop fates) by outcome code. */
export function countsByOutcome(perFate: ArrayLike<number>): number[] {
  const counts = OUTCOME_NAMES.map(() => 0);
  for (let fate = 0; fate < perFate.length; fate++) {
    const outcome = FATE_OUTCOME[fate]!;
    if (outcome !== NO_OUTCOME) counts[outcome as OutcomeCode]! += perFate[fate]!;
  }
  return counts;
}
