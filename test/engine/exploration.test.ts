/**
 * Ordering exploration: equal-time events run in an order drawn from the exploration seed
 * (the same seed, the same order), timers fire late by at most the noise asked for, and a
 * FIFO link keeps its order even when jitter makes arrivals tie.
 */
import { describe, expect, it } from 'vitest';
import { Simulator } from '../../src/engine/simulator.js';
import { Network } from '../../src/net/network.js';
import { SimulatedRuntime } from '../../src/runtime/simulated.js';

/** The order in which ten events scheduled for t=1 run. */
function tieOrder(exploration?: { seed: number }): number[] {
  const sim = new Simulator(1, exploration === undefined ? {} : { exploration });
  const order: number[] = [];
  for (let i = 0; i < 10; i++) sim.scheduleAt(1, (k: number) => order.push(k), i);
  sim.runSync();
  return order;
}

describe('ordering exploration', () => {
  it('shuffles equal-time events reproducibly from its seed, and leaves them FIFO without it', () => {
    const fifo = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
    expect(tieOrder()).toEqual(fifo);
    expect(tieOrder({ seed: 1 })).toEqual(tieOrder({ seed: 1 }));
    const orders = new Set([1, 2, 3, 4, 5].map((seed) => tieOrder({ seed }).join(',')));
    expect(orders.size).toBeGreaterThan(1);
    expect([...orders].some((order) => order !== fifo.join(','))).toBe(true);
    for (const order of orders) expect(order.split(',').map(Number).sort((a, b) => a - b)).toEqual(fifo);
  });

  it('fires timers late by up to the timer noise, never early', async () => {
    const sim = new Simulator(1, { exploration: { seed: 3, timerNoiseSeconds: 0.01 } });
    const network = new Network(sim);
    network.addNode('a');
    const runtime = new SimulatedRuntime(sim, network);
    const lateness: number[] = [];
    runtime.spawn('a', (context) => {
      for (let i = 0; i < 50; i++) context.clock.setTimer(0.1, () => void lateness.push(sim.now - 0.1));
    });
    await sim.run();
    expect(lateness).toHaveLength(50);
    for (const late of lateness) {
      expect(late).toBeGreaterThanOrEqual(0);
      expect(late).toBeLessThan(0.01);
    }
    expect(new Set(lateness).size).toBeGreaterThan(40);
  });

  it('keeps a FIFO link in order when jitter makes arrivals tie', async () => {
    for (const seed of [1, 2, 3, 4]) {
      const sim = new Simulator(1, { exploration: { seed } });
      const network = new Network(sim);
      network.addNode('a');
      network.addNode('b');
      // Jitter that is sometimes far larger than the gap between messages: later ones are held to ties.
      network.addLink({ name: 'a-b', between: ['a', 'b'], bandwidthBitsPerSecond: 1e9, delaySeconds: 0.001, jitter: { kind: 'uniform', min: 0, max: 0.01 } });
      const got: number[] = [];
      network.onDeliver(1, (payload) => got.push(payload as number));
      for (let i = 0; i < 200; i++) sim.scheduleAt(i * 1e-6, () => network.send(0, 1, 100, i));
      await sim.run();
      expect(got).toEqual(Array.from({ length: 200 }, (_, i) => i));
    }
  });
});
