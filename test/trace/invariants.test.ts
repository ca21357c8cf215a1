/**
 * The built-in invariants on hand-made traces: each accepts a trace where its property
 * holds and names the messages of one where it does not; and the hash chain tells traces
 * apart event by event.
 */
import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../src/trace/events.js';
import { CHECKPOINT_EVERY, compareChains, EventHashChain } from '../../src/trace/hash.js';
import {
  asViolation,
  everyMessageDelivered,
  fifoPerChannel,
  invariant,
  noDeliveryAcrossPartition,
  noDuplicates,
  repliesMatched,
  type Invariant,
  type Violation,
} from '../../src/trace/invariants.js';

/** Runs an invariant over events: the first violation (online or at the end), if any. */
function check(inv: Invariant, events: readonly TraceEvent[]): Violation | undefined {
  const checker = inv.start();
  for (const event of events) {
    const found = asViolation(checker.event?.(event));
    if (found !== undefined) return found;
  }
  return asViolation(checker.end?.());
}

const send = (t: number, msg: number, from: string, to: string, seq = msg, request = false): TraceEvent => ({
  t,
  type: 'app_send',
  node: from,
  to,
  msg,
  seq,
  ...(request ? { request: true } : {}),
});
const deliver = (t: number, msg: number, from: string, to: string, seq = msg): TraceEvent => ({ t, type: 'app_deliver', node: to, from, msg, seq });

describe('invariants', () => {
  it('delivered: every message reaches its destination, unless its sender crashed after sending or its destination is down', () => {
    expect(check(everyMessageDelivered, [send(0, 0, 'a', 'b'), deliver(1, 0, 'a', 'b')])).toBeUndefined();
    expect(check(everyMessageDelivered, [send(0, 0, 'a', 'b'), send(0, 1, 'a', 'b'), deliver(1, 0, 'a', 'b')])).toMatchObject({ messages: [1] });
    expect(check(everyMessageDelivered, [send(0, 0, 'a', 'b'), { t: 1, type: 'fault', fault: 'crash', node: 'a' }])).toBeUndefined();
    expect(check(everyMessageDelivered, [send(0, 0, 'a', 'b'), { t: 1, type: 'fault', fault: 'crash', node: 'b' }])).toBeUndefined();
    // A destination that crashed and came back must still get the message.
    const restarted: TraceEvent[] = [send(0, 0, 'a', 'b'), { t: 1, type: 'fault', fault: 'crash', node: 'b' }, { t: 2, type: 'fault', fault: 'restart', node: 'b' }];
    expect(check(everyMessageDelivered, restarted)?.message).toMatch(/m0 from a to b .* was never delivered/);
  });

  it('no_duplicates: a second delivery of a message to one node fails at once', () => {
    expect(check(noDuplicates, [deliver(1, 0, 'a', 'b'), deliver(2, 0, 'a', 'c')])).toBeUndefined();
    expect(check(noDuplicates, [deliver(1, 0, 'a', 'b'), deliver(2, 0, 'a', 'b')])).toEqual({
      message: 'message m0 from a was delivered to b twice (at t=1s and t=2s)',
      messages: [0],
    });
  });

  it('fifo: per sender and receiver, a message never comes after a later one; gaps are allowed', () => {
    expect(check(fifoPerChannel, [deliver(1, 0, 'a', 'b', 0), deliver(2, 5, 'a', 'b', 2), deliver(3, 1, 'c', 'b', 0)])).toBeUndefined();
    expect(check(fifoPerChannel, [deliver(1, 7, 'a', 'b', 2), deliver(2, 3, 'a', 'b', 1)])).toMatchObject({ messages: [7, 3] });
  });

  it('no_delivery_across_partition: a message sent while its ends are apart is not delivered before the heal', () => {
    const split: TraceEvent = { t: 1, type: 'fault', fault: 'partition', groups: [['b']] };
    expect(check(noDeliveryAcrossPartition, [send(0, 0, 'a', 'b'), split, deliver(2, 0, 'a', 'b')])).toBeUndefined();
    expect(check(noDeliveryAcrossPartition, [split, send(2, 0, 'a', 'b'), deliver(3, 0, 'a', 'b')])?.message).toMatch(/across the partition that began at t=1s/);
    expect(check(noDeliveryAcrossPartition, [split, send(2, 0, 'a', 'b'), { t: 3, type: 'fault', fault: 'heal' }, deliver(4, 0, 'a', 'b')])).toBeUndefined();
    const oneWay: TraceEvent = { t: 1, type: 'fault', fault: 'partition', groups: [['b'], ['a']], oneWay: true };
    expect(check(noDeliveryAcrossPartition, [oneWay, send(2, 0, 'a', 'b'), deliver(3, 0, 'a', 'b')])).toBeUndefined();
    expect(check(noDeliveryAcrossPartition, [oneWay, send(2, 0, 'b', 'a'), deliver(3, 0, 'b', 'a')])).toBeDefined();
  });

  it('replies_matched: one reply per request, to the requester, and every request answered', () => {
    const reply = (t: number, msg: number, node: string, from: string): TraceEvent => ({ t, type: 'app_reply', node, from, msg });
    expect(check(repliesMatched, [send(0, 0, 'a', 'b', 0, true), reply(1, 0, 'a', 'b')])).toBeUndefined();
    expect(check(repliesMatched, [send(0, 0, 'a', 'b', 0, true), reply(1, 0, 'a', 'b'), reply(2, 0, 'a', 'b')])?.message).toMatch(/second reply/);
    expect(check(repliesMatched, [send(0, 0, 'a', 'b', 0, true), reply(1, 0, 'c', 'b')])?.message).toMatch(/not a request it made/);
    expect(check(repliesMatched, [send(0, 0, 'a', 'b', 0, true)])?.message).toMatch(/never got a reply/);
    expect(check(repliesMatched, [send(0, 0, 'a', 'b', 0, true), { t: 1, type: 'fault', fault: 'crash', node: 'b' }, { t: 2, type: 'fault', fault: 'restart', node: 'b' }])).toBeUndefined();
  });

  it('invariant() makes one of your own, online and at the end', () => {
    const atMostTwo = invariant('at_most_two_sends', () => {
      let sends = 0;
      return { event: (event) => (event.type === 'app_send' && ++sends > 2 ? `send number ${sends}` : undefined), end: () => (sends === 0 ? 'nothing sent' : undefined) };
    });
    expect(check(atMostTwo, [send(0, 0, 'a', 'b'), send(0, 1, 'a', 'b')])).toBeUndefined();
    expect(check(atMostTwo, [send(0, 0, 'a', 'b'), send(0, 1, 'a', 'b'), send(0, 2, 'a', 'b')])).toEqual({ message: 'send number 3' });
    expect(check(atMostTwo, [])).toEqual({ message: 'nothing sent' });
  });
});

