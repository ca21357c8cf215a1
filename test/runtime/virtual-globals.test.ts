import { randomBytes, randomUUID as nodeRandomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { setTimeout as sleepPromise } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { ProtocolError } from '../../src/runtime/simulated.js';
import type { NodeContext } from '../../src/runtime/seam.js';
import { MemoryDurableStore } from '../../src/runtime/durable-store.js';
import { currentNode } from '../../src/runtime/virtual/current.js';
import { installVirtualGlobals, uninstallVirtualGlobals, virtualGlobalsInstalled } from '../../src/runtime/virtual/globals.js';
import { virtualGlobals } from '../../src/runtime/virtual/program.js';
import { VIRTUAL_EPOCH_MS, VirtualNode, VirtualTimeEscapeError } from '../../src/runtime/virtual/virtual-node.js';
import { simulatedLine } from '../support/runtime.js';

afterAll(() => uninstallVirtualGlobals());

/** What a library sees of the world on each node, recorded as it runs. */
async function observe(seed: number, program: (log: (entry: unknown) => void, context: NodeContext) => void): Promise<Record<string, unknown[]>> {
  const { sim, runtime } = simulatedLine(['a', 'b'], { bandwidthBitsPerSecond: 8e6, delaySeconds: 0.01 }, { seed });
  const logs: Record<string, unknown[]> = { a: [], b: [] };
  for (const node of ['a', 'b']) runtime.spawn(node, virtualGlobals((context: NodeContext) => program((entry) => logs[node]!.push(entry), context)));
  await sim.run({ until: 10 });
  return logs;
}

describe('virtual globals', () => {
  it('run a library’s timers in virtual time, as the node that set them', async () => {
    const logs = await observe(1, (log) => {
      const start = Date.now();
      setTimeout(() => log(['timeout', Date.now() - start, performance.now()]), 250);
      let ticks = 0;
      const interval = setInterval(() => {
        log(['interval', Math.round(performance.now() * 1e6) / 1e6]); // 0.1 s steps add up in floating point
        if (++ticks === 3) clearInterval(interval);
      }, 100);
      const cancelled = setTimeout(() => log('never'), 50);
      clearTimeout(cancelled);
      setImmediate(() => log(['immediate', performance.now()]));
      setTimeout(() => log(['zero means 1 ms', performance.now()]), 0);
    });
    expect(logs.a).toEqual([
      ['immediate', 0],
      ['zero means 1 ms', 1],
      ['interval', 100],
      ['interval', 200],
      ['timeout', 250, 250],
      ['interval', 300],
    ]);
  });

  it('clear a timer by the number it coerces to, as Node’s do, and pass a callback its arguments', async () => {
    const logs = await observe(1, (log) => {
      const byNumber = setTimeout(() => log('cleared by number'), 100);
      clearTimeout(Number(byNumber));
      const interval = setInterval(() => log(['interval', performance.now()]), 100);
      const id = +interval;
      setTimeout(() => clearInterval(id), 250);
      // Numbered after it fired, then armed again: its number clears it again.
      const refreshed = setTimeout(() => log(['refreshed', performance.now()]), 50);
      setTimeout(() => {
        const number = Number(refreshed);
        refreshed.refresh();
        setTimeout(() => clearTimeout(number), 10);
      }, 60);
      setTimeout((a: unknown, b: unknown) => log(['arguments', a, b]), 300, 'x', 2);
      setImmediate((a: unknown) => log(['immediate', a]), 'y');
    });
    expect(logs.a).toEqual([['immediate', 'y'], ['refreshed', 50], ['interval', 100], ['interval', 200], ['arguments', 'x', 2]]);
  });

  it('read Date from the node’s clock after the epoch', async () => {
    const logs = await observe(1, (log) => {
      log(Date.now());
      log(new Date().toISOString());
      log(new Date(0).getTime());
      log(new Date() instanceof Date);
      setTimeout(() => log(Date.now() - VIRTUAL_EPOCH_MS), 1500);
    });
    expect(logs.a).toEqual([VIRTUAL_EPOCH_MS, '2026-01-01T00:00:00.000Z', 0, true, 1500]);
  });

  it('keep the context across awaits, promise timers and promisified timers', async () => {
    const logs = await observe(1, (log) => {
      void (async () => {
        await sleepPromise(30);
        log(performance.now());
        await new Promise((resolve) => setTimeout(resolve, 20));
        log(performance.now());
        await Promise.resolve();
        log(Math.round(performance.now()));
      })();
    });
    expect(logs.a).toEqual([30, 50, 50]);
  });

  it('draw Math.random and crypto from the node’s seeded streams', async () => {
    const draw = (log: (entry: unknown) => void): void => {
      log(Math.random());
      log(crypto.randomUUID());
      log(Array.from(crypto.getRandomValues(new Uint8Array(6))));
      log(nodeRandomUUID());
      log(randomBytes(4).toString('hex'));
    };
    const first = await observe(7, draw);
    const again = await observe(7, draw);
    const other = await observe(8, draw);
    expect(again).toEqual(first);
    expect(other.a).not.toEqual(first.a);
    expect(first.a).not.toEqual(first.b);
    expect(first.a![1]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('leave code outside any node with the real globals', async () => {
    await observe(1, () => undefined);
    expect(virtualGlobalsInstalled()).toBe(true);
    const before = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(Date.now()).toBeGreaterThanOrEqual(before + 4);
    expect(Math.abs(Date.now() - new Date().getTime())).toBeLessThan(1000);
  });

  it('run handlers of arriving frames as the receiving node', async () => {
    const logs = await observe(1, (log, context) => {
      context.transport.onReceive((frame, from) => log([from, Date.now() - VIRTUAL_EPOCH_MS, new TextDecoder().decode(frame)]));
      if (context.name === 'a') setTimeout(() => context.transport.send('b', new TextEncoder().encode('hi')), 100);
    });
    // Date.now() counts whole milliseconds, as the real one does.
    expect(logs.b).toEqual([['a', 110, 'hi']]);
  });

  it('report real I/O started as a node’s code, naming the node and the resource', async () => {
    const { sim, runtime } = simulatedLine(['a', 'b']);
    runtime.spawn(
      'a',
      virtualGlobals(() => {
        setTimeout(() => void readFile(new URL(import.meta.url)), 200);
      }),
    );
    const failure = await sim.run({ until: 10 }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(ProtocolError);
    const error = failure as ProtocolError;
    expect([error.node, error.time]).toEqual(['a', 0.2]);
    expect(error.cause).toBeInstanceOf(VirtualTimeEscapeError);
    expect((error.cause as VirtualTimeEscapeError).resource).toBe('FSREQPROMISE');
    expect(error.message).toContain('virtual-globals.test.ts');
  });

  it('follow the node’s skewed clock: a step forward makes a timer due, drift stretches the rest', async () => {
    const { sim, runtime } = simulatedLine(['a', 'b']);
    const seen: number[] = [];
    runtime.spawn(
      'a',
      virtualGlobals(() => {
        setTimeout(() => seen.push(Date.now() - VIRTUAL_EPOCH_MS, sim.now), 3000);
        setTimeout(() => seen.push(Date.now() - VIRTUAL_EPOCH_MS, sim.now), 10_000);
      }),
    );
    // At 1 s of true time the clock jumps 5 s ahead, then runs at half speed.
    sim.schedule(1, () => runtime.adjustClock('a', { offsetSeconds: 5, drift: -0.5 }));
    await sim.run({ until: 10 });
    // The first is due at 3 s of local time, past at once after the step; the second at 10 s
    // local, 4 s of local time after the step, which take 8 s of true time at half speed.
    expect(seen).toEqual([6000, 1, 10_000, 9]);
  });

  it('report a real timer kept from before the install', async () => {
    uninstallVirtualGlobals();
    const keptSetTimeout = globalThis.setTimeout;
    const { sim, runtime } = simulatedLine(['a', 'b']);
    runtime.spawn(
      'b',
      virtualGlobals(() => {
        keptSetTimeout(() => undefined, 5);
      }),
    );
    const failure = (await sim.run({ until: 1 }).then(
      () => undefined,
      (error: unknown) => error,
    )) as ProtocolError;
    expect([failure.node, failure.time, (failure.cause as VirtualTimeEscapeError).resource]).toEqual(['b', 0, 'Timeout']);
  });

  it('run the runtime’s own timers and sends outside the node, unless the runtime says they are plain bookkeeping', () => {
    installVirtualGlobals();
    // Which node the runtime's clock and transport found themselves running as.
    const seen: unknown[] = [];
    const noted = (value: number): number => {
      seen.push(currentNode.getStore()?.name);
      return value;
    };
    const inner: NodeContext = {
      name: 'a',
      peers: ['a'],
      neighbours: [],
      clock: { now: () => 0, setTimer: () => noted(1), cancelTimer: () => noted(1) === 1, sleep: () => Promise.resolve() },
      transport: { address: 'a', headerBytes: 0, send: () => void noted(0), onReceive: () => undefined },
      storage: new MemoryDurableStore(),
      random: () => ({ uniform: () => 0.5 }) as never,
    };
    for (const synchronous of [false, true]) {
      const node = new VirtualNode(inner, {}, { synchronous });
      node.call(() => {
        const timeout = setTimeout(() => undefined, 10);
        clearTimeout(timeout);
        node.context.clock.cancelTimer(node.context.clock.setTimer(1, () => undefined));
        node.context.transport.send('a', new Uint8Array(1));
      }, undefined, undefined);
    }
    expect(seen).toEqual([undefined, undefined, undefined, undefined, undefined, 'a', 'a', 'a', 'a', 'a']);
  });

  it('give a restarted node fresh virtual globals and cancel the old incarnation’s timers', async () => {
    const { sim, runtime } = simulatedLine(['a', 'b']);
    const fired: string[] = [];
    let incarnation = 0;
    runtime.spawn(
      'a',
      virtualGlobals(() => {
        const mine = incarnation++;
        setInterval(() => fired.push(`${mine}@${performance.now()}`), 400);
      }),
    );
    sim.schedule(1, () => runtime.crash('a'));
    sim.schedule(1.5, () => runtime.restart('a'));
    await sim.run({ until: 2.4 });
    expect(fired).toEqual(['0@400', '0@800', '1@1900', '1@2300']);
  });
});
