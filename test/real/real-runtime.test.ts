/**
 * The real runtime's own logic, on links that pass datagrams in memory (the socket links have
 * tests of their own): frames reach their receiver with the sender's name and without their
 * padding, the journal joins every arrival to its send, crashes end an incarnation, errors of
 * protocol code fail the run, and a run ends at its time, when stopped, or when idle.
 */
import { describe, expect, it } from 'vitest';
import { Fate } from '../../src/net/fates.js';
import type { SocketLink, SocketLinkOptions } from '../../src/runtime/real/link.js';
import { RealRuntime } from '../../src/runtime/real/real-runtime.js';
import { ProtocolError } from '../../src/runtime/protocol-error.js';

/** Links that hand datagrams over on a later turn of the event loop; `drop` refuses some. */
function memoryLinks(drop: (to: string, datagram: Uint8Array) => 'refuse' | 'vanish' | 'keep' = () => 'keep') {
  const handlers = new Map<string, (datagram: Uint8Array) => void>();
  return async (options: SocketLinkOptions): Promise<SocketLink> => {
    handlers.set(options.node, options.onDatagram);
    return {
      address: { host: '127.0.0.1', port: 1 },
      send(to, datagram) {
        const fate = drop(to, datagram);
        if (fate === 'refuse') return false;
        if (fate === 'keep') setImmediate(() => handlers.get(to)?.(datagram.slice()));
        return true;
      },
      close: async () => {
        handlers.delete(options.node);
      },
    };
  };
}

const NODES = ['a', 'b'];
const hosts = new Map(NODES.map((node) => [node, { host: '127.0.0.1', port: 0 }]));

