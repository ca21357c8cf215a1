/**
 * The client workloads' generators, driven directly: what each asks for, with the values,
 * keys and mixes of Maelstrom's (unique-ids, g-counter, g-set, lin-kv, kafka), and how a
 * reply becomes the value its history records.
 */
import { describe, expect, it } from 'vitest';
import { RandomStream } from '../../../src/engine/random.js';
import type { ClientWorkload, GeneratorContext, Invocation } from '../../../src/workload/clients/workload.js';
import { workloadOf } from '../../../src/workload/clients/workloads/index.js';

/** A context for process `process` of `threads` talking to `nodes` nodes. */
function context(random: RandomStream, process: number, threads = 1, nodes = 1, time = 0): GeneratorContext {
  return { random, process, count: 0, time, threads, nodes: Array.from({ length: nodes }, (_, i) => `n${i}`) };
}

function generate(workload: ClientWorkload, n: number, at: (i: number, random: RandomStream) => GeneratorContext): Invocation[] {
  const random = new RandomStream('test', '1');
  return Array.from({ length: n }, (_, i) => workload.next(at(i, random)));
}

describe('client workloads', () => {
  it('unique-ids: generate, and an ok records the id of any JSON type', () => {
    const workload = workloadOf({ kind: 'unique-ids' });
    const [op] = generate(workload, 1, (_, random) => context(random, 0));
    expect(workload.request(op!)).toEqual({ type: 'generate' });
    expect(workload.complete(op!, { type: 'generate_ok', id: { node: 'n1', n: 3 } })).toEqual({ node: 'n1', n: 3 });
    expect(() => workload.complete(op!, { type: 'generate_ok' })).toThrow(TypeError);
  });

  it('g-counter: adds of 0 to 4 and reads, half and half, and a final read', () => {
    const workload = workloadOf({ kind: 'g-counter' });
    const ops = generate(workload, 2000, (_, random) => context(random, 0));
    const adds = ops.filter((op) => op.f === 'add');
    expect(adds.length).toBeGreaterThan(900);
    expect(adds.length).toBeLessThan(1100);
    expect(new Set(adds.map((op) => op.value))).toEqual(new Set([0, 1, 2, 3, 4]));
    expect(workload.request(adds[0]!)).toEqual({ type: 'add', delta: adds[0]!.value });
    expect(workload.finalOps).toEqual([{ f: 'read', value: null }]);
    expect(workload.complete({ f: 'read', value: null }, { type: 'read_ok', value: 12 })).toBe(12);
    expect(() => workload.complete({ f: 'read', value: null }, { type: 'read_ok', value: '12' })).toThrow(TypeError);
  });

  it('g-set: adds of distinct elements, read_ok value lists, and a final read', () => {
    const workload = workloadOf({ kind: 'g-set' });
    const adds = generate(workload, 100, (_, random) => context(random, 0)).filter((op) => op.f === 'add');
    expect(adds.map((op) => op.value)).toEqual(adds.map((_, i) => i));
    expect(workload.request(adds[1]!)).toEqual({ type: 'add', element: 1 });
    expect(workload.complete({ f: 'read', value: null }, { type: 'read_ok', value: [1, 2] })).toEqual([1, 2]);
    expect(workload.finalOps).toEqual([{ f: 'read', value: null }]);
  });

  it('lin-kv: groups of 2n threads on a key each, half reading, the rest writing or cas-ing values 0 to 4', () => {
    const workload = workloadOf({ kind: 'lin-kv' });
    // 2 nodes, 8 threads: groups {0..3} and {4..7}; threads 0, 1, 4, 5 read.
    const ops = generate(workload, 800, (i, random) => context(random, i % 8, 8, 2));
    const byThread = (thread: number) => ops.filter((_, i) => i % 8 === thread);
    for (const thread of [0, 1, 4, 5]) expect(new Set(byThread(thread).map((op) => op.f))).toEqual(new Set(['read']));
    for (const thread of [2, 3, 6, 7]) expect(new Set(byThread(thread).map((op) => op.f))).toEqual(new Set(['write', 'cas']));
    // The groups work on keys of their own, each for ⌊128 × U(0.9, 1)⌋ operations (the last key of each still going).
    const keysOf = (threads: number[]) => new Set(ops.filter((_, i) => threads.includes(i % 8))
      .map((op) => Number(op.key)));
    const first = keysOf([0, 1, 2, 3]);
    const second = keysOf([4, 5, 6, 7]);
    expect([...first].some((key) => second.has(key))).toBe(false);
    for (const key of [...first, ...second]) {
      const count = ops.filter((op) => op.key === key).length;
      if (key !== Math.max(...first) && key !== Math.max(...second)) expect(count).toBeGreaterThanOrEqual(115);
      expect(count).toBeLessThanOrEqual(127);
    }
    const values = ops.flatMap((op) => (op.f === 'write' ? [op.value] : op.f === 'cas' ? (op.value as number[]) : []));
    expect(new Set(values)).toEqual(new Set([0, 1, 2, 3, 4]));
    const cas = ops.find((op) => op.f === 'cas')!;
    expect(workload.request(cas)).toEqual({ type: 'cas', key: cas.key, from: (cas.value as number[])[0], to: (cas.value as number[])[1] });
  });

  it('lin-kv: a lone thread reads, writes and cas-es', () => {
    const ops = generate(workloadOf({ kind: 'lin-kv' }), 100, (_, random) => context(random, 0, 1, 3));
    expect(new Set(ops.map((op) => op.f))).toEqual(new Set(['read', 'write', 'cas']));
  });
});
