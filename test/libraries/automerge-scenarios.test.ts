/**
 * The shipped Automerge scenarios under `msgsim check`: the set survives a partition and a
 * crash with restart over the reliable stream, the shrunk counterexample over the network as
 * it is fails as it did when it was found, the same case passes over the reliable stream,
 * and every run is deterministic (two runs in one process give the same events).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { msgsim, tempDir } from '../support/cli.js';

/** `msgsim check`: it runs the scenario and exits 1 when a check fails. */
const run = (file: string) => msgsim('check', file, '--out', tempDir(), '--verify-determinism');

describe('Automerge scenarios', () => {
  it('automerge-set passes its checks through a partition and a crash, deterministically', () => {
    const result = run('scenarios/libraries/automerge-set.yaml');
    expect(result.status, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toMatch(/3 checks passed, 0 failed/);
    expect(result.stdout).toMatch(/determinism: two runs gave the same \d+ events/);
  });

  it('automerge-unordered replays the counterexample: a final read misses element 5', () => {
    const result = run('scenarios/libraries/automerge-unordered.yaml');
    expect(result.status, result.stdout + result.stderr).toBe(1);
    expect(result.stdout).toMatch(/incomplete_final_reads\s+1\s+0\s+FAIL\s+process 0 missed 5/);
    expect(result.stdout).toMatch(/determinism: two runs gave the same \d+ events/);
  });

  it('the same case passes over the exactly-once ordered stream', () => {
    const text = readFileSync('scenarios/libraries/automerge-unordered.yaml', 'utf8')
      .replace('export: unordered', 'export: reliable')
      .replace('./automerge-set.ts', resolve('scenarios/libraries/automerge-set.ts'));
    const file = join(tempDir(), 'reliable.yaml');
    writeFileSync(file, text);
    const result = run(file);
    expect(result.status, result.stdout + result.stderr).toBe(0);
  });
});
