/**
 * Reliable request/reply, written against the seam alone (a NodeContext's Clock and
 * Transport), so the same code runs on the simulator (`msgsim run`), on real sockets
 * (`msgsim live`) and on the emulated network (`msgsim emulate`). docs/emulation.md walks
 * through it.
 *
 * A request (or one-way message) is sent again every RETRY_SECONDS until its answer comes:
 * the reply for a request, an acknowledgement for a message. The server remembers the reply
 * it gave each request, so a request that comes again gets the same reply again and its
 * application sees it once; the client hands each reply up once.
 */
import { msgpackCodec, type AppMessage, type Protocol } from '../../../src/index.js';

/** How long a sender waits for an answer before sending again, in seconds. */
export const RETRY_SECONDS = 0.05;

type Frame =
  | { readonly k: 'request' | 'message' | 'reply'; readonly m: AppMessage }
  | { readonly k: 'ack'; readonly id: number };

export const reliableRpc: Protocol = (node) => {
  const { clock, transport } = node.context;
  const unanswered = new Map<number, number>(); // message id -> its retransmission timer
  const replies = new Map<number, AppMessage>(); // request id -> the reply it got here
  const delivered = new Set<number>(); // ids handed to this node's application
  const send = (to: string, frame: Frame): void => transport.send(to, msgpackCodec.encode(frame));
  const answered = (id: number): boolean => {
    const timer = unanswered.get(id);
    if (timer === undefined) return false;
    clock.cancelTimer(timer);
    unanswered.delete(id);
    return true;
  };
  const transmit = (message: AppMessage): void => {
    send(message.to, { k: message.kind === 'request' ? 'request' : 'message', m: message });
    unanswered.set(message.id, clock.setTimer(RETRY_SECONDS, transmit, message));
  };
  transport.onReceive((bytes, from) => {
    const frame = msgpackCodec.decode(bytes) as Frame;
    if (frame.k === 'ack') {
      answered(frame.id);
    } else if (frame.k === 'reply') {
      if (answered(frame.m.id)) node.deliverReply(frame.m);
    } else if (frame.k === 'message') {
      send(from, { k: 'ack', id: frame.m.id });
      if (!delivered.has(frame.m.id)) {
        delivered.add(frame.m.id);
        node.deliver(frame.m);
      }
    } else {
      let reply = replies.get(frame.m.id);
      if (reply === undefined) {
        reply = node.deliver(frame.m)!;
        replies.set(frame.m.id, reply);
      }
      send(from, { k: 'reply', m: reply });
    }
  });
  return { send: transmit };
};
