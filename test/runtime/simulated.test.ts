import { describe, expect, it } from 'vitest';
import { NO_TIMER } from '../../src/runtime/seam.js';
import { ProtocolError } from '../../src/runtime/simulated.js';
import { simulatedLine } from '../support/runtime.js';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const text = (frame: Uint8Array): string => new TextDecoder().decode(frame);

describe('simulated runtime', () => {
  it('resumes an async handler after sleep at the right virtual time', async () => {
    const { sim, runtime } = simulatedLine(['a', 'b']);
    const a = runtime.node('a');
    const b = runtime.node('b');
    const log: string[] = [];
    b.transport.onReceive(async (frame, from) => {
      log.push(`got ${text(frame)} from ${from} at ${b.clock.now()}`);
      await b.clock.sleep(0.5);
      log.push(`woke at ${b.clock.now()}`);
      b.transport.send('a', bytes('ack'));
    });
    a.transport.onReceive((frame) => log.push(`a got ${text(frame)} at ${a.clock.now()}`));
    a.transport.send('b', bytes('hi'));
    await sim.run();
    // 2 bytes at 8 Mbps = 2 µs, plus 10 ms; the ack takes 3 µs + 10 ms.
    expect(log).toEqual([
      `got hi from a at ${0.000002 + 0.01}`,
      `woke at ${0.000002 + 0.01 + 0.5}`,
      `a got ack at ${0.000002 + 0.01 + 0.5 + 0.000003 + 0.01}`,
    ]);
  });

  it('runs timers as protocol code and cancels them', async () => {
    const { sim, runtime } = simulatedLine(['a', 'b']);
    const clock = runtime.node('a').clock;
    const fired: number[] = [];
    clock.setTimer(1, () => void fired.push(clock.now()));
    const cancelled = clock.setTimer(2, () => void fired.push(-1));
    clock.setTimer(3, async () => {
      await clock.sleep(1);
      fired.push(clock.now());
    });
    expect(clock.cancelTimer(cancelled)).toBe(true);
    expect(clock.cancelTimer(cancelled)).toBe(false);
    await sim.run();
    expect(fired).toEqual([1, 4]);
  });

  it('takes NO_TIMER for no timer: cancelling it is false and cancels nothing', async () => {
    const { sim, runtime } = simulatedLine(['a', 'b']);
    const clock = runtime.node('a').clock;
    const fired: number[] = [];
    const handles = [clock.setTimer(1, () => void fired.push(1)), clock.setTimer(2, () => void fired.push(2))];
    expect(handles).not.toContain(NO_TIMER);
    expect(Number.isInteger(NO_TIMER)).toBe(false);
    expect(clock.cancelTimer(NO_TIMER)).toBe(false);
    await sim.run();
    expect(fired).toEqual([1, 2]);
  });

  it('never blocks the sender: send returns before the receiver runs', async () => {
    const { sim, runtime } = simulatedLine(['a', 'b'], { bandwidthBitsPerSecond: 8e6, delaySeconds: 0 });
    const log: string[] = [];
    runtime.node('b').transport.onReceive(() => void log.push('received'));
    runtime.node('a').clock.setTimer(0, () => {
      runtime.node('a').transport.send('b', bytes('x'));
      log.push('sender continues');
    });
    await sim.run();
    expect(log).toEqual(['sender continues', 'received']);
  });

  it('counts frame + header + padding bytes on the wire', async () => {
    const { sim, network, runtime } = simulatedLine(['a', 'b'], undefined, { headerBytes: 40 });
    runtime.node('a').transport.send('b', bytes('12345'), 7);
    await sim.run();
    expect(network.journal.bytes[0]).toBe(5 + 40 + 7);
  });

  it('fails the run with a ProtocolError when a handler throws', async () => {
    const { sim, runtime } = simulatedLine(['a', 'b']);
    runtime.node('b').transport.onReceive(() => {
      throw new Error('bad state');
    });
    runtime.node('a').transport.send('b', bytes('x'));
    const error = await sim.run().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProtocolError);
    expect((error as ProtocolError).message).toBe('protocol code on node "b" failed at t=0.010001s handling a frame from a: Error: bad state');
  });

  it('fails the run with a ProtocolError when an async handler rejects', async () => {
    const { sim, runtime } = simulatedLine(['a', 'b']);
    const clock = runtime.node('b').clock;
    runtime.node('b').transport.onReceive(async () => {
      await clock.sleep(1);
      throw new Error('late failure');
    });
    runtime.node('a').transport.send('b', bytes('x'));
    await expect(sim.run()).rejects.toThrow(/node "b" failed at t=1.010001s in async code started at t=0.010001s handling a frame from a: Error: late failure/);
  });

  it('interleaves concurrent async handlers the same way on every run', async () => {
    const once = async (): Promise<string[]> => {
      const { sim, runtime } = simulatedLine(['a', 'b', 'c']);
      const log: string[] = [];
      for (const node of ['a', 'c']) {
        const { clock, transport } = runtime.node(node);
        transport.onReceive(async (frame) => {
          for (let i = 0; i < 3; i++) {
            log.push(`${node}:${text(frame)}:${i}@${clock.now()}`);
            await clock.sleep(0.001 * (i + 1));
          }
        });
      }
      const b = runtime.node('b').transport;
      for (let i = 0; i < 5; i++) {
        b.send('a', bytes(`m${i}`));
        b.send('c', bytes(`m${i}`));
      }
      await sim.run();
      return log;
    };
    const first = await once();
    expect(first).toHaveLength(30);
    expect(await once()).toEqual(first);
  });
});
