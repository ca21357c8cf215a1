/**
 * Example protocols for the property-testing kit, built on one retransmitting sender:
 * every application message goes out as a data frame, again every 50 ms until its ack comes
 * back. What the receivers do differs:
 *
 * - `atLeastOnceDeduplicated` (correct): acks every data frame and hands each message to the
 *   application once, remembering what it delivered in durable storage across crashes;
 * - `atLeastOnceNoDedupe` (buggy): hands over every data frame, retransmissions included;
 * - `orderedOffByOne` (buggy): an ordered receiver whose reorder buffer, after delivering
 *   the expected message, looks for the one after next instead of the next one;
 * - `ackBeforePersist` (buggy): acks a message at once but records and delivers it in a
 *   timer a moment later; a crash in between loses a message the sender thinks delivered.
 *   The moment is 0 s, so only a crash at that very instant (and ordered after the arrival)
 *   or a timer firing late shows the bug: ordering exploration finds it;
 * - `retransmitOnce` (buggy): the correct receiver, but a sender that gives up after one
 *   retransmission, so a message whose two copies are both lost never arrives.
 */
import { msgpackCodec, type AppMessage, type Protocol, type ProtocolNode } from '../../src/index.js';

type Frame = { readonly k: 'data'; readonly m: AppMessage } | { readonly k: 'ack'; readonly id: number; readonly kind: AppMessage['kind'] };

const RETRANSMIT_SECONDS = 0.05;

/** What a receiver does with a data frame's message: hand it over (or not). */
type Receive = (node: ProtocolNode, message: AppMessage, handOver: (message: AppMessage) => void) => void;

/** A protocol with the retransmitting sender and the given receiver. */
function retransmitting(receive: Receive, maxRetransmissions = Infinity): Protocol {
  return (node) => {
    const { clock, transport } = node.context;
    const send = (to: string, frame: Frame): void => transport.send(to, msgpackCodec.encode(frame));
    /** Timers of messages not yet acknowledged, by kind and id. */
    const unacked = new Map<string, number>();
    const transmit = (message: AppMessage, retransmissions = 0): void => {
      send(message.to, { k: 'data', m: message });
      if (retransmissions >= maxRetransmissions) return;
      const again = (): void => transmit(message, retransmissions + 1);
      unacked.set(`${message.kind}/${message.id}`, clock.setTimer(RETRANSMIT_SECONDS, again));
    };
    const handOver = (message: AppMessage): void => {
      if (message.kind === 'reply') {
        node.deliverReply(message);
        return;
      }
      const reply = node.deliver(message);
      if (reply !== undefined) transmit(reply);
    };
    transport.onReceive((bytes, from) => {
      const frame = msgpackCodec.decode(bytes) as Frame;
      if (frame.k === 'ack') {
        const key = `${frame.kind}/${frame.id}`;
        const timer = unacked.get(key);
        if (timer !== undefined) clock.cancelTimer(timer);
        unacked.delete(key);
        return;
      }
      send(from, { k: 'ack', id: frame.m.id, kind: frame.m.kind });
      receive(node, frame.m, handOver);
    });
    return { send: (message) => transmit(message) };
  };
}

/** Hands a message over once, remembering in durable storage what was handed over. */
const deduplicated: Receive = (node, message, handOver) => {
  const key = `seen/${message.kind}/${message.id}`;
  if (node.context.storage.get(key) === true) return;
  node.context.storage.set(key, true);
  handOver(message);
};

/** At-least-once delivery with de-duplication that survives crashes: exactly once to the application. */
export const atLeastOnceDeduplicated: Protocol = retransmitting(deduplicated);

/** Bug: retransmission without de-duplication. A lost ack makes the application see a message twice. */
export const atLeastOnceNoDedupe: Protocol = retransmitting((_node, message, handOver) => handOver(message));

/** Bug: an ordered receiver with an off-by-one in its reorder buffer. */
export const orderedOffByOne: Protocol = retransmitting((node, message, handOver) => {
  const storage = node.context.storage;
  const key = `next/${message.from}`;
  const expected = storage.get<number>(key) ?? 0;
  if (message.seq < expected) return;
  const buffered = storage.get<Record<number, AppMessage>>(`buffer/${message.from}`) ?? {};
  if (message.seq > expected) {
    storage.set(`buffer/${message.from}`, { ...buffered, [message.seq]: message });
    return;
  }
  handOver(message);
  let next = expected + 1;
  // The bug: the buffered message to deliver now is `next`, not `next + 1`.
  while (buffered[next + 1] !== undefined) {
    handOver(buffered[next + 1]!);
    delete buffered[next + 1];
    next++;
  }
  storage.set(key, next);
  storage.set(`buffer/${message.from}`, buffered);
});

/** Bug: acks before it persists; a crash between the two loses the message. */
export const ackBeforePersist: Protocol = retransmitting((node, message, handOver) => {
  const key = `seen/${message.kind}/${message.id}`;
  if (node.context.storage.get(key) === true) return;
  node.context.clock.setTimer(0, () => {
    if (node.context.storage.get(key) === true) return;
    node.context.storage.set(key, true);
    handOver(message);
  });
});

/** Bug: gives up after one retransmission, so two losses in a row lose a message. */
export const retransmitOnce: Protocol = retransmitting(deduplicated, 1);
