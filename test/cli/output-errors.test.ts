/**
 * Places results cannot go are one-line user errors (exit 2), found before a run spends its
 * time, and never a loop: an --out that is a file, under a file, where folders cannot be
 * made (/proc), or with a name too long for the file system; validate refuses a scenario
 * name that could not become a folder, as run does.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, msgsim, tempDir } from '../support/cli.js';

/** Asserts a user error: exit 2, one line on stderr matching `pattern`, no stack trace. */
function expectUserError(result: { status: number | null; stderr: string }, pattern: RegExp): void {
  expect(result.stderr.trimEnd().split('\n'), result.stderr).toHaveLength(1);
  expect(result.stderr.trimEnd()).toMatch(pattern);
  expect(result.stderr).not.toMatch(/^\s+at /m);
  expect(result.status).toBe(2);
}

/** Runs msgsim, killing it if it takes more than 20 s (a loop would). */
function bounded(...args: string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 20_000 });
  expect(result.signal, 'msgsim did not finish').toBeNull();
  return result;
}

describe('where results cannot be written', () => {
  it('refuses an --out that is a file, or lies under one', () => {
    const file = join(tempDir(), 'a-file');
    writeFileSync(file, 'not a folder');
    expectUserError(msgsim('run', 'scenarios/p2p-basic.yaml', '--out', file), /^msgsim: cannot write .*a-file\/p2p-basic: a part of the path is a file, not a folder$/);
    expectUserError(msgsim('sweep', 'scenarios/sweeps/reliability-vs-loss.yaml', '--out', join(file, 'sub')), /^msgsim: cannot write .*a-file.*: a part of the path is a file, not a folder$/);
  });

  it('refuses an --out where folders cannot be made, without spinning', () => {
    expectUserError(bounded('run', 'scenarios/p2p-basic.yaml', '--out', '/proc/msgsim-results'), /^msgsim: cannot write \/proc\/msgsim-results: folders cannot be created there$/);
    expectUserError(bounded('sweep', 'scenarios/sweeps/reliability-vs-loss.yaml', '--out', '/proc/msgsim-results'), /folders cannot be created there$/);
    expectUserError(
      bounded('plot', 'test/golden/sweeps/reliability-vs-loss.aggregate.csv', '--x', 'links[0].loss', '--y', 'mean', '--where', 'metric=reliability', '-o', '/proc/chart.svg'),
      /^msgsim: cannot write \/proc\/chart.svg: files cannot be created there$/,
    );
  });

  it('refuses an --out whose name is too long for the file system', () => {
    expectUserError(msgsim('run', 'scenarios/p2p-basic.yaml', '--out', join(tempDir(), 'x'.repeat(300))), /: the name is too long for the file system$/);
  });

  it('refuses, in validate as in run, a scenario name too long to become a folder', () => {
    const file = join(tempDir(), 'long.yaml');
    writeFileSync(file, `name: ${'n'.repeat(250)}\nnodes: [a, b]\n`);
    for (const args of [['validate', file], ['run', file, '--out', tempDir()]]) {
      expectUserError(msgsim(...args), /long\.yaml:1: name: "n+…" is 250 characters long; a scenario name has at most 200/);
    }
  });
});
