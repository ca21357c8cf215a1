/**
 * The kafka workload's generator, driven directly: a process starts from the committed
 * offsets, commits what each poll returned, draws keys with Jepsen's exponential weights,
 * retires keys after their sends, and in the final phase polls every key from offset 0
 * until it has read past what was known, within the final phase's time limit.
 */
import { describe, expect, it } from 'vitest';
import { RandomStream } from '../../../src/engine/random.js';
import type { ClientWorkload, GeneratorContext, Invocation } from '../../../src/workload/clients/workload.js';
import { KAFKA_FINAL_SECONDS, kafkaWorkload } from '../../../src/workload/clients/workloads/kafka.js';
import { workloadOf } from '../../../src/workload/clients/workloads/index.js';

function context(random: RandomStream, process: number, time = 0): GeneratorContext {
  return { random, process, count: 0, time, threads: 1, nodes: ['n0'] };
}

/** Starts process 0 of `workload`: its first operation lists committed offsets, answered with `committed`. */
function started(workload: ClientWorkload, random: RandomStream, committed: Record<string, number> = {}): void {
  const list = workload.next(context(random, 0));
  expect(list.f).toBe('list_committed_offsets');
  workload.complete(list, { type: 'list_committed_offsets_ok', offsets: committed });
}

/** Process 0's next operation of function `f`; a restart on the way is answered with `committed`. */
function nextOf(workload: ClientWorkload, random: RandomStream, f: string, committed: Record<string, number> = {}): Invocation {
  for (;;) {
    const op = workload.next(context(random, 0));
    if (op.f === f) return op;
    if (op.f === 'list_committed_offsets') workload.complete(op, { type: 'list_committed_offsets_ok', offsets: committed });
  }
}

describe('kafka workload', () => {
  it('starts a process from the committed offsets, polls from there, and commits what a poll returned', () => {
    const workload = workloadOf({ kind: 'kafka' });
    const random = new RandomStream('test', '1');
    const list = workload.next(context(random, 0));
    expect(list).toEqual({ f: 'list_committed_offsets', value: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'] });
    expect(workload.request(list)).toEqual({ type: 'list_committed_offsets', keys: list.value });
    expect(workload.complete(list, { type: 'list_committed_offsets_ok', offsets: { '3': 4 } })).toEqual({ '3': 4 });
    const poll = nextOf(workload, random, 'poll', { '3': 4 });
    expect((poll.value as Record<string, number>)['3']).toBe(5);
    expect((poll.value as Record<string, number>)['0']).toBe(0);
    expect(workload.complete(poll, { type: 'poll_ok', msgs: { '3': [[5, 'a'], [7, 'b']] } })).toEqual({ '3': [[5, 'a'], [7, 'b']] });
    expect(workload.next(context(random, 0))).toEqual({ f: 'commit_offsets', value: { '3': 7 } });
    const next = nextOf(workload, random, 'poll');
    expect((next.value as Record<string, number>)['3']).toBe(8);
    expect(() => workload.complete(next, { type: 'poll_ok', msgs: { '3': [['x', 1]] } })).toThrow(TypeError);
  });

  it('draws key i of the pool with weight 2^i, and restarts a consumer about once in 64 operations', () => {
    const workload = kafkaWorkload({ maxWritesPerKey: 1e9 });
    const random = new RandomStream('test', '2');
    started(workload, random);
    const ops = Array.from({ length: 20_000 }, () => {
      const op = workload.next(context(random, 0));
      if (op.f === 'list_committed_offsets') workload.complete(op, { type: 'list_committed_offsets_ok', offsets: {} });
      return op;
    });
    const sends = ops.filter((op) => op.f === 'send');
    const share = (key: string) => sends.filter((op) => op.key === key).length / sends.length;
    // Shares 2^i / (2^10 - 1); 99.9% bands for about 9800 sends.
    expect(share('9')).toBeGreaterThan(0.484);
    expect(share('9')).toBeLessThan(0.517);
    expect(share('8')).toBeGreaterThan(0.236);
    expect(share('8')).toBeLessThan(0.264);
    expect(share('0')).toBeLessThan(0.002);
    const restarts = ops.filter((op) => op.f === 'list_committed_offsets').length;
    expect(restarts).toBeGreaterThan(20_000 / 64 - 60);
    expect(restarts).toBeLessThan(20_000 / 64 + 60);
    expect(new Set(sends.map((op) => op.value)).size).toBe(sends.length);
  });

  it('retires a key after its sends, and a fresh key takes its place', () => {
    const workload = kafkaWorkload({ keyCount: 3, maxWritesPerKey: 4 });
    const random = new RandomStream('test', '3');
    started(workload, random);
    const sends = Array.from({ length: 200 }, () => nextOf(workload, random, 'send'));
    const counts = new Map<unknown, number>();
    for (const op of sends) counts.set(op.key, (counts.get(op.key) ?? 0) + 1);
    expect(Math.max(...counts.values())).toBeLessThanOrEqual(4);
    expect(counts.size).toBeGreaterThan(20);
  });

  it('polls every known key from 0 in the final phase, until past what was known, a random gap apart', () => {
    const workload = workloadOf({ kind: 'kafka' });
    const random = new RandomStream('test', '4');
    started(workload, random);
    const send = nextOf(workload, random, 'send');
    workload.complete(send, { type: 'send_ok', offset: 5 });
    const first = workload.finalNext!(context(random, 0, 20))!;
    expect(first.delaySeconds).toBe(0);
    expect(first.op.value).toEqual({ [String(send.key)]: 0 });
    workload.complete(first.op, { type: 'poll_ok', msgs: { [String(send.key)]: [[0, 'm'], [3, 'n']] } });
    const second = workload.finalNext!(context(random, 0, 20))!;
    expect(second.delaySeconds).toBeGreaterThanOrEqual(0);
    expect(second.delaySeconds).toBeLessThan(0.4);
    expect(second.op.value).toEqual({ [String(send.key)]: 4 });
    workload.complete(second.op, { type: 'poll_ok', msgs: { [String(send.key)]: [[5, 'o']] } });
    expect(workload.finalNext!(context(random, 0, 21))).toBeUndefined();
  });

  it('gives up the final polls after the final phase’s time limit', () => {
    const workload = workloadOf({ kind: 'kafka' });
    const random = new RandomStream('test', '5');
    started(workload, random);
    const send = nextOf(workload, random, 'send');
    workload.complete(send, { type: 'send_ok', offset: 0 });
    expect(workload.finalNext!(context(random, 0, 20))).toBeDefined();
    expect(workload.finalNext!(context(random, 0, 20 + KAFKA_FINAL_SECONDS / 2))).toBeDefined();
    // No poll is to start at or past the limit, however close the last decision comes to it.
    for (let t = 20; t < 20 + KAFKA_FINAL_SECONDS; t += 0.05) {
      const step = workload.finalNext!(context(random, 0, t));
      if (step !== undefined) expect(t + step.delaySeconds).toBeLessThan(20 + KAFKA_FINAL_SECONDS);
    }
    expect(workload.finalNext!(context(random, 0, 20 + KAFKA_FINAL_SECONDS))).toBeUndefined();
    // A process with nothing known to read has no final polls.
    const quiet = workloadOf({ kind: 'kafka' });
    expect(quiet.finalNext!(context(random, 3, 20))).toBeUndefined();
  });
});
