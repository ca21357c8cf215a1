/**
 * The work queue: competing consumers share the tasks round robin within their prefetch
 * limits; a consumer that crashes, or restarts, loses its unacknowledged tasks to the others
 * (marked redelivered), and every task is still completed.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { msgpackCodec } from '../../src/messaging/codec.js';
import { Endpoint } from '../../src/messaging/endpoint.js';
import { Settlement } from '../../src/messaging/observer.js';
import { DeliveryLedger } from '../../src/stats/ledger.js';
import { submitTask, WorkQueueBroker, WorkQueueConsumer } from '../../src/messaging/work-queue.js';
import { Network } from '../../src/net/network.js';
import { SimulatedRuntime } from '../../src/runtime/simulated.js';
import { Simulator } from '../../src/engine/simulator.js';

interface Run {
  readonly sim: Simulator;
  readonly runtime: SimulatedRuntime;
  readonly ledger: DeliveryLedger;
  /** Tasks each consumer started, in order, with the time. */
  readonly ran: Map<string, { task: number; at: number }[]>;
  /** Most tasks each consumer ran at once. */
  readonly peak: Map<string, number>;
}

/** A broker and consumers in a star around it (with the producer); each consumer spends `service(consumer)` seconds a task. */
function workQueue(consumers: readonly string[], prefetch: number, service: (consumer: string) => number, ackTimeout = 1): Run {
  const sim = new Simulator(3);
  const network = new Network(sim);
  for (const node of ['producer', 'broker', ...consumers]) network.addNode(node);
  for (const node of ['producer', ...consumers]) {
    network.addLink({ name: `${node}-broker`, between: [node, 'broker'], bandwidthBitsPerSecond: 1e8, delaySeconds: 0.001 });
  }
  const runtime = new SimulatedRuntime(sim, network);
  const ledger = new DeliveryLedger(() => sim.now, runtime);
  runtime.spawn('broker', (context) => void new WorkQueueBroker(new Endpoint(context, msgpackCodec, { observer: ledger }), ackTimeout));
  const ran = new Map<string, { task: number; at: number }[]>(consumers.map((c) => [c, []]));
  const peak = new Map<string, number>(consumers.map((c) => [c, 0]));
  for (const consumer of consumers) {
    runtime.spawn(consumer, (context) => {
      let running = 0;
      const endpoint = new Endpoint(context, msgpackCodec, { observer: ledger });
      new WorkQueueConsumer(endpoint, 'broker', prefetch, async (body) => {
        running++;
        peak.set(consumer, Math.max(peak.get(consumer)!, running));
        ran.get(consumer)!.push({ task: body as number, at: context.clock.now() });
        await context.clock.sleep(service(consumer));
        running--;
      });
    });
  }
  return { sim, runtime, ledger, ran, peak };
}

/** The producer submits task k at times[k]. */
function produce(run: Run, times: readonly number[]): void {
  const producer = new Endpoint(run.runtime.node('producer'), msgpackCodec, { observer: run.ledger });
  times.forEach((time, task) => run.sim.scheduleAt(time, () => submitTask(producer, 'broker', task, { flow: 'jobs' })));
}

describe('work queue', () => {
  it('completes every task exactly once and never lets a consumer hold more than its prefetch', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 3 }),
        fc.array(fc.double({ min: 0, max: 0.2, noNaN: true }), { minLength: 1, maxLength: 40 }),
        fc.array(fc.double({ min: 0.001, max: 0.05, noNaN: true }), { minLength: 4, maxLength: 4 }),
        async (consumerCount, prefetch, times, services) => {
          const consumers = Array.from({ length: consumerCount }, (_, i) => `w${i}`);
          const run = workQueue(consumers, prefetch, (consumer) => services[Number(consumer.slice(1))]!);
          produce(run, times);
          await run.sim.run();
          const all = [...run.ran.values()].flat().map((entry) => entry.task);
          expect(all.sort((a, b) => a - b)).toEqual(times.map((_, task) => task));
          for (const consumer of consumers) expect(run.peak.get(consumer)!).toBeLessThanOrEqual(prefetch);
          for (let row = 0; row < run.ledger.length; row++) {
            expect(run.ledger.settlement[row]).toBe(Settlement.Completed);
            expect(run.ledger.copies[row]).toBe(1);
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('shares tasks round robin among idle consumers', async () => {
    const run = workQueue(['w0', 'w1', 'w2'], 1, () => 0.01);
    produce(run, [0.1, 0.1, 0.1, 0.1, 0.1, 0.1]);
    await run.sim.run();
    expect(run.ran.get('w0')!.map((entry) => entry.task)).toEqual([0, 3]);
    expect(run.ran.get('w1')!.map((entry) => entry.task)).toEqual([1, 4]);
    expect(run.ran.get('w2')!.map((entry) => entry.task)).toEqual([2, 5]);
  });

  it('redelivers the tasks of a consumer that crashed once the ack timeout passes, and all complete', async () => {
    // w0 takes 1 s per task and crashes at 0.2 s holding two; the broker gives up on it at 0.1 + 0.5 s.
    const run = workQueue(['w0', 'w1'], 2, (consumer) => (consumer === 'w0' ? 1 : 0.01), 0.5);
    produce(run, [0.1, 0.1, 0.1, 0.1]);
    run.sim.scheduleAt(0.2, () => run.runtime.crash('w0'));
    await run.sim.run();
    const w0 = run.ran.get('w0')!.map((entry) => entry.task);
    const w1 = run.ran.get('w1')!;
    expect(w0).toEqual([0, 2]);
    // w1 ran its own two, then w0's two after the timeout.
    expect(w1.map((entry) => entry.task)).toEqual([1, 3, 0, 2]);
    expect(w1[2]!.at).toBeGreaterThan(0.6);
    for (let row = 0; row < run.ledger.length; row++) expect(run.ledger.settlement[row]).toBe(Settlement.Completed);
    expect([...run.ledger.copies.subarray(0, 4)]).toEqual([2, 1, 2, 1]);
    expect([...run.ledger.attempts.subarray(0, 4)]).toEqual([2, 1, 2, 1]);
  });

  it('requeues at once the tasks of a consumer that restarts (a new epoch) before the ack timeout', async () => {
    const run = workQueue(['w0', 'w1'], 1, (consumer) => (consumer === 'w0' ? 1 : 0.01), 10);
    produce(run, [0.1, 0.1]);
    run.sim.scheduleAt(0.2, () => run.runtime.crash('w0'));
    run.sim.scheduleAt(0.3, () => run.runtime.restart('w0'));
    await run.sim.run();
    // Task 0 went to w0, lost in the crash; the restart announces a new epoch and task 0 goes out again.
    const reran = [...run.ran.get('w0')!, ...run.ran.get('w1')!].filter((entry) => entry.task === 0);
    expect(reran).toHaveLength(2);
    expect(reran[1]!.at).toBeLessThan(1);
    for (let row = 0; row < run.ledger.length; row++) expect(run.ledger.settlement[row]).toBe(Settlement.Completed);
  });
});
