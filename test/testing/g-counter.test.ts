/**
 * The property-testing kit on a g-counter with a lost update (test/programs/counter.ts):
 * the g-counter workload's verdicts catch it, shrunk to one or two nodes and two clients
 * whose adds overlap, and the written scenario replays it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkProgram, programCase } from '../../src/testing/index.js';
import { naiveCounter } from '../programs/counter.js';
import { msgsim, tempDir } from '../support/cli.js';

const MODULE = new URL('../programs/counter.ts', import.meta.url).href;

describe('a g-counter under the property-testing kit', () => {
  it('catches a read-modify-write without cas, shrinks it to two overlapping adds, and replays it', async () => {
    const result = await checkProgram({
      name: 'naive counter',
      program: naiveCounter,
      module: { module: MODULE, export: 'naiveCounter' },
      cases: programCase({ workload: { kind: 'g-counter' }, services: ['seq-kv'], faults: { maxFaults: 0 } }),
      seed: 1,
      outDir: tempDir(),
    });
    expect(result.failed, result.report).toBe(true);
    const c = result.counterexample!;
    expect(c.failures[0]!.check, result.report).toMatch(/^workload:g-counter /);
    expect(c.size.nodes, result.report).toBeLessThanOrEqual(2);
    expect(c.size.clients, result.report).toBe(2);
    expect(c.history.filter((entry) => entry.type === 'ok' && entry.f === 'add').length, result.report).toBeGreaterThanOrEqual(2);
    const check = msgsim('check', c.scenarioFile!, '--out', tempDir());
    expect(check.status, check.stdout).toBe(1);
    expect(readFileSync(c.scenarioFile!, 'utf8')).toMatch(/^services: \[seq-kv\]$/m);
    const replay = msgsim('replay', c.replayFile!);
    expect(replay.status, replay.stdout).toBe(0);
    expect(replay.stdout).toContain('history: matches the recording, entry for entry');
  });
});
