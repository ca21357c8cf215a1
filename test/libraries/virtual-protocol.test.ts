/**
 * A protocol written against the globals rather than the seam — retransmission on
 * `setTimeout`, cancelled with `clearTimeout`, jittered with `Math.random()` — under the
 * property-testing kit, marked with `virtualGlobals`: it holds over generated lossy networks
 * with faults, and a case run twice gives the same trace, hash for hash.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { everyMessageDelivered, msgpackCodec, noDuplicates, virtualGlobals, type AppMessage, type Protocol } from '../../src/index.js';
import { checkProtocol, protocolCase, simulate } from '../../src/testing/index.js';

type Frame = { readonly k: 'data'; readonly m: AppMessage } | { readonly k: 'ack'; readonly id: number };

/** At-least-once with durable de-duplication, its timers and jitter from the globals. */
const retransmitting: Protocol = virtualGlobals((node) => {
  const { transport, storage } = node.context;
  const unacked = new Map<number, ReturnType<typeof setTimeout>>();
  const transmit = (message: AppMessage): void => {
    transport.send(message.to, msgpackCodec.encode({ k: 'data', m: message } satisfies Frame));
    unacked.set(message.id, setTimeout(transmit, 40 + 20 * Math.random(), message));
  };
  transport.onReceive((bytes, from) => {
    const frame = msgpackCodec.decode(bytes) as Frame;
    if (frame.k === 'ack') {
      clearTimeout(unacked.get(frame.id));
      unacked.delete(frame.id);
      return;
    }
    transport.send(from, msgpackCodec.encode({ k: 'ack', id: frame.m.id } satisfies Frame));
    if (storage.get(`seen/${frame.m.id}`) === true) return;
    storage.set(`seen/${frame.m.id}`, true);
    node.deliver(frame.m);
  });
  return { send: transmit };
});

const cases = protocolCase({ topology: { link: { maxLoss: 0.1 } }, faults: { kinds: ['partition', 'crash'] } });

describe('a protocol on the globals, under virtualGlobals', () => {
  it('delivers every message once over generated lossy networks with faults', async () => {
    const result = await checkProtocol({ name: 'globals retransmit', protocol: retransmitting, invariants: [everyMessageDelivered, noDuplicates], cases, numRuns: 300, seed: 3, outDir: undefined });
    expect(result.failed, result.report).toBe(false);
  });

  it('runs a case the same way twice', async () => {
    for (const generated of fc.sample(cases, { seed: 4, numRuns: 5 })) {
      const first = await simulate({ protocol: retransmitting, case: generated });
      const again = await simulate({ protocol: retransmitting, case: generated });
      expect(again.hash).toBe(first.hash);
    }
  });
});
