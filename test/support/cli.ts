/**
 * Test helpers: run the built `msgsim` command in a child process, and temporary
 * directories that are removed when the test file's tests are done.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, expect } from 'vitest';

export const CLI = resolve('dist/cli/main.js');

/** What a finished command printed and returned. */
export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs msgsim with `args` and waits for it. */
export function msgsim(...args: string[]): CliResult {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Starts msgsim with `args` without waiting. */
export function startMsgsim(...args: string[]): ReturnType<typeof spawn> {
  return spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
}

const made: string[] = [];
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh temporary directory, removed with everything in it after the test file's last test. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'msgsim-test-'));
  made.push(dir);
  return dir;
}

/** Expects a user's mistake: exit 2 and one line on stderr, `msgsim: …` matching `pattern`, no stack trace. */
export function expectOneLineError(result: CliResult, pattern: RegExp): void {
  expect(result.status, result.stderr).toBe(2);
  const lines = result.stderr.trimEnd().split('\n');
  expect(lines, result.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^msgsim: /);
  expect(lines[0]).toMatch(pattern);
}
