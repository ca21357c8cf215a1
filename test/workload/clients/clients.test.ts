/**
 * Clients as Jepsen runs them: threads of one operation at a time, Jepsen's stagger at the
 * rate, info (and a new process) when no reply comes within the timeout, fail for a read
 * that cannot have taken effect, final reads after the recovery wait, and a history that is
 * a function of the scenario and seed.
 */
import { describe, expect, it } from 'vitest';
import { pairOperations } from '../../../src/stats/history/entry.js';
import { echoNode, flooding, runProgram } from '../../support/program.js';

const ONE_NODE = { nodes: 1 };

describe('clients', () => {
  it('issue about rate × duration operations, spread over the threads, one at a time each', async () => {
    const record = await runProgram({ ...ONE_NODE, workload: { kind: 'echo' }, clients: { concurrency: 3, rate: 50, duration: '2s', recovery: 0 } }, echoNode);
    const history = record.history!;
    const ops = pairOperations(history);
    // Gaps U(0, 2/rate): 100 expected in 2 s, sd √(100/3); the 99.9% band is ±19.
    expect(ops.length).toBeGreaterThanOrEqual(81);
    expect(ops.length).toBeLessThanOrEqual(119);
    expect(new Set(ops.map((op) => op.process))).toEqual(new Set([0, 1, 2]));
    expect(ops.every((op) => op.outcome === 'ok' && op.output === op.input)).toBe(true);
    // Clients sit beside their node: a reply is back at the time of the request.
    expect(ops.every((op) => op.returnTime === op.invokeTime)).toBe(true);
    expect(ops.every((op) => op.invokeTime! < 2)).toBe(true);
  });

  it('record info after exactly the timeout, go on as a new process, and fail reads instead', async () => {
    const silent = (): void => {};
    const record = await runProgram(
      { ...ONE_NODE, workload: { kind: 'broadcast' }, clients: { concurrency: 2, rate: 5, duration: '3s', timeout: '500ms', recovery: '1s' } },
      (node) => {
        node.on('topology', (req) => node.reply(req, { type: 'topology_ok' }));
        node.on('broadcast', silent);
        node.on('read', silent);
      },
    );
    const ops = pairOperations(record.history!);
    expect(ops.length).toBeGreaterThan(4);
    for (const op of ops) {
      expect(op.returnTime! - op.invokeTime!).toBeCloseTo(0.5, 12);
      expect(op.outcome).toBe(op.f === 'read' ? 'fail' : 'unknown');
    }
    // A thread whose operation ended in info carries on as process + concurrency: the old
    // process never appears again, and the new one does.
    const history = record.history!;
    const infos = history.filter((entry) => entry.type === 'info');
    expect(infos.length).toBeGreaterThan(1);
    for (const info of infos) {
      const after = history.slice(history.indexOf(info) + 1);
      expect(after.some((entry) => entry.process === info.process)).toBe(false);
    }
    expect(history.some((entry) => entry.process >= 2)).toBe(true);
    expect(infos.every((entry) => entry.error === 'timeout')).toBe(true);
  });

  it('end with one final read per thread, at duration + recovery, and stop the run when done', async () => {
    const record = await runProgram(
      { nodes: 3, topology: { kind: 'full-mesh', link: { bandwidth: '1Gbps', delay: '100ms' } }, workload: { kind: 'broadcast', topology: 'line' }, clients: { concurrency: 3, rate: 10, duration: '2s', recovery: '1s' } },
      flooding,
    );
    const finals = pairOperations(record.history!).filter((op) => op.invokeTime! >= 3);
    expect(finals.map((op) => [op.f, op.invokeTime])).toEqual([
      ['read', 3],
      ['read', 3],
      ['read', 3],
    ]);
    expect(record.endTime).toBe(3);
    expect(record.stopReason).toBe('stopped');
  });

  it('run the final operations a workload decides as it goes, their delays apart, until it has none', async () => {
    // A kafka node that acknowledges sends but never returns a message: the final polls go
    // on, U(0, 0.4 s) apart, until the kafka workload's 10 s limit.
    const record = await runProgram({ ...ONE_NODE, workload: { kind: 'kafka' }, clients: { concurrency: 2, rate: 20, duration: '2s', recovery: '1s' } }, (node) => {
      let offset = 0;
      node.on('send', (req) => node.reply(req, { type: 'send_ok', offset: offset++ }));
      node.on('poll', (req) => node.reply(req, { type: 'poll_ok', msgs: {} }));
      node.on('commit_offsets', (req) => node.reply(req, { type: 'commit_offsets_ok' }));
      node.on('list_committed_offsets', (req) => node.reply(req, { type: 'list_committed_offsets_ok', offsets: {} }));
    });
    const finals = pairOperations(record.history!).filter((op) => op.invokeTime! >= 3);
    for (const process of [0, 1]) {
      const times = finals.filter((op) => op.process === process).map((op) => op.invokeTime!);
      expect(times[0]).toBe(3);
      expect(times.length).toBeGreaterThan(30);
      for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeLessThan(0.4);
      expect(times.at(-1)).toBeLessThan(13);
    }
    expect(finals.every((op) => op.f === 'poll')).toBe(true);
    expect(record.endTime).toBeGreaterThan(12.6);
    expect(record.endTime).toBeLessThan(13);
    expect(record.stopReason).toBe('stopped');
  });

  it('time out against a crashed node, which gets nothing until it restarts', async () => {
    const record = await runProgram(
      { ...ONE_NODE, faults: [{ at: '1s', fault: 'crash', node: 'n0' }, { at: '2s', fault: 'restart', node: 'n0' }], workload: { kind: 'echo' }, clients: { concurrency: 1, rate: 20, duration: '3s', timeout: '100ms', recovery: 0 } },
      echoNode,
    );
    for (const op of pairOperations(record.history!)) {
      const down = op.invokeTime! >= 1 && op.invokeTime! < 2;
      expect(op.outcome, `echo at ${op.invokeTime}`).toBe(down ? 'fail' : 'ok');
    }
  });

  it('write the same history for the same seed, and another for another seed', async () => {
    const data = { nodes: 4, topology: { kind: 'full-mesh', link: { bandwidth: '1Gbps', delay: '10ms' } }, workload: { kind: 'broadcast' }, clients: { concurrency: 4, rate: 40, duration: '2s', recovery: '1s' } };
    const text = async (seed: number): Promise<string> => JSON.stringify((await runProgram(data, flooding, { seed })).history);
    expect(await text(3)).toBe(await text(3));
    expect(await text(3)).not.toBe(await text(4));
  });
});
