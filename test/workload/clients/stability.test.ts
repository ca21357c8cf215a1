/**
 * The exact stable latency of a set workload: each value's time from its acknowledgement
 * until every program node holds it, watched by shadow reads after every step, against the
 * delay formula on a line of 100 ms links; the shadow reads leave the history and the
 * network alone, a node that holds every value asked for so far is not asked, and the order
 * a read lists the set in changes nothing (seeds fixed in test/support/setup.ts).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CODECS } from '../../../src/messaging/codec.js';
import type { NodeSetup } from '../../../src/messaging/maelstrom/node.js';
import { checkRun } from '../../../src/stats/checks/index.js';
import { quantile } from '../../../src/stats/history/checkers/set-full.js';
import { pairOperations } from '../../../src/stats/history/entry.js';
import { SHADOW_CLIENT } from '../../../src/workload/program-host.js';
import single from '../../../scenarios/glomers/protocols/broadcast-single.js';
import { flooding, runProgram } from '../../support/program.js';

const BANDWIDTH = 1e6;
const DELAY = 0.1;

/** Three nodes in a line, 1 Mbps / 100 ms links; one client, on the end node n0. */
const LINE_OF_THREE = {
  nodes: 3,
  topology: { kind: 'line', link: { bandwidth: '1Mbps', delay: '100ms' } },
  workload: { kind: 'broadcast', topology: 'line' },
  clients: { concurrency: 1, nodes: ['n0'], rate: 4, duration: '5s', recovery: '1s' },
};

/** Bytes on the wire of the flood's forward of `message`: the encoded frame (no header). */
function forwardBytes(message: unknown): number {
  return CODECS['msgpack']!.encode(['J', { type: 'broadcast', message }]).length;
}

describe('exact stable latency', () => {
  it('is two hops of size/bandwidth + delay for a value broadcast at the end of a line of three', async () => {
    const record = await runProgram(LINE_OF_THREE, flooding);
    const broadcasts = pairOperations(record.history!).filter((op) => op.f === 'broadcast');
    expect(broadcasts.length).toBeGreaterThan(5);
    const expected: number[] = [];
    for (const op of broadcasts) {
      expect(op.outcome).toBe('ok');
      // n0 → n1 → n2, each hop an idle link: delay = Σ hops (size·8/bandwidth + propagation).
      const formula = 2 * ((forwardBytes(op.input) * 8) / BANDWIDTH + DELAY);
      const stable = record.stableAt!.get(JSON.stringify(op.input))!;
      expect(stable - op.returnTime!, `value ${JSON.stringify(op.input)}`).toBeCloseTo(formula, 12);
      expected.push(formula);
    }
    expected.sort((a, b) => a - b);
    const rows = new Map(checkRun(record).workload.map((row) => [row.metric, row.measured]));
    expect(rows.get('stable_exact')).toBe(broadcasts.length);
    expect(rows.get('stable_latency_exact_max')).toBeCloseTo(expected.at(-1)!, 12);
    expect(rows.get('stable_latency_exact_p50')).toBeCloseTo(quantile(expected, 0.5), 12);
    // Read-sampled latency cannot exceed the exact one: a read that missed a value ran before it was everywhere.
    expect(rows.get('stable_latency_read_max')!).toBeLessThanOrEqual(rows.get('stable_latency_exact_max')!);
  });

  it('reads with shadow requests that reach neither the history nor the network, and skips nodes that hold every value', async () => {
    const shadowReads = new Map<string, number>();
    // The flood, its read handler counting the shadow reads.
    const counted: NodeSetup = (node) => {
      const on = node.on.bind(node);
      node.on = (type, handler) =>
        on(type, (req) => {
          if (type === 'read' && req.src === SHADOW_CLIENT) shadowReads.set(node.id, (shadowReads.get(node.id) ?? 0) + 1);
          return handler(req);
        });
      flooding(node);
    };
    const record = await runProgram(LINE_OF_THREE, counted);
    const history = record.history!;
    const ops = pairOperations(history);
    const broadcasts = ops.filter((op) => op.f === 'broadcast').length;
    const reads = ops.filter((op) => op.f === 'read').length;
    expect(reads).toBeGreaterThan(3);
    // Only the clients' own processes (one thread, no infos) are in the history.
    expect(new Set(history.map((entry) => entry.process))).toEqual(new Set([0]));
    // Frames: the flood's forwards only, two per value.
    expect(record.journal.length).toBe(2 * broadcasts);
    // Each node is asked once per value, at the step that brought it; never at a client's read
    // (n0 holds every value then), nor at init or topology (no value asked for yet).
    expect(Object.fromEntries(shadowReads)).toEqual({ n0: broadcasts, n1: broadcasts, n2: broadcasts });
  });

  it('leaves out a value that some node never held, and rows without a probe have no exact rows', async () => {
    // Each node keeps what its clients gave it, and tells no one (the 3a reference).
    const record = await runProgram(LINE_OF_THREE, single);
    expect(record.stableAt!.size).toBe(0);
    const rows = new Map(checkRun(record).workload.map((row) => [row.metric, row.measured]));
    expect(rows.get('stable_exact')).toBe(0);
    expect(rows.get('stable_latency_exact_max')).toBeNaN();
    const echo = await runProgram({ nodes: 1, workload: { kind: 'echo' }, clients: { rate: 5, duration: '1s', recovery: 0 } }, (node) => {
      node.on('echo', (req) => node.reply(req, { type: 'echo_ok', echo: req.body['echo'] }));
    });
    expect(echo.stableAt).toBeUndefined();
    expect(checkRun(echo).workload.some((row) => row.metric.startsWith('stable_'))).toBe(false);
  });

  it('finds the same stable times whatever order a read lists the set in', async () => {
    const orders: Record<string, (values: unknown[]) => unknown[]> = {
      reversed: (values) => values.reverse(),
      sorted: (values) => values.sort((a, b) => Number(a) - Number(b)),
      rotated: (values) => [...values.slice(1), ...values.slice(0, 1)],
      doubled: (values) => [...values, ...values],
    };
    // The flood, its read replies reordered.
    const reordered =
      (order: (values: unknown[]) => unknown[]): NodeSetup =>
      (node) => {
        const on = node.on.bind(node);
        node.on = (type, handler) =>
          on(
            type,
            type !== 'read'
              ? handler
              : (req) => {
                  const reply = node.reply.bind(node);
                  node.reply = (request, body) => reply(request, { ...body, messages: order([...(body['messages'] as unknown[])]) });
                  try {
                    return handler(req);
                  } finally {
                    node.reply = reply;
                  }
                },
          );
        flooding(node);
      };
    const grid = { ...LINE_OF_THREE, nodes: 5, topology: { kind: 'full-mesh', link: { bandwidth: '1Mbps', delay: '100ms' } }, workload: { kind: 'broadcast', topology: 'grid' }, clients: { concurrency: 5, rate: 20, duration: '2s', recovery: '1s' } };
    await fc.assert(
      fc.asyncProperty(fc.nat(1000), fc.constantFrom(...Object.keys(orders)), async (seed, order) => {
        const plain = await runProgram(grid, flooding, { seed });
        const other = await runProgram(grid, reordered(orders[order]!), { seed });
        expect(plain.stableAt!.size).toBeGreaterThan(10);
        expect([...other.stableAt!].sort()).toEqual([...plain.stableAt!].sort());
      }),
      { numRuns: 12 },
    );
  });
});
