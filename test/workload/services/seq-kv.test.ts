/**
 * The seq-kv service's model: every history it answers has a sequential witness (one total
 * order of all requests, each client's in the order it made them, in which a plain map
 * gives every answer it gave), a client never reads back in time and reads its own writes,
 * reads may still be stale, and over the network it is not linearizable. Seeds are fixed
 * (test/support/setup.ts); a failing property prints its seed and path.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RandomStream } from '../../../src/engine/random.js';
import type { Body } from '../../../src/messaging/maelstrom/body.js';
import { checkLinearizable } from '../../../src/stats/history/check.js';
import { keyedModel } from '../../../src/stats/history/model.js';
import { casRegisterModel } from '../../../src/stats/history/models.js';
import type { KvOutcome } from '../../../src/workload/services/kv.js';
import { SEQ_KV_STATES, SequentialKv } from '../../../src/workload/services/seq-kv.js';
import { kvProxy } from '../../fixtures/programs/kv.js';
import { runProgram } from '../../support/program.js';

/** What a request got, as text: `ok`, `ok 3` (a read), `e20`, `e22`. */
function answer(outcome: KvOutcome): string {
  if ('error' in outcome) return `e${outcome.error.code}`;
  return outcome.reply.type === 'read_ok' ? `ok ${JSON.stringify(outcome.reply['value'])}` : 'ok';
}

/** What a plain map answers to a request, and the map after it (written for this test alone). */
function sequential(state: ReadonlyMap<string, number>, body: Body): [string, Map<string, number>] {
  const key = String(body['key']);
  const next = new Map(state);
  const has = state.has(key);
  if (body.type === 'read') return [has ? `ok ${state.get(key)}` : 'e20', next];
  if (body.type === 'write') return ['ok', next.set(key, body['value'] as number)];
  if (!has && body['create_if_not_exists'] !== true) return ['e20', next];
  if (has && state.get(key) !== body['from']) return ['e22', next];
  return ['ok', next.set(key, body['to'] as number)];
}

interface Request {
  readonly client: number;
  readonly body: Body;
}

/** Whether the answers have a sequential witness: a depth-first search over interleavings of the clients' requests. */
function hasSequentialWitness(requests: readonly Request[], answers: readonly string[], clients: number): boolean {
  const queues = Array.from({ length: clients }, (_, c) => requests.flatMap((request, i) => (request.client === c ? [i] : [])));
  const failed = new Set<string>();
  const search = (positions: number[], state: Map<string, number>): boolean => {
    if (positions.every((p, c) => p === queues[c]!.length)) return true;
    const memo = `${positions.join(',')}|${JSON.stringify([...state].sort())}`;
    if (failed.has(memo)) return false;
    for (let c = 0; c < clients; c++) {
      const i = queues[c]![positions[c]!];
      if (i === undefined) continue;
      const [expected, next] = sequential(state, requests[i]!.body);
      if (expected !== answers[i]) continue;
      const moved = [...positions];
      moved[c]!++;
      if (search(moved, next)) return true;
    }
    failed.add(memo);
    return false;
  };
  return search(Array.from({ length: clients }, () => 0), new Map());
}

const body: fc.Arbitrary<Body> = fc.oneof(
  fc.record({ type: fc.constant('read'), key: fc.constantFrom('a', 'b') }),
  fc.record({ type: fc.constant('write'), key: fc.constantFrom('a', 'b'), value: fc.nat(2) }),
  fc.record({ type: fc.constant('cas'), key: fc.constantFrom('a', 'b'), from: fc.nat(2), to: fc.nat(2), create_if_not_exists: fc.boolean() }),
);
const request: fc.Arbitrary<Request> = fc.record({ client: fc.nat(2), body });