describe('hash chain', () => {
  const events = (n: number, t0 = 0): TraceEvent[] => Array.from({ length: n }, (_, i) => deliver(t0 + i * 0.001, i, 'a', 'b'));
  const chainOf = (list: readonly TraceEvent[]): { count: number; hash: string; checkpoints: string[] } => {
    const chain = new EventHashChain();
    for (const event of list) chain.add(event);
    return { count: chain.count, hash: chain.hex(), checkpoints: chain.checkpoints };
  };

  it('gives equal traces equal chains and locates the stretch where two traces part', () => {
    const a = events(3000);
    const b = events(3000);
    b[2500] = deliver(2.5, 2500, 'a', 'c');
    expect(chainOf(a)).toEqual(chainOf(events(3000)));
    expect(chainOf(a).checkpoints).toHaveLength(Math.floor(3000 / CHECKPOINT_EVERY));
    expect(compareChains(chainOf(a), chainOf(a))).toBeUndefined();
    expect(compareChains(chainOf(a), chainOf(b))).toEqual({ from: 2 * CHECKPOINT_EVERY, to: 2999 });
    const c = events(3000);
    c[10] = { ...c[10]!, t: c[10]!.t + 1e-15 } as TraceEvent;
    expect(compareChains(chainOf(a), chainOf(c))).toEqual({ from: 0, to: CHECKPOINT_EVERY - 1 });
    expect(compareChains(chainOf(a), chainOf(events(2999)))).toEqual({ from: 2 * CHECKPOINT_EVERY, to: 2999 });
  });
});
