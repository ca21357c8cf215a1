/**
 * Delivery guarantees as properties over random networks: loss, propagation delay, jitter
 * that reorders, duplicating links and link outages that heal. At-least-once delivers every
 * message when the outages end within the retry budget; exactly-once never hands a message
 * to the application twice; ordered streams never hand one over out of order.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Simulator } from '../../src/engine/simulator.js';
import { msgpackCodec } from '../../src/messaging/codec.js';
import type { DeliveryMode, RetryPolicy } from '../../src/messaging/delivery.js';
import { Endpoint } from '../../src/messaging/endpoint.js';
import { Settlement } from '../../src/messaging/observer.js';
import { DeliveryLedger } from '../../src/stats/ledger.js';
import { Network } from '../../src/net/network.js';
import { SimulatedRuntime } from '../../src/runtime/simulated.js';

/** A random network between two senders and one receiver, and what goes wrong on it. */
interface Setting {
  readonly loss: number;
  readonly delaySeconds: number;
  readonly jitterSeconds: number;
  readonly duplicate: number;
  /** Outages of the receiver's link: [start, length] in seconds, all within the first second. */
  readonly outages: readonly (readonly [number, number])[];
  /** Send times of each sender's messages, in seconds. */
  readonly sends: readonly (readonly number[])[];
}

const setting: fc.Arbitrary<Setting> = fc.record({
  loss: fc.double({ min: 0, max: 0.3, noNaN: true }),
  delaySeconds: fc.double({ min: 0.0001, max: 0.02, noNaN: true }),
  jitterSeconds: fc.double({ min: 0, max: 0.01, noNaN: true }),
  duplicate: fc.double({ min: 0, max: 0.2, noNaN: true }),
  outages: fc.array(fc.tuple(fc.double({ min: 0, max: 0.8, noNaN: true }), fc.double({ min: 0.001, max: 0.2, noNaN: true })), { maxLength: 3 }),
  sends: fc.array(fc.array(fc.double({ min: 0, max: 0.5, noNaN: true }), { minLength: 1, maxLength: 30 }), { minLength: 1, maxLength: 2 }),
});

/**
 * Retries that outlast any outage above: waits of 10 ms doubling up to 80 ms, 60 of them
 * (over 4 s). With loss ≤ 0.3 per transmission, a message or its every acknowledgement is
 * lost 61 times in a row with probability below 1e-31.
 */
const PATIENT: RetryPolicy = { timeoutSeconds: 0.01, backoff: 2, maxTimeoutSeconds: 0.08, maxRetries: 60, jitter: 0.2 };

interface Outcome {
  /** Messages handed over, per sender, in the order the receiver got them. */
  readonly received: Map<string, number[]>;
  readonly ledger: DeliveryLedger;
}

/** Sends every sender's messages (numbered 0, 1, … per sender) under `delivery` and runs. */
async function run(s: Setting, delivery: DeliveryMode, ordered: boolean, retry: RetryPolicy = PATIENT): Promise<Outcome> {
  const sim = new Simulator(7);
  const network = new Network(sim);
  const senders = s.sends.map((_, i) => `s${i}`);
  for (const node of ['hub', 'receiver', ...senders]) network.addNode(node);
  for (const sender of senders) {
    network.addLink({ name: `${sender}-hub`, between: [sender, 'hub'], bandwidthBitsPerSecond: 10e6, delaySeconds: 0.001 });
  }
  const link = network.addLink({
    name: 'hub-receiver',
    between: ['hub', 'receiver'],
    bandwidthBitsPerSecond: 10e6,
    delaySeconds: s.delaySeconds,
    loss: s.loss,
    duplicate: s.duplicate,
    ...(s.jitterSeconds > 0 ? { jitter: { kind: 'uniform' as const, min: 0, max: s.jitterSeconds }, reorder: true } : {}),
  });
  for (const [start, length] of s.outages) {
    sim.scheduleAt(start, () => network.setLinkUp(link, false));
    sim.scheduleAt(start + length, () => network.setLinkUp(link, true));
  }
  const runtime = new SimulatedRuntime(sim, network);
  const ledger = new DeliveryLedger(() => sim.now, runtime);
  const received = new Map<string, number[]>(senders.map((sender) => [sender, []]));
  const receiver = new Endpoint<number>(runtime.node('receiver'), msgpackCodec, { observer: ledger });
  receiver.onMessage((seq, from) => void received.get(from)!.push(seq));
  s.sends.forEach((times, i) => {
    const endpoint = new Endpoint<number>(runtime.node(senders[i]!), msgpackCodec, { observer: ledger });
    [...times].sort((a, b) => a - b).forEach((time, seq) => {
      sim.scheduleAt(time, () => endpoint.send('receiver', seq, { delivery, ordered, retry, flow: 'f' }));
    });
  });
  await sim.run();
  return { received, ledger };
}