describe('seq-kv', () => {
  it('answers every history in a way some sequential order of each client’s requests explains', () => {
    fc.assert(
      fc.property(fc.array(request, { maxLength: 18 }), fc.nat(), (requests, seed) => {
        const store = new SequentialKv(new RandomStream('seq-kv', String(seed)));
        const answers = requests.map((r) => answer(store.handle(`n${r.client}`, r.body).outcome));
        expect(hasSequentialWitness(requests, answers, 3)).toBe(true);
      }),
    );
  });

  it('never shows a client a state older than one it has seen, and shows it its own writes', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: 1, maxLength: 80 }), fc.nat(), (writerTurns, seed) => {
        const store = new SequentialKv(new RandomStream('seq-kv', String(seed)));
        let written = 0;
        let lastRead = -1;
        for (const writerTurn of writerTurns) {
          if (writerTurn) {
            store.handle('writer', { type: 'write', key: 'x', value: ++written });
            expect(answer(store.handle('writer', { type: 'read', key: 'x' }).outcome)).toBe(`ok ${written}`);
            continue;
          }
          const got = answer(store.handle('reader', { type: 'read', key: 'x' }).outcome);
          const value = got === 'e20' ? 0 : Number(got.slice(3));
          expect(value).toBeGreaterThanOrEqual(lastRead);
          lastRead = value;
        }
      }),
    );
  });

  it('serves stale reads to another client, but nothing older than the states it keeps', () => {
    const store = new SequentialKv(new RandomStream('seq-kv', '1'));
    for (let value = 1; value <= 40; value++) store.handle('writer', { type: 'write', key: 'x', value });
    const reads = Array.from({ length: 200 }, (_, i) => answer(store.handle(`reader${i}`, { type: 'read', key: 'x' }).outcome));
    const values = reads.map((read) => Number(read.slice(3)));
    expect(values.some((value) => value < 40)).toBe(true);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(40 - (SEQ_KV_STATES - 1));
  });

  it('applies a change to the latest state, never to a stale one, so a cas cannot fork the timeline', () => {
    const store = new SequentialKv(new RandomStream('seq-kv', '2'));
    store.handle('a', { type: 'write', key: 'x', value: 1 });
    store.handle('a', { type: 'write', key: 'x', value: 2 });
    // A fresh client may read x as missing, 1 or 2; a cas from 1 would succeed on a stale
    // state, but changes go to the latest, where it fails.
    const reads = Array.from({ length: 20 }, (_, i) => answer(store.handle(`r${i}`, { type: 'read', key: 'x' }).outcome));
    expect(new Set(reads).size).toBeGreaterThan(1);
    const cases = Array.from({ length: 20 }, (_, i) => answer(store.handle(`c${i}`, { type: 'cas', key: 'x', from: 1, to: 3 }).outcome));
    // Failing on a stale state (missing, 2) or on the latest: never ok.
    expect(new Set(cases)).toEqual(new Set(['e20', 'e22']));
    expect(answer(store.handle('a', { type: 'read', key: 'x' }).outcome)).toBe('ok 2');
  });

  it('over the network: one client reads its own writes (linearizable), several see stale values (not)', async () => {
    const model = keyedModel(casRegisterModel, 'cas-register by key', 'cas registers by key');
    const data = (nodes: number, concurrency: number) => ({
      nodes: [...Array.from({ length: nodes }, (_, i) => `n${i}`), 'seq-kv'],
      topology: { kind: 'full-mesh', link: { bandwidth: '1Gbps', delay: '5ms' } },
      services: ['seq-kv'],
      workload: { kind: 'lin-kv' },
      clients: { concurrency, rate: 100, duration: '4s', recovery: 0 },
    });
    const one = await runProgram(data(1, 1), kvProxy('seq-kv'));
    expect(checkLinearizable(one.history!, model).verdict).toBe('linearizable');
    const many = await runProgram(data(3, 6), kvProxy('seq-kv'));
    expect(checkLinearizable(many.history!, model).verdict).toBe('not-linearizable');
  });
});
