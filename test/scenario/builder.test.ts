/**
 * createSimulation: the network of a scenario file built from code, programs on its nodes,
 * faults from test code at any virtual time, and results — the same construction path as a
 * file, so the same network and flows give the same bytes either way; and a Maelstrom-style
 * program driven by a workload, whose history and verdicts are what the file's run gives.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { messagesCsv, summaryCsv } from '../../src/experiment/results.js';
import { ScenarioError } from '../../src/scenario/errors.js';
import { createSimulation, type SimulationOptions } from '../../src/scenario/builder.js';
import { parseScenario, scenarioData } from '../../src/scenario/load.js';
import { runScenario } from '../../src/scenario/simulation.js';
import { checkRun } from '../../src/stats/checks/index.js';
import { uninstallVirtualGlobals } from '../../src/runtime/virtual/globals.js';
import { virtualGlobals } from '../../src/runtime/virtual/program.js';
import { VIRTUAL_EPOCH_MS } from '../../src/runtime/virtual/virtual-node.js';
import { flooding, runProgram } from '../support/program.js';

const digest = (chunks: Iterable<string>): string => {
  const hash = createHash('sha256');
  for (const chunk of chunks) hash.update(chunk);
  return hash.digest('hex');
};

afterAll(() => uninstallVirtualGlobals());

describe('createSimulation', () => {
  it('answers a request across a partition that heals, as the README shows', async () => {
    const sim = createSimulation({ seed: 1, nodes: ['client', 'server'], links: [{ between: ['client', 'server'], bandwidth: '10Mbps', delay: '5ms' }] });
    sim.node('server', ({ endpoint }) => endpoint.onRequest((n) => (n as number) * 2, { delivery: 'at-least-once' }));
    let answer: unknown;
    sim.node('client', ({ endpoint }) => void endpoint.request('server', 21, { flow: 'ask', delivery: 'at-least-once', timeoutSeconds: 5 }).then((reply) => (answer = reply)));
    sim.at(0, () => sim.partition([['client'], ['server']])).at(1, () => sim.heal());
    const results = await sim.run({ until: 10 });
    expect(answer).toBe(42);
    // Retransmitted while the partition lasted: every request frame but the last was dropped by it.
    const requests = results.messages.filter((frame) => frame.flow === 'ask');
    expect(requests.length).toBeGreaterThan(1);
    expect(requests.slice(0, -1).every((frame) => frame.outcome === 'dropped_fault')).toBe(true);
    expect(results.messages.some((frame) => frame.flow === 'ask:reply' && frame.outcome === 'delivered')).toBe(true);
    expect(results.checks.every((check) => check.ok)).toBe(true);
  });

  it('builds what the same scenario file builds: the same bytes for the same network and flows', async () => {
    const text = readFileSync('scenarios/p2p-lossy.yaml', 'utf8');
    const fromFile = await runScenario(parseScenario(text, 'p2p-lossy.yaml'));
    const sim = createSimulation(scenarioData(text, 'p2p-lossy.yaml') as SimulationOptions);
    const fromCode = (await sim.run()).record;
    expect(digest(messagesCsv(fromCode))).toBe(digest(messagesCsv(fromFile)));
    expect(summaryCsv(checkRun(fromCode))).toBe(summaryCsv(checkRun(fromFile)));
  });

  it('applies crashes and restarts from test code: programs rerun with their durable store', async () => {
    const sim = createSimulation({ nodes: ['a', 'b'], links: [{ between: ['a', 'b'], bandwidth: '1Mbps', delay: '1ms' }] });
    const starts: [number, unknown][] = [];
    sim.node('b', ({ context }) => {
      const runs = (context.storage.get<number>('runs') ?? 0) + 1;
      context.storage.set('runs', runs);
      starts.push([context.clock.now(), runs]);
    });
    sim.at(2, () => sim.crash('b')).at(3, () => sim.restart('b'));
    const results = await sim.run({ until: 5 });
    expect(starts).toEqual([[0, 1], [3, 2]]);
    expect(results.record.nodeFaults.map((fault) => [fault.at, fault.kind])).toEqual([[2, 'crash'], [3, 'restart']]);
  });

  it('runs a program marked with virtualGlobals with the node\'s timers and clock', async () => {
    const sim = createSimulation({ nodes: ['a', 'b'], links: [{ between: ['a', 'b'], bandwidth: '1Mbps', delay: '1ms' }] });
    const seen: number[] = [];
    sim.node('a', virtualGlobals(() => void setTimeout(() => seen.push(Date.now() - VIRTUAL_EPOCH_MS, performance.now()), 1500)));
    await sim.run({ until: 5 });
    expect(seen).toEqual([1500, 1500]);
  });

  it('holds a link\'s traffic from test code and delivers it in order at release; the formula checks leave held frames out', async () => {
    const sim = createSimulation({
      nodes: ['a', 'b'],
      header: '0B',
      links: [{ name: 'wire', between: ['a', 'b'], bandwidth: '8kbps', delay: '500ms' }],
      flows: [{ name: 'flow-0', pattern: 'p2p', from: 'a', to: 'b', size: '1000B', count: 4, interval: '1s' }],
    });
    const seen: number[] = [];
    // Frames of a program of our own, held the other way, from b to a, sent at 2.2 s.
    sim.node('a', ({ endpoint }) => endpoint.onMessage((message) => void seen.push(message as number)));
    sim.node('b', ({ endpoint, context }) => void context.clock.setTimer(2.2, () => [7, 8].forEach((k) => endpoint.send('a', k, { flow: 'own' }))));
    sim.at(2, () => sim.hold('wire')).at(3, () => sim.release('wire'));
    const results = await sim.run({ until: 20 });
    // The flow's frames would arrive at 1.5, 2.5, 3.5 and 4.5 s; the second waits for the release at 3 s.
    const flow = results.messages.filter((frame) => frame.flow === 'flow-0');
    expect(flow.map((frame) => frame.receivedAt)).toEqual([1.5, 3, 3.5, 4.5]);
    expect(seen).toEqual([7, 8]);
    expect(results.messages.filter((frame) => frame.flow === 'own').every((frame) => frame.receivedAt === 3)).toBe(true);
    expect(results.checks.length).toBeGreaterThan(0);
    expect(results.checks.filter((check) => !check.ok)).toEqual([]);
  });

  it('refuses what a scenario file would refuse, naming the field', () => {
    expect(() => createSimulation({ nodes: ['a', 'b'], links: [{ between: ['a', 'c'], bandwidth: '1Mbps', delay: '1ms' }] })).toThrow(ScenarioError);
    expect(() => createSimulation({ nodes: ['a', 'b'], links: [{ between: ['a', 'b'], bandwidth: '1 Mbit', delay: '1ms' }] })).toThrow(/links\[0\]\.bandwidth: "1 Mbit" is not a bandwidth/);
  });

  describe('program', () => {
    const network = { seed: 3, nodes: 3, topology: { kind: 'full-mesh', link: { bandwidth: '1Gbps', delay: '10ms' } } };
    const drive = { workload: { kind: 'broadcast', topology: 'total' }, clients: { concurrency: 3, rate: 10, duration: '2s', recovery: '1s' } };

    it('runs a program under a workload and returns the history and verdicts the same scenario file gives', async () => {
      const results = await createSimulation(network).program(flooding, drive).run();
      const fromFile = await runProgram({ ...network, ...drive }, flooding);
      expect(results.history).toEqual(fromFile.history);
      expect(results.history!.length).toBeGreaterThan(20);
      expect(results.workload.find((row) => row.metric === 'lost')).toMatchObject({ measured: 0, ok: true });
      expect(results.workload.filter((row) => !row.ok)).toEqual([]);
      // The clients stopped the run after their final reads, 3 s in.
      expect(results.record.stopReason).toBe('stopped');
      expect(results.record.endTime).toBeGreaterThanOrEqual(3);
      expect(results.checks.filter((row) => row.flow === 'workload:broadcast')).toEqual(results.workload);
    });

    it('shows a verdict failing when a partition from test code loses the values flooding sends across it', async () => {
      const sim = createSimulation(network).program(flooding, drive);
      sim.at(0.2, () => sim.partition([['n0'], ['n1', 'n2']])).at(1.5, () => sim.heal());
      const { workload } = await sim.run();
      expect(workload.find((row) => row.metric === 'incomplete_final_reads')).toMatchObject({ ok: false });
    });

    it('refuses a second program, a start after t=0 and a workload section a file would refuse', async () => {
      expect(() => createSimulation(network).program(flooding).program(flooding)).toThrow(/one program/);
      const late = createSimulation(network);
      await late.at(0.5, () => {}).run();
      expect(() => late.program(flooding)).toThrow(/before the run, at t=0/);
      expect(() => createSimulation(network).program(flooding, { workload: { kind: 'gossip' } })).toThrow(/workload\.kind: "gossip" is not a workload kind/);
      expect(() => createSimulation(network).program(flooding, { services: ['lin-kv'] })).toThrow(/services\[0\]: the lin-kv service runs on the node "lin-kv"/);
    });

    it('is undriven without a workload: no history, no workload rows', async () => {
      const results = await createSimulation(network).program(flooding).run({ until: 1 });
      expect(results.history).toBeUndefined();
      expect(results.workload).toEqual([]);
    });
  });
});