/** Whether the outages end (the link is up again) before the last retry could fire. */
function healsWithinBudget(s: Setting): boolean {
  return s.outages.every(([start, length]) => start + length < 1);
}

describe('reliable delivery', () => {
  it('at-least-once hands every message over at least once, and the sender sees each acknowledged', async () => {
    await fc.assert(
      fc.asyncProperty(setting.filter(healsWithinBudget), async (s) => {
        const { received, ledger } = await run(s, 'at-least-once', false);
        s.sends.forEach((times, i) => {
          expect(new Set(received.get(`s${i}`)), `sender s${i}`).toEqual(new Set(times.map((_, seq) => seq)));
        });
        for (let row = 0; row < ledger.length; row++) expect(ledger.settlement[row]).toBe(Settlement.Acked);
      }),
      { numRuns: 40 },
    );
  });

  it('exactly-once hands every message over exactly once, however often it is retransmitted or duplicated', async () => {
    // A retry timeout below the round trip makes the sender retransmit messages that did arrive.
    const hasty: RetryPolicy = { ...PATIENT, timeoutSeconds: 0.0005 };
    await fc.assert(
      fc.asyncProperty(setting.filter(healsWithinBudget), async (s) => {
        const { received, ledger } = await run(s, 'exactly-once', false, hasty);
        s.sends.forEach((times, i) => {
          expect([...received.get(`s${i}`)!].sort((a, b) => a - b), `sender s${i}`).toEqual(times.map((_, seq) => seq));
        });
        for (let row = 0; row < ledger.length; row++) expect(ledger.copies[row]).toBe(1);
      }),
      { numRuns: 40 },
    );
  });

  it('ordered at-least-once hands each sender’s messages over all, once and in send order', async () => {
    await fc.assert(
      fc.asyncProperty(setting.filter(healsWithinBudget), async (s) => {
        const { received } = await run(s, 'at-least-once', true);
        s.sends.forEach((times, i) => expect(received.get(`s${i}`), `sender s${i}`).toEqual(times.map((_, seq) => seq)));
      }),
      { numRuns: 40 },
    );
  });

  it('ordered at-most-once never hands a message over after a later one, and never twice', async () => {
    await fc.assert(
      fc.asyncProperty(setting, async (s) => {
        const { received } = await run(s, 'at-most-once', true);
        for (const sequence of received.values()) {
          for (let k = 1; k < sequence.length; k++) expect(sequence[k]!).toBeGreaterThan(sequence[k - 1]!);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('gives up after max_retries when the receiver never answers, having sent 1 + max_retries times', async () => {
    const s: Setting = { loss: 0, delaySeconds: 0.001, jitterSeconds: 0, duplicate: 0, outages: [[0, 100]], sends: [[0, 0.1]] };
    const retry: RetryPolicy = { timeoutSeconds: 0.01, backoff: 2, maxTimeoutSeconds: 1, maxRetries: 4, jitter: 0 };
    const { received, ledger } = await run(s, 'at-least-once', false, retry);
    expect(received.get('s0')).toEqual([]);
    expect([...ledger.settlement.subarray(0, ledger.length)]).toEqual([Settlement.GaveUp, Settlement.GaveUp]);
    expect([...ledger.attempts.subarray(0, ledger.length)]).toEqual([5, 5]);
    // Waits of 10, 20, 40, 80 ms, then one more 160 ms wait for the last transmission's acknowledgement.
    const waited = 0.01 + 0.02 + 0.04 + 0.08 + 0.16;
    expect(ledger.settledAt[0]! - ledger.openedAt[0]!).toBeCloseTo(waited, 12);
  });
});
