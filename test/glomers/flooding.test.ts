/**
 * Frame counts of the challenge pack's broadcast protocols against their formulas, exactly,
 * on every Maelstrom topology and several cluster sizes, with no faults: flooding sends
 * Σ_v deg(v) − (N − 1) frames per broadcast (the origin forwards to all its neighbours,
 * every other node, once, to all but the one it first got the value from), acknowledged
 * flooding twice that, and sending straight to every node 2 (N − 1). The degree sums come
 * from each topology's definition in Maelstrom's docs, not from msgsim's topologies.
 */
import { describe, expect, it } from 'vitest';
import type { NodeSetup } from '../../src/messaging/maelstrom/node.js';
import { checkRun } from '../../src/stats/checks/index.js';
import { pairOperations } from '../../src/stats/history/entry.js';
import flood from '../../scenarios/glomers/protocols/broadcast-flood.js';
import reliable from '../../scenarios/glomers/protocols/broadcast-reliable.js';
import direct from '../../scenarios/glomers/protocols/broadcast-direct.js';
import { runProgram } from '../support/program.js';

/**
 * Σ_v deg(v) of each topology on N nodes: a line and a tree have N − 1 edges; the complete
 * graph N (N − 1) / 2; the grid (rows of s = ⌈√N⌉, filled row by row) one edge between
 * neighbours in a row, and one from each node past the first row to the node above it.
 */
const DEGREE_SUM: Readonly<Record<string, (n: number) => number>> = {
  line: (n) => 2 * (n - 1),
  tree2: (n) => 2 * (n - 1),
  tree3: (n) => 2 * (n - 1),
  tree4: (n) => 2 * (n - 1),
  total: (n) => n * (n - 1),
  grid: (n) => {
    const s = Math.ceil(Math.sqrt(n));
    const inRows = Math.floor(n / s) * (s - 1) + Math.max(0, (n % s) - 1);
    return 2 * (inRows + Math.max(0, n - s));
  },
};

const SIZES = [2, 3, 5, 10, 16, 25];

/** Runs `program` on `n` nodes offered `topology`, clients everywhere, no faults. */
async function run(program: NodeSetup, topology: string, n: number) {
  const record = await runProgram(
    {
      nodes: n,
      topology: { kind: 'full-mesh', link: { bandwidth: '1Gbps', delay: '1ms' } },
      workload: { kind: 'broadcast', topology },
      clients: { rate: 20, duration: '2s', recovery: '1s' },
    },
    program,
  );
  const ops = pairOperations(record.history!);
  const broadcasts = ops.filter((op) => op.f === 'broadcast');
  expect(broadcasts.length).toBeGreaterThan(5);
  expect(broadcasts.every((op) => op.outcome === 'ok')).toBe(true);
  const msgsPerOp = checkRun(record).workload.find((row) => row.metric === 'msgs_per_op')!.measured;
  return { frames: record.journal.length, broadcasts: broadcasts.length, operations: ops.length, msgsPerOp };
}

describe('broadcast frame counts', () => {
  for (const topology of Object.keys(DEGREE_SUM)) {
    it(`flood on ${topology}: Σ deg − (N − 1) frames per broadcast, twice that acknowledged`, async () => {
      for (const n of SIZES) {
        const perBroadcast = DEGREE_SUM[topology]!(n) - (n - 1);
        const plain = await run(flood, topology, n);
        expect(plain.frames, `${n} nodes`).toBe(plain.broadcasts * perBroadcast);
        expect(plain.msgsPerOp).toBe(plain.frames / plain.operations);
        const acknowledged = await run(reliable, topology, n);
        expect(acknowledged.frames, `${n} nodes, acknowledged`).toBe(2 * acknowledged.broadcasts * perBroadcast);
      }
    });
  }

  it('direct: 2 (N − 1) frames per broadcast, whatever the topology offered', async () => {
    for (const n of SIZES) {
      const result = await run(direct, 'line', n);
      expect(result.frames, `${n} nodes`).toBe(2 * (n - 1) * result.broadcasts);
    }
  });
});
