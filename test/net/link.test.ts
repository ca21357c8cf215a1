import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Simulator } from '../../src/engine/simulator.js';
import { ulp } from '../../src/engine/time.js';
import { Network } from '../../src/net/network.js';
import { Outcome } from '../../src/net/outcome.js';
import { scheduleSends, twoNodes, type Send } from '../support/network.js';

/** Bandwidths from 1 kbps to 100 Gbps, as decimal values a scenario could write. */
const bandwidth = fc.integer({ min: 1, max: 100_000 }).chain((m) => fc.constantFrom(m * 1e3, m * 1e6));
const delay = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 1_000_000 }).map((us) => us / 1e6));

/** Reference FIFO schedule (Lindley's recursion) for sends on one idle-at-start direction. */
function referenceArrivals(sends: readonly Send[], bandwidthBps: number, delaySeconds: number): number[] {
  let finish = 0;
  return sends.map((send) => {
    const start = Math.max(send.time, finish);
    finish = start + (send.bytes * 8) / bandwidthBps;
    return finish + delaySeconds;
  });
}

describe('links', () => {
  it('deliver a message on an idle link after size/bandwidth + delay, to 1e-9 while t <= 2e6 * delay', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 10_000_000 }),
        bandwidth,
        delay,
        fc.double({ min: 0, max: 1000, noNaN: true }),
        async (bytes, bandwidthBps, delaySeconds, sendTime) => {
          const expected = (bytes * 8) / bandwidthBps + delaySeconds;
          fc.pre(sendTime <= 2e6 * expected);
          const { sim, network } = twoNodes({ bandwidthBitsPerSecond: bandwidthBps, delaySeconds });
          scheduleSends(sim, network, [{ time: sendTime, bytes }]);
          await sim.run();
          const journal = network.journal;
          expect(journal.outcome[0]).toBe(Outcome.Delivered);
          const measured = journal.receivedAt[0]! - journal.sentAt[0]!;
          expect(Math.abs(measured - expected)).toBeLessThanOrEqual(1e-9 * expected);
        },
      ),
    );
  });

  it('keep every delay within 2 ulp of the clock of the formula, at any time', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 1500 }), bandwidth, delay, fc.double({ min: 0, max: 1e6, noNaN: true }), async (bytes, bps, d, t) => {
        const { sim, network } = twoNodes({ bandwidthBitsPerSecond: bps, delaySeconds: d });
        scheduleSends(sim, network, [{ time: t, bytes }]);
        await sim.run();
        const journal = network.journal;
        const measured = journal.receivedAt[0]! - journal.sentAt[0]!;
        expect(Math.abs(measured - ((bytes * 8) / bps + d))).toBeLessThanOrEqual(2 * ulp(journal.receivedAt[0]!));
      }),
    );
  });

  it('serve messages first come, first served (store-and-forward FIFO schedule)', async () => {
    const sends = fc
      .array(fc.record({ gap: fc.integer({ min: 0, max: 2000 }).map((us) => us / 1e6), bytes: fc.integer({ min: 1, max: 3000 }) }), {
        minLength: 1,
        maxLength: 200,
      })
      .map((items) => {
        let time = 0;
        return items.map(({ gap, bytes }) => ({ time: (time += gap), bytes }));
      });
    await fc.assert(
      fc.asyncProperty(sends, bandwidth, delay, async (list, bps, d) => {
        const { sim, network } = twoNodes({ bandwidthBitsPerSecond: bps, delaySeconds: d });
        scheduleSends(sim, network, list);
        await sim.run();
        const expected = referenceArrivals(list, bps, d);
        expected.forEach((arrival, id) => {
          expect(network.journal.receivedAt[id]).toBe(arrival);
        });
      }),
    );
  });

  it('refuse messages beyond the queue capacity (drop-tail) and keep the rest in order', async () => {
    const scenario = fc.record({
      capacity: fc.integer({ min: 0, max: 5 }),
      sends: fc.array(fc.record({ time: fc.integer({ min: 0, max: 40 }).map((t) => t / 1000), bytes: fc.integer({ min: 100, max: 2000 }) }), {
        maxLength: 60,
      }),
    });
    await fc.assert(
      fc.asyncProperty(scenario, async ({ capacity, sends }) => {
        const list = [...sends].sort((a, b) => a.time - b.time);
        const bps = 1e6;
        const { sim, network } = twoNodes({ bandwidthBitsPerSecond: bps, delaySeconds: 0.001, queue: { messages: capacity } });
        scheduleSends(sim, network, list);
        await sim.run();
        // Brute-force reference: a message waits if it is admitted while the transmitter is busy;
        // the waiting set at time t is every admitted message whose start is after t.
        let finish = 0;
        const admitted: { start: number }[] = [];
        list.forEach((send, id) => {
          const waiting = admitted.filter((m) => m.start > send.time).length;
          if (finish > send.time && waiting + 1 > capacity) {
            expect(network.journal.outcome[id]).toBe(Outcome.Dropped);
            return;
          }
          const start = Math.max(send.time, finish);
          finish = start + (send.bytes * 8) / bps;
          admitted.push({ start });
          expect(network.journal.outcome[id]).toBe(Outcome.Delivered);
          expect(network.journal.receivedAt[id]).toBe(finish + 0.001);
        });
      }),
    );
  });

  it('limit the queue in bytes when the capacity is a size', async () => {
    // 1000 B at 8 kbps takes 1 s; the first is on the wire, 2500 B of queue hold two more.
    const { sim, network } = twoNodes({ bandwidthBitsPerSecond: 8000, delaySeconds: 0, queue: { bytes: 2500 } });
    scheduleSends(sim, network, [0, 0, 0, 0, 1.5].map((time) => ({ time, bytes: 1000 })));
    await sim.run();
    expect([...network.journal.outcome.subarray(0, 5)]).toEqual([
      Outcome.Delivered,
      Outcome.Delivered,
      Outcome.Delivered,
      Outcome.Dropped,
      Outcome.Delivered,
    ]);
  });

  it('refuse configurations out of range, naming the field', () => {
    expect(() => twoNodes({ bandwidthBitsPerSecond: 0, delaySeconds: 0 })).toThrow(/bandwidthBitsPerSecond must be a finite number > 0, got 0/);
    expect(() => twoNodes({ bandwidthBitsPerSecond: 1, delaySeconds: -1 })).toThrow(/delaySeconds/);
    expect(() => twoNodes({ bandwidthBitsPerSecond: 1, delaySeconds: 0, loss: 1.5 })).toThrow(/loss/);
    expect(() => twoNodes({ bandwidthBitsPerSecond: 1, delaySeconds: 0, queue: { messages: 2.5 } })).toThrow(/queue/);
  });

  it('send both directions independently (full duplex)', async () => {
    const { sim, network } = twoNodes({ bandwidthBitsPerSecond: 8000, delaySeconds: 0.5 });
    scheduleSends(sim, network, [
      { time: 0, bytes: 1000, direction: 0 },
      { time: 0, bytes: 1000, direction: 1 },
    ]);
    await sim.run();
    expect(network.journal.receivedAt[0]).toBe(1.5);
    expect(network.journal.receivedAt[1]).toBe(1.5);
  });

  it('lose each message independently with the configured probability', async () => {
    const { sim, network } = twoNodes({ bandwidthBitsPerSecond: 1e9, delaySeconds: 0, loss: 0.3 }, 11);
    const n = 20_000;
    scheduleSends(sim, network, Array.from({ length: n }, (_, i) => ({ time: i * 1e-3, bytes: 100 })));
    await sim.run();
    const lost = network.journal.outcomeCounts()[Outcome.Lost]!;
    // Binomial(n, 0.3): allow 4.5 standard deviations.
    expect(Math.abs(lost - 0.3 * n)).toBeLessThan(4.5 * Math.sqrt(n * 0.3 * 0.7));
  });

  it('give every message exactly one outcome: sent = delivered + lost + dropped + in flight', async () => {
    const scenario = fc.record({
      loss: fc.double({ min: 0, max: 1, noNaN: true }),
      capacity: fc.option(fc.integer({ min: 0, max: 10 }), { nil: undefined }),
      until: fc.double({ min: 0, max: 0.2, noNaN: true }),
      seed: fc.nat(),
      sends: fc.array(
        fc.record({ time: fc.double({ min: 0, max: 0.2, noNaN: true }), bytes: fc.integer({ min: 1, max: 5000 }), direction: fc.constantFrom(0 as const, 1 as const) }),
        { maxLength: 100 },
      ),
    });
    await fc.assert(
      fc.asyncProperty(scenario, async ({ loss, capacity, until, seed, sends }) => {
        const { sim, network } = twoNodes(
          { bandwidthBitsPerSecond: 1e6, delaySeconds: 0.01, loss, ...(capacity === undefined ? {} : { queue: { messages: capacity } }) },
          seed,
        );
        scheduleSends(sim, network, sends);
        await sim.run({ until });
        const sent = sends.filter((s) => s.time <= until).length;
        const counts = network.journal.outcomeCounts();
        expect(network.journal.length).toBe(sent);
        expect(counts.reduce((a, b) => a + b, 0)).toBe(sent);
        for (let id = 0; id < network.journal.length; id++) {
          const received = network.journal.receivedAt[id]!;
          expect(network.journal.outcome[id] === Outcome.Delivered).toBe(!Number.isNaN(received));
        }
        // In flight means on its way: running on settles every such message, and only those.
        const before = [...network.journal.outcome.subarray(0, sent)];
        await sim.run();
        const after = network.journal.outcome;
        before.forEach((outcome, id) => {
          if (outcome === Outcome.InFlight) expect(after[id]).not.toBe(Outcome.InFlight);
          else if (id < network.journal.length) expect(after[id]).toBe(outcome);
        });
      }),
    );
  });

  it('report their counters as a copy, which later traffic leaves as it was', async () => {
    const { sim, network } = twoNodes({ bandwidthBitsPerSecond: 8e6, delaySeconds: 0.001, loss: 0.5 });
    scheduleSends(sim, network, Array.from({ length: 20 }, (_, i) => ({ time: i * 0.01, bytes: 1000 })));
    const direction = network.transmitters[0]!;
    const before = direction.stats;
    expect(before).toEqual({ messages: 0, bytes: 0, busySeconds: 0, waitSeconds: 0, maxQueue: 0, drops: before.drops, duplicated: 0 });
    expect([...before.drops].every((count) => count === 0)).toBe(true);
    await sim.run();
    const after = direction.stats;
    expect(after.messages).toBe(20);
    expect(after.bytes).toBe(20_000);
    expect(after.busySeconds).toBeCloseTo(20 * 0.001, 12);
    const lost = network.journal.outcome.slice(0, 20).filter((outcome) => outcome === Outcome.Lost).length;
    expect(lost).toBeGreaterThan(0);
    expect([...after.drops].reduce((a, b) => a + b, 0)).toBe(lost);
    expect([...before.drops].every((count) => count === 0)).toBe(true);
    after.messages = -1;
    (after.drops as Float64Array).fill(7);
    expect(direction.stats.messages).toBe(20);
    expect([...direction.stats.drops].reduce((a, b) => a + b, 0)).toBe(lost);
  });

  it("keep every direction's numbers apart in the lanes a network's transmitters share, as the lanes grow", async () => {
    // A star of 9 links (18 directions, past the lanes' first few) each queueing a burst of
    // its own size, sent after every link exists and again after more were added.
    const sim = new Simulator(1);
    const network = new Network(sim);
    network.addNode('hub');
    const burst = (leaf: number): number => leaf + 2;
    for (let leaf = 0; leaf < 9; leaf++) {
      network.addNode(`n${leaf}`);
      network.addLink({ name: `hub-n${leaf}`, between: ['hub', `n${leaf}`], bandwidthBitsPerSecond: 1e6 * (leaf + 1), delaySeconds: 0.001 * (leaf + 1) });
    }
    for (let leaf = 0; leaf < 9; leaf++) {
      for (let k = 0; k < burst(leaf); k++) sim.scheduleAt(0, () => network.send(leaf + 1, 0, 1000 * (leaf + 1), null, 0));
    }
    await sim.run();
    for (let leaf = 0; leaf < 9; leaf++) {
      const out = network.transmitters[2 * leaf + 1]!;
      const back = network.transmitters[2 * leaf]!;
      const bits = 8000 * (leaf + 1);
      const each = bits / (1e6 * (leaf + 1));
      const n = burst(leaf);
      expect(out.stats.messages).toBe(n);
      expect(out.stats.bytes).toBe(n * 1000 * (leaf + 1));
      expect(out.stats.busySeconds).toBeCloseTo(n * each, 12);
      // Lindley: the k-th of a burst waits k transmissions.
      expect(out.stats.waitSeconds).toBeCloseTo((each * n * (n - 1)) / 2, 12);
      expect(out.stats.maxQueue).toBe(n - 1);
      expect(out.busyUntil).toBeCloseTo(n * each, 12);
      expect(out.delaySeconds).toBe(0.001 * (leaf + 1));
      expect(out.bandwidthBitsPerSecond).toBe(1e6 * (leaf + 1));
      expect(back.stats.messages).toBe(0);
      expect(back.busyUntil).toBe(0);
    }
    const arrivals = network.journal.receivedAt.slice(0, network.journal.length);
    expect(Math.max(...arrivals)).toBeCloseTo(Math.max(...Array.from({ length: 9 }, (_, leaf) => burst(leaf) * 0.008 + 0.001 * (leaf + 1))), 12);
  });
});