describe('real runtime', () => {
  it('carries frames with the sender named and the padding cut off, and journals both ends', async () => {
    const runtime = await RealRuntime.open({ nodes: NODES, hosts, openLink: memoryLinks(), headerBytes: 54 });
    const got: [string, string][] = [];
    runtime.spawn('b', (context) => context.transport.onReceive((frame, from) => void got.push([from, new TextDecoder().decode(frame)])));
    runtime.spawn('a', (context) => {
      for (const text of ['one', 'two', 'three']) context.transport.send('b', new TextEncoder().encode(text), 100);
    });
    const result = await runtime.run({ quietSeconds: 0.05, drainSeconds: 0.01 });
    await runtime.close();
    expect(result.reason).toBe('idle');
    expect(got).toEqual([
      ['a', 'one'],
      ['a', 'two'],
      ['a', 'three'],
    ]);
    const journal = runtime.journal;
    expect(journal.length).toBe(3);
    expect([...journal.bytes.subarray(0, 3)]).toEqual([3 + 54 + 100, 3 + 54 + 100, 5 + 54 + 100]);
    for (let id = 0; id < 3; id++) {
      expect(journal.fate[id]).toBe(Fate.Delivered);
      expect(journal.receivedAt[id]!).toBeGreaterThanOrEqual(journal.sentAt[id]!);
    }
  });

  it('counts frames that never arrive as lost, and refused sends too', async () => {
    let sent = 0;
    const runtime = await RealRuntime.open({ nodes: NODES, hosts, openLink: memoryLinks(() => (sent++ % 3 === 0 ? 'refuse' : sent % 3 === 0 ? 'vanish' : 'keep')) });
    runtime.spawn('a', (context) => {
      for (let i = 0; i < 9; i++) context.transport.send('b', new Uint8Array([i]));
    });
    await runtime.run({ quietSeconds: 0.05, drainSeconds: 0.02 });
    await runtime.close();
    const fates = [...runtime.journal.fate.subarray(0, 9)];
    expect(fates.filter((fate) => fate === Fate.Lost)).toHaveLength(6);
    expect(fates.filter((fate) => fate === Fate.Delivered)).toHaveLength(3);
  });

  it('fires timers in due order, ties in the order set, and not before they are due', async () => {
    const runtime = await RealRuntime.open({ nodes: NODES, hosts, openLink: memoryLinks() });
    const fired: [string, number][] = [];
    runtime.spawn('a', (context) => {
      const clock = context.clock;
      const start = clock.now();
      for (const [name, delay] of [['late', 0.03], ['first', 0.01], ['tie-1', 0.02], ['tie-2', 0.02], ['now', 0]] as const) {
        clock.setTimer(delay, () => void fired.push([name, clock.now() - start - delay]));
      }
      const cancelled = clock.setTimer(0.015, () => void fired.push(['cancelled', 0]));
      expect(clock.cancelTimer(cancelled)).toBe(true);
      expect(clock.cancelTimer(cancelled)).toBe(false);
    });
    await runtime.run({ quietSeconds: 0.02, drainSeconds: 0 });
    await runtime.close();
    expect(fired.map(([name]) => name)).toEqual(['now', 'first', 'tie-1', 'tie-2', 'late']);
    for (const [, early] of fired) expect(early).toBeGreaterThanOrEqual(0);
  });

  it('ends a crashed incarnation: its timers never fire, what reaches it is receiver_down; a restart runs the program again', async () => {
    const runtime = await RealRuntime.open({ nodes: NODES, hosts, openLink: memoryLinks() });
    const starts: number[] = [];
    let fired = 0;
    runtime.spawn('b', (context) => {
      starts.push(context.clock.now());
      context.clock.setTimer(0.02, () => void fired++);
      context.transport.onReceive(() => {});
    });
    runtime.spawn('a', (context) => {
      context.clock.setTimer(0.005, () => {
        runtime.crash('b');
        context.transport.send('b', new Uint8Array([1]));
      });
      context.clock.setTimer(0.04, () => runtime.restart('b'));
    });
    await runtime.run({ untilSeconds: 0.1, drainSeconds: 0 });
    await runtime.close();
    expect(starts).toHaveLength(2);
    expect(fired).toBe(1); // the restarted incarnation's timer only
    expect(runtime.journal.fate[0]).toBe(Fate.ReceiverDown);
  });

  it('fails the run with a ProtocolError naming node and event when protocol code throws or rejects', async () => {
    for (const failing of [
      () => {
        throw new Error('boom');
      },
      async () => {
        await Promise.resolve();
        throw new Error('boom');
      },
    ]) {
      const runtime = await RealRuntime.open({ nodes: NODES, hosts, openLink: memoryLinks() });
      runtime.spawn('a', (context) => context.clock.setTimer(0.001, failing));
      const error = await runtime.run({ untilSeconds: 5, drainSeconds: 0 }).catch((caught: unknown) => caught);
      await runtime.close();
      expect(error).toBeInstanceOf(ProtocolError);
      expect((error as ProtocolError).node).toBe('a');
      expect((error as ProtocolError).message).toMatch(/timer.*boom/);
    }
  });

  it('stops at its time, or when stopped, or when its signal aborts', async () => {
    const runtime = await RealRuntime.open({ nodes: NODES, hosts, openLink: memoryLinks() });
    runtime.spawn('a', (context) => {
      const tick = (): void => void context.clock.setTimer(0.005, tick);
      tick();
    });
    const timed = await runtime.run({ untilSeconds: 0.05, drainSeconds: 0 });
    await runtime.close();
    expect(timed).toMatchObject({ reason: 'until', now: 0.05 });
    const aborted = new AbortController();
    const second = await RealRuntime.open({ nodes: NODES, hosts, openLink: memoryLinks() });
    second.spawn('a', (context) => {
      const tick = (): void => void context.clock.setTimer(0.005, tick);
      tick();
      context.clock.setTimer(0.02, () => aborted.abort());
    });
    const stopped = await second.run({ untilSeconds: 10, drainSeconds: 0, signal: aborted.signal });
    await second.close();
    expect(stopped.reason).toBe('stopped');
    expect(stopped.now).toBeLessThan(1);
  });
});
