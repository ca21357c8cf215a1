/**
 * What the messaging layer reports about the logical messages it handles — one per message
 * and intended receiver: a p2p message, a request, a subscription, a publication and its
 * event to each subscriber, a broadcast to one node, a task — whatever frames they take on
 * the wire. Messaging code opens them, reports attempts, hand-overs to the application,
 * suppressed duplicates and how the sender settled, and says which frame it is about to send
 * for which message; an observer records that (the delivery ledger) or nothing
 * ({@link NO_OBSERVER}).
 *
 * Nothing of this travels on the wire. A sender keeps the number the observer gave a message
 * (its row) in its own state; a receiver finds it again from the ids its frames already carry
 * (a reliable envelope's stream and sequence number, a request id, a broadcast's origin and
 * id, …): each sender binds the ids it uses towards one receiver, in one {@link KeySpace}, to
 * the rows they stand for, and the receiver looks them up in the same space.
 */

/** Patterns a logical message can belong to. */
export const Pattern = { P2p: 0, RequestReply: 1, PubSub: 2, Broadcast: 3, WorkQueue: 4 } as const;
/** One of the {@link Pattern} codes. */
export type PatternCode = (typeof Pattern)[keyof typeof Pattern];
/** Pattern names by code, as results write them. */
export const PATTERN_NAMES = ['p2p', 'request-reply', 'pubsub', 'broadcast', 'work-queue'] as const;

/** How the sender side of a logical message ended. */
export const Settlement = {
  /** Not settled (at-most-once messages never are). */
  Open: 0,
  /** Acknowledged by the receiver (reliable delivery). */
  Acked: 1,
  /** Retries exhausted without an acknowledgement. */
  GaveUp: 2,
  /** A request answered. */
  Replied: 3,
  /** A request that timed out. */
  TimedOut: 4,
  /** A task acknowledged as done. */
  Completed: 5,
  /**
   * Never sent: an event for a subscriber whose subscription had not reached the fan-out
   * point when the publication did.
   */
  NotSubscribed: 6,
} as const;
/** One of the {@link Settlement} codes. */
export type SettlementCode = (typeof Settlement)[keyof typeof Settlement];
/** Settlement names by code. */
export const SETTLEMENT_NAMES = ['open', 'acked', 'gave_up', 'replied', 'timed_out', 'completed', 'not_subscribed'] as const;

/**
 * The kinds of ids frames carry, each numbering messages from one sender to one receiver:
 * reliable sequence numbers (per stream), request ids, subscription ids, publication ids,
 * event ids (per fan-out point), broadcast ids (per origin), task ids (per producer) and the
 * broker's ids of work handed to consumers.
 */
export type KeyScope = 'reliable' | 'request' | 'subscription' | 'publication' | 'event' | 'broadcast' | 'task' | 'work';

/** The ids one sender gives the messages it sends one receiver, bound to their rows. */
export interface KeySpace {
  /** The sender's message `id` is the logical message `row` (ignored for a row < 0). */
  bind(id: number, row: number): void;
  /** The row of the message the frames call `id`; -1 if none was bound. */
  find(id: number): number;
}

/**
 * The role a frame plays for its flow: its own messages, or replies, events,
 * subscriptions, work handed to consumers, completions, or acknowledgements of any of
 * these (a role of its own per acknowledged role, e.g. `event:ack`).
 */
export type FrameRole = 'message' | 'reply' | 'event' | 'subscribe' | 'work' | 'done' | 'consumer' | 'ack' | `${string}:ack`;

/**
 * What a frame is counted under in results: a flow and the frame's role in it. Labels are
 * made once per (flow, role) by {@link labelOf} and shared; `text` is how results write it:
 * the flow's name for its own messages, `<flow>:<role>` otherwise. A reliable stream is named
 * on the wire by its label's text.
 */
export interface FrameLabel {
  readonly flow: string;
  readonly role: FrameRole;
  readonly text: string;
}

const labels = new Map<string, FrameLabel>();

/** The label of `role` frames of `flow` (the same object every time). */
export function labelOf(flow: string, role: FrameRole): FrameLabel {
  const text = role === 'message' ? flow : `${flow}:${role}`;
  let label = labels.get(text);
  if (label === undefined) {
    label = Object.freeze({ flow, role, text });
    labels.set(text, label);
  }
  return label;
}

/**
 * The label a reliable stream's name stands for: the one {@link labelOf} made for that text,
 * or, for a name made elsewhere, a flow of that name.
 */
export function labelOfStream(text: string): FrameLabel {
  return labels.get(text) ?? labelOf(text, 'message');
}

/** The label of the acknowledgements of frames labelled `label`. */
export function ackLabelOf(label: FrameLabel): FrameLabel {
  return labelOf(label.flow, label.role === 'message' ? 'ack' : `${label.role}:ack`);
}

/** Told what the messaging layer does with logical messages and frames. */
export interface MessagingObserver {
  /** Opens a logical message from `src` to `dst`; returns its row (-1 if not kept). */
  open(flow: string | undefined, pattern: PatternCode, src: string, dst: string, group?: number): number;
  /** Opens one logical message per receiver, in consecutive rows; returns the first (-1 if none). */
  openBlock(flow: string | undefined, pattern: PatternCode, src: string, receivers: readonly string[]): number;
  /** The flow of a row, if kept. */
  flowOf(row: number): string | undefined;
  /** The row a row belongs with (a publication's, a broadcast's first), or -1. */
  groupOf(row: number): number;
  /** The ids `sender` gives messages to `receiver` of one kind (and stream, for reliable ones). */
  keys(scope: KeyScope, sender: string, receiver: string, stream?: string): KeySpace;
  /** The sender transmitted the row's message (again). */
  attempt(row: number): void;
  /** The receiver handed the message to its application. */
  delivered(row: number): void;
  /** The receiver recognised a duplicate and did not hand it over. */
  suppressed(row: number): void;
  /**
   * The sender settled the row. An acknowledgement is provisional (a reply, a timeout or a
   * completed task settles it for good); the first final settlement stays.
   */
  settle(row: number, settlement: SettlementCode): void;
  /**
   * The frame about to be handed to the transport, right after this call, belongs to `row`
   * (-1: to none) and is counted under `label` (none: uncounted).
   */
  framed(label: FrameLabel | undefined, row: number): void;
}

/** The key space kept for `peer` in `cache`, made by `make` on first use (patterns keep one per peer). */
export function keysOf(cache: Map<string, KeySpace>, peer: string, make: () => KeySpace): KeySpace {
  let keys = cache.get(peer);
  if (keys === undefined) cache.set(peer, (keys = make()));
  return keys;
}

/** A key space that keeps nothing. */
const NO_KEYS: KeySpace = { bind: () => {}, find: () => -1 };

/** An observer that keeps nothing. */
export const NO_OBSERVER: MessagingObserver = {
  open: () => -1,
  openBlock: () => -1,
  flowOf: () => undefined,
  groupOf: () => -1,
  keys: () => NO_KEYS,
  attempt: () => {},
  delivered: () => {},
  suppressed: () => {},
  settle: () => {},
  framed: () => {},
};
