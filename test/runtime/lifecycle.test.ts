import { describe, expect, it } from 'vitest';
import { Outcome } from '../../src/net/outcome.js';
import { NO_TIMER } from '../../src/runtime/seam.js';
import { simulatedLine } from '../support/runtime.js';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('crash and restart', () => {
  it('cancels timers, silences the node, drops what reaches it, and reruns its program', async () => {
    const { sim, network, runtime } = simulatedLine(['a', 'b']);
    const log: string[] = [];
    let starts = 0;
    runtime.spawn('b', (context) => {
      starts++;
      let volatileCount = 0;
      context.transport.onReceive(() => {
        volatileCount++;
        context.storage.set('received', (context.storage.get<number>('received') ?? 0) + 1);
        log.push(`b got one at ${context.clock.now()} (volatile ${volatileCount}, durable ${context.storage.get('received')})`);
      });
      context.clock.setTimer(5, () => void log.push(`timer of start ${starts} at ${context.clock.now()}`));
    });
    const a = runtime.node('a');
    for (const t of [1, 3, 7]) a.clock.setTimer(t, () => a.transport.send('b', bytes('x')));
    sim.scheduleAt(2, () => runtime.crash('b'));
    sim.scheduleAt(4, () => runtime.restart('b'));
    await sim.run();
    const arrival = (t: number): number => t + 0.01 + 8 / 8e6;
    expect(starts).toBe(2);
    expect(log).toEqual([
      `b got one at ${arrival(1)} (volatile 1, durable 1)`,
      // The message sent at 3 reached b while it was down; the first timer died with it.
      `b got one at ${arrival(7)} (volatile 1, durable 2)`,
      `timer of start 2 at 9`,
    ]);
    expect([...network.journal.outcome.subarray(0, 3)]).toEqual([Outcome.Delivered, Outcome.DroppedFault, Outcome.Delivered]);
  });

  it('makes the dead incarnation inert: its sends, timers and sleeps do nothing', async () => {
    const { sim, network, runtime } = simulatedLine(['a', 'b']);
    const old = runtime.node('a');
    let woke = false;
    void old.clock.sleep(5).then(() => (woke = true));
    sim.scheduleAt(1, () => runtime.crash('a'));
    sim.scheduleAt(2, () => runtime.restart('a'));
    sim.scheduleAt(3, () => {
      old.transport.send('b', bytes('ghost'));
      expect(old.clock.setTimer(1, () => expect.unreachable())).toBe(NO_TIMER);
      runtime.node('a').transport.send('b', bytes('alive'));
    });
    await sim.run();
    expect(woke).toBe(false);
    expect(network.journal.length).toBe(1);
  });

  it('keeps durable values apart from volatile objects', () => {
    const { runtime } = simulatedLine(['a', 'b']);
    const storage = runtime.node('a').storage;
    const state = { list: [1] };
    storage.set('state', state);
    state.list.push(2);
    expect(storage.get('state')).toEqual({ list: [1] });
    storage.get<{ list: number[] }>('state')!.list.push(3);
    expect(storage.get('state')).toEqual({ list: [1] });
    expect(storage.keys()).toEqual(['state']);
    expect(storage.delete('state')).toBe(true);
    expect(storage.get('state')).toBeUndefined();
  });

  it('keeps durable bytes apart from volatile ones, a view holding only its own bytes', () => {
    const { runtime } = simulatedLine(['a', 'b']);
    const storage = runtime.node('a').storage;
    const buffer = new Uint8Array([9, 1, 2, 3, 9]);
    storage.set('chunk', buffer.subarray(1, 4));
    buffer[2] = 7;
    const stored = storage.get<Uint8Array>('chunk')!;
    expect([...stored]).toEqual([1, 2, 3]);
    expect(stored.buffer.byteLength).toBe(3);
    stored[0] = 8;
    expect([...storage.get<Uint8Array>('chunk')!]).toEqual([1, 2, 3]);
    storage.set('count', 2);
    expect(storage.get('count')).toBe(2);
    expect(() => storage.set('callback', () => undefined)).toThrow();
  });
});

describe('skewed clocks', () => {
  it('run a node fast or slow, with its timers on its own clock', async () => {
    const { sim, runtime } = simulatedLine(['a', 'b']);
    const clock = runtime.node('a').clock;
    const fired: [number, number][] = [];
    runtime.adjustClock('a', { offsetSeconds: 10, drift: 1 });
    // Local time now 10; at double speed a 4 s timer takes 2 true seconds.
    clock.setTimer(4, () => void fired.push([sim.now, clock.now()]));
    await sim.run();
    expect(fired).toEqual([[2, 14]]);
  });

  it('re-time pending timers when the clock is stepped or its rate changes', async () => {
    const { sim, runtime } = simulatedLine(['a', 'b']);
    const clock = runtime.node('a').clock;
    const fired: [string, number][] = [];
    clock.setTimer(10, () => void fired.push(['ten', sim.now]));
    clock.setTimer(20, () => void fired.push(['twenty', sim.now]));
    // At true time 2, jump ahead 5 s and slow to half speed: local 7 at true 2.
    sim.scheduleAt(2, () => runtime.adjustClock('a', { offsetSeconds: 5, drift: -0.5 }));
    // At true time 4 (local 8), jump past both deadlines.
    sim.scheduleAt(4, () => runtime.adjustClock('a', { offsetSeconds: 15 }));
    await sim.run();
    // "ten" was due at local 10 = true 2 + (10 − 7)/0.5 = 8, but the jump at 4 made it due at once.
    expect(fired).toEqual([
      ['ten', 4],
      ['twenty', 4],
    ]);
    expect(clock.now()).toBe(8 + 15);
  });

  it('leave true time in the results', async () => {
    const { sim, network, runtime } = simulatedLine(['a', 'b']);
    runtime.adjustClock('a', { offsetSeconds: 100 });
    const a = runtime.node('a');
    a.clock.setTimer(1, () => a.transport.send('b', bytes('x')));
    await sim.run();
    expect(network.journal.sentAt[0]).toBe(1);
  });
});
