/**
 * The property-testing kit on Maelstrom-style programs (test/programs/broadcast.ts): a
 * correct gossip holds over many generated cases with partitions; deliberately broken ones
 * are caught by the broadcast workload's verdicts, shrunk to a small case, and the written
 * scenario and replay file reproduce the verdict and the history through the msgsim command.
 */
import { existsSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { NodeSetup } from '../../src/messaging/maelstrom/node.js';
import { parseScenario } from '../../src/scenario/load.js';
import { checkProgram, programCase, type CounterexampleReplayFile, type ProgramCheckResult, type ProgramPropertyOptions } from '../../src/testing/index.js';
import { flooding, gossip, skipsLastNeighbour } from '../programs/broadcast.js';
import { msgsim, tempDir } from '../support/cli.js';

const MODULE = new URL('../programs/broadcast.ts', import.meta.url).href;
const WORKLOAD = fc.record({ kind: fc.constant('broadcast'), topology: fc.constantFrom('total', 'grid', 'line') });

/**
 * Asserts that a property failed on `check`, shrunk to at most `bounds`, and that both
 * written files replay it: `msgsim run` to the same failing verdict, `msgsim check` to exit
 * 1, `msgsim replay` to the same events and history.
 */
function expectCaughtAndReplayed(result: ProgramCheckResult, check: string, bounds: { nodes: number; clients: number; faults: number }): void {
  expect(result.failed, result.report).toBe(true);
  const c = result.counterexample!;
  expect(c.failures.map((failure) => failure.check), result.report).toContain(check);
  expect(c.size.nodes, result.report).toBeLessThanOrEqual(bounds.nodes);
  expect(c.size.clients, result.report).toBeLessThanOrEqual(bounds.clients);
  expect(c.size.faults, result.report).toBeLessThanOrEqual(bounds.faults);
  expect(result.report).toContain(`fast-check: seed ${result.seed}, path "${result.path!.split(':').slice(0, 8).join(':')}`);
  const replayFile = JSON.parse(readFileSync(c.replayFile!, 'utf8')) as CounterexampleReplayFile;
  expect(replayFile.fastCheck).toEqual({ seed: result.seed, path: result.path });
  expect(replayFile.history!.entries).toEqual(c.history);
  // The scenario file has the program, the workload, the clients and the faults of the case.
  const text = readFileSync(c.scenarioFile!, 'utf8');
  const scenario = parseScenario(text, c.scenarioFile!);
  expect(scenario.program!.workload).toMatchObject(c.case.workload);
  expect(scenario.program!.clients.concurrency).toBe(c.case.clients.concurrency);
  expect(scenario.faults.length).toBe(c.case.faults.length);
  const row = c.failures.find((failure) => failure.check === check)!.row!;
  const out = tempDir();
  const run = msgsim('run', c.scenarioFile!, '--out', out);
  expect(run.status, run.stderr).toBe(0);
  expect(run.stdout).toMatch(new RegExp(`${row.flow} +${row.metric} +${row.measured} +${row.expected} +FAIL`));
  expect(msgsim('check', c.scenarioFile!, '--out', out).status).toBe(1);
  const replay = msgsim('replay', c.replayFile!);
  expect(replay.status, replay.stdout + replay.stderr).toBe(0);
  expect(replay.stdout).toContain('hash chain: matches the recording, event for event');
  expect(replay.stdout).toContain(`history: matches the recording, entry for entry (${c.history.length} entries`);
}

describe('Maelstrom-style programs under the property-testing kit', () => {
  it('gossip that retries until acknowledged keeps every broadcast verdict over 300 cases with partitions', async () => {
    const result = await checkProgram({ name: 'gossip holds', program: gossip, cases: programCase({ workload: WORKLOAD }), numRuns: 300, outDir: tempDir() });
    expect(result.failed, result.report).toBe(false);
    expect(result.numRuns).toBe(300);
    expect(result.report).toBe(`property "gossip holds" held in 300 cases (fast-check seed ${result.seed})`);
  });

  it('catches a node that never tells its last neighbour, shrinks it to 2 nodes, 2 clients and no fault, and replays it', async () => {
    const result = await checkProgram({
      name: 'skips last neighbour',
      program: skipsLastNeighbour,
      module: { module: MODULE, export: 'skipsLastNeighbour' },
      cases: programCase({ workload: WORKLOAD }),
      outDir: tempDir(),
    });
    expectCaughtAndReplayed(result, 'workload:broadcast incomplete_final_reads', { nodes: 3, clients: 2, faults: 0 });
    expect(result.counterexample!.size).toEqual({ nodes: 2, clients: 2, faults: 0 });
    // The story: a value broadcast at one node, and the other's final read without it.
    expect(result.report).toMatch(/c\d → n0 {2}invoke broadcast 0\n/);
    expect(result.report).toMatch(/c\d → n1 {2}ok {5}read \[\]\n?/);
  });

  it('catches flooding that tells each neighbour once, with a partition: 2 nodes, 2 clients, 1 partition, and replays it', async () => {
    const options: ProgramPropertyOptions = {
      name: 'flooding',
      program: flooding,
      module: { module: MODULE, export: 'flooding' },
      cases: programCase({ workload: WORKLOAD }),
      outDir: tempDir(),
    };
    const result = await checkProgram(options);
    expectCaughtAndReplayed(result, 'workload:broadcast incomplete_final_reads', { nodes: 2, clients: 2, faults: 1 });
    expect(result.counterexample!.size).toEqual({ nodes: 2, clients: 2, faults: 1 });
    expect(result.report).toMatch(/FAULT partition \[n\d\]\n(.*\n)*.*FAULT heal/);
    // fast-check's seed and path lead straight to the same case.
    const again = await checkProgram({ ...options, ...(JSON.parse(readFileSync(result.counterexample!.replayFile!, 'utf8')) as CounterexampleReplayFile).fastCheck, outDir: undefined });
    expect(again.counterexample!.case).toEqual(result.counterexample!.case);
  });

  it('checks history invariants of your own, naming them, and says the written scenario leaves them out', async () => {
    const fewReads = (history: readonly { type: string; f: string }[]): string | undefined => {
      const reads = history.filter((entry) => entry.type === 'ok' && entry.f === 'read').length;
      return reads > 3 ? `${reads} reads succeeded; at most 3 expected` : undefined;
    };
    const result = await checkProgram({ name: 'few reads', program: gossip, cases: programCase({ workload: WORKLOAD }), invariants: [fewReads], outDir: tempDir() });
    expect(result.failed, result.report).toBe(true);
    const c = result.counterexample!;
    expect(c.failures).toEqual([{ check: 'fewReads', message: '4 reads succeeded; at most 3 expected' }]);
    expect(result.report).toMatch(/^property "few reads" failed: fewReads: 4 reads succeeded; at most 3 expected\n/);
    // One client reading four times is all it takes.
    expect(c.size).toEqual({ nodes: 1, clients: 1, faults: 0 });
    expect(c.history.filter((entry) => entry.type === 'ok' && entry.f === 'read')).toHaveLength(4);
    expect(readFileSync(c.scenarioFile!, 'utf8')).toContain('# (the history invariants of the property are not in the file: msgsim run checks only the workload)');
  });

  it('says so when the cases themselves are not valid scenarios, rather than blaming the program', async () => {
    // A latency target is a duration; 0.4 is not one.
    const cases = programCase({ workload: { kind: 'broadcast', targets: { stable_latency_p50: 0.4 } } });
    const result = await checkProgram({ name: 'bad options', program: gossip, cases, numRuns: 3, outDir: undefined });
    expect(result.failed).toBe(true);
    expect(result.counterexample!.failures[0]!.message).toMatch(/^the case is not a valid scenario \(look at the options of programCase\): .*workload\.targets\.stable_latency_p50: 0\.4 is not a duration/);
  });

  it('reports a program that throws as a failure, shrunk, with its scenario file but no replay file', async () => {
    const throwsOnRead: NodeSetup = (node) => {
      gossip(node);
      node.on('read', () => {
        throw new TypeError('read is broken');
      });
    };
    const result = await checkProgram({ name: 'throws', program: throwsOnRead, cases: programCase({ workload: WORKLOAD }), outDir: tempDir() });
    expect(result.failed).toBe(true);
    const c = result.counterexample!;
    expect(c.failures).toHaveLength(1);
    expect(c.failures[0]!.check).toBe('error');
    expect(c.failures[0]!.message).toMatch(/^the program threw: .*read is broken/);
    expect(c.size).toEqual({ nodes: 1, clients: 1, faults: 0 });
    expect(existsSync(c.scenarioFile!)).toBe(true);
    expect(c.replayFile).toBeUndefined();
    expect(readFileSync(c.scenarioFile!, 'utf8')).toContain('# (no program module was given, so program.module is a placeholder)');
  });
});
