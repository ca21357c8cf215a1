/**
 * Test helpers: run the built `msgsim` command in a child process.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect } from 'vitest';

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

/** A fresh temporary directory. */
export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'msgsim-test-'));
}

/** Expects a user's mistake: exit 2 and one line on stderr, `msgsim: …` matching `pattern`, no stack trace. */
export function expectOneLineError(result: CliResult, pattern: RegExp): void {
  expect(result.status, result.stderr).toBe(2);
  const lines = result.stderr.trimEnd().split('\n');
  expect(lines, result.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^msgsim: /);
  expect(lines[0]).toMatch(pattern);
}
