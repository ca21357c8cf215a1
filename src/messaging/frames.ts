/**
 * Frames: what endpoints put on the wire, as small arrays (encoded by the endpoint's codec)
 * whose first element says what they are. Patterns add their own kinds; an endpoint
 * dispatches each arriving frame to the handler of its kind. Frames sent under a delivery
 * guarantee travel inside a binary envelope (envelope.ts), acknowledged by bare binary acks.
 *
 *   ["m", body]                                     a point-to-point message
 *   ["q", id, body] / ["r", id, body]               a request and its reply
 *   ["s", id, pattern, filter]                      subscribe (pub/sub)
 *   ["p", topic, body, wireBytes]                   publish, to a broker
 *   ["e", id, topic, body, publisher]               an event, to a subscriber
 *   ["b", origin, id, method, round, fanout, rounds, wireBytes, body]
 *                                                   a broadcast
 *   ["t", body, wireBytes] / ["w", task, redelivered, body] / ["k", task] / ["c", prefetch, epoch]
 *                                                   work queue: task, work, done, consumer
 *
 * A frame that a pattern passes on (a publication as events, a broadcast as relays, a task
 * as work) carries the size on the wire its sender gave it (`wireBytes`, or null for none),
 * so every copy has the size of the message it copies.
 */

/** Frame kinds (the first element of a frame). */
export const Kind = {
  Message: 'm',
  Request: 'q',
  Reply: 'r',
  Publish: 'p',
  Subscribe: 's',
  Event: 'e',
  Broadcast: 'b',
  Task: 't',
  Work: 'w',
  TaskDone: 'k',
  Consumer: 'c',
} as const;

/** A frame: its kind, then its fields. */
export type Frame = readonly [kind: string, ...fields: unknown[]];

/** Handles one arriving frame of a kind; `trace` is the sender's trace number (-1 if none). */
export type FrameHandler = (frame: Frame, from: string, trace: number) => unknown;
