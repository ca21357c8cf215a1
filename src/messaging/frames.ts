/**
 * Frames: what endpoints put on the wire, as small JSON arrays whose first element says
 * what they are. Patterns add their own kinds; an endpoint dispatches each arriving frame to
 * the handler of its kind.
 *
 *   ["m", body]                                 a point-to-point message
 *   ["d", stream, mode, seq, floor, inner]      an inner frame under a delivery guarantee
 *   ["a", stream, seq]                          its acknowledgement
 *   ["q", id, body] / ["r", id, body]           a request and its reply
 *   ["p", topic, body] / ["s", topic, filter] / ["e", topic, body]
 *                                               publish, subscribe, event (pub/sub)
 *   ["b", origin, id, method, round, body]      a broadcast
 *   ["t", body] / ["w", task, redelivered, body] / ["k", task] / ["c", prefetch]
 *                                               work queue: task, work, done, consumer ready
 */

/** Frame kinds (the first element of a frame). */
export const Kind = {
  Message: 'm',
  Reliable: 'd',
  Ack: 'a',
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
