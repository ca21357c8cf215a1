import { describe, expect, it } from 'vitest';
import { AsyncWorkInSyncRunError, Simulator } from '../../src/engine/simulator.js';

describe('Simulator', () => {
  it('advances the clock to each event and stops when no events remain', async () => {
    const sim = new Simulator();
    const seen: number[] = [];
    sim.schedule(2, () => seen.push(sim.now));
    sim.schedule(0.5, () => {
      seen.push(sim.now);
      sim.schedule(0.25, () => seen.push(sim.now));
    });
    const result = await sim.run();
    expect(seen).toEqual([0.5, 0.75, 2]);
    expect(result).toEqual({ reason: 'idle', now: 2, events: 3 });
  });

  it('runs events at exactly `until`, then sets the clock to `until`', async () => {
    const sim = new Simulator();
    const seen: number[] = [];
    for (const t of [1, 2, 3]) sim.schedule(t, () => seen.push(t));
    expect(await sim.run({ until: 2 })).toEqual({ reason: 'until', now: 2, events: 2 });
    expect(sim.now).toBe(2);
    expect(sim.pendingEvents).toBe(1);
    expect(await sim.run({ until: 2.5 })).toEqual({ reason: 'until', now: 2.5, events: 0 });
    expect(await sim.run()).toEqual({ reason: 'idle', now: 3, events: 1 });
    expect(seen).toEqual([1, 2, 3]);
  });

  it('never moves the clock backwards when `until` is already past', async () => {
    const sim = new Simulator();
    sim.schedule(5, () => {});
    await sim.run({ until: 3 });
    expect(await sim.run({ until: 1 })).toEqual({ reason: 'until', now: 3, events: 0 });
  });

  it('counts maxEvents per call', async () => {
    const sim = new Simulator();
    for (let i = 0; i < 10; i++) sim.schedule(i, () => {});
    expect(await sim.run({ maxEvents: 4 })).toMatchObject({ reason: 'max_events', events: 4, now: 3 });
    expect(await sim.run({ maxEvents: 4 })).toMatchObject({ reason: 'max_events', events: 4, now: 7 });
    expect(await sim.run({ maxEvents: 4 })).toMatchObject({ reason: 'idle', events: 2 });
    expect(sim.eventsProcessed).toBe(10);
  });

  it('stops after the current event when asked', async () => {
    const sim = new Simulator();
    sim.schedule(1, () => sim.stop());
    sim.schedule(1, () => {});
    expect(await sim.run()).toMatchObject({ reason: 'stopped', events: 1 });
    expect(await sim.run()).toMatchObject({ reason: 'idle', events: 1 });
  });

  it('cancels events', async () => {
    const sim = new Simulator();
    let fired = false;
    const handle = sim.schedule(1, () => (fired = true));
    expect(sim.cancel(handle)).toBe(true);
    await sim.run();
    expect(fired).toBe(false);
    expect(sim.now).toBe(0);
  });

  it('rejects negative, infinite and NaN delays', () => {
    const sim = new Simulator();
    for (const bad of [-1, Infinity, NaN]) expect(() => sim.schedule(bad, () => {})).toThrow(RangeError);
    expect(() => sim.scheduleAt(-0.5, () => {})).toThrow(RangeError);
  });

  it('lets microtasks run between events when an event asks, at that event time', async () => {
    const sim = new Simulator();
    const log: string[] = [];
    let wake: () => void = () => {};
    const waiting = new Promise<void>((resolve) => (wake = resolve));
    void (async () => {
      await waiting;
      log.push(`resumed at ${sim.now}`);
      await Promise.resolve();
      log.push(`still at ${sim.now}`);
    })();
    sim.schedule(1, () => {
      wake();
      sim.requestMicrotaskDrain();
    });
    sim.schedule(1, () => log.push(`next event at ${sim.now}`));
    sim.schedule(2, () => log.push(`later event at ${sim.now}`));
    await sim.run();
    expect(log).toEqual(['resumed at 1', 'still at 1', 'next event at 1', 'later event at 2']);
  });

  it('rejects the run with an error passed to fail()', async () => {
    const sim = new Simulator();
    sim.schedule(1, () => sim.fail(new Error('boom')));
    sim.schedule(2, () => {});
    await expect(sim.run()).rejects.toThrow('boom');
    expect(sim.now).toBe(1);
  });

  it('refuses to start a run while one is in progress', async () => {
    const sim = new Simulator();
    let nested: unknown;
    sim.schedule(1, () => {
      try {
        sim.runSync();
      } catch (error) {
        nested = error;
      }
    });
    const first = sim.run();
    await expect(sim.run()).rejects.toThrow(/already running/);
    await first;
    expect(String(nested)).toMatch(/already running/);
  });

  it('refuses asynchronous work in runSync', () => {
    const sim = new Simulator();
    sim.schedule(1, () => sim.requestMicrotaskDrain());
    expect(() => sim.runSync()).toThrow(AsyncWorkInSyncRunError);
  });
});

describe('Simulator.run yielding to the host', () => {
  it('gives the same events in the same order whatever yieldEvery is', async () => {
    const trace = async (yieldEvery: number): Promise<number[]> => {
      const sim = new Simulator(5);
      const rng = sim.random.stream('t');
      const seen: number[] = [];
      const tick = (): void => {
        seen.push(sim.now);
        if (seen.length < 5000) sim.schedule(rng.exponential(1), tick);
      };
      sim.schedule(0, tick);
      const result = await sim.run({ yieldEvery });
      expect(result.events).toBe(5000);
      expect(result.reason).toBe('idle');
      return seen;
    };
    const reference = await trace(Infinity);
    expect(await trace(1)).toEqual(reference);
    expect(await trace(77)).toEqual(reference);
  });

  it('lets host timers run during a long run', async () => {
    const sim = new Simulator();
    let hostRan = false;
    setImmediate(() => (hostRan = true));
    let sawHost = false;
    const tick = (): void => {
      if (hostRan) sawHost = true;
      if (sim.eventsProcessed < 1000) sim.schedule(1, tick);
    };
    sim.schedule(0, tick);
    await sim.run({ yieldEvery: 100 });
    expect(sawHost).toBe(true);
  });
});
