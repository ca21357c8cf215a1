/**
 * `npm run bench` as a command, where it runs no benchmark: its usage, and one line with
 * exit 2 for an option or a case it does not know.
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const BENCH = resolve('dist/bench/main.js');

function bench(args: string[]): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(process.execPath, [BENCH, ...args], { encoding: 'utf8' });
}

describe('npm run bench', () => {
  it('prints its usage for --help, naming every case, and runs nothing', () => {
    const result = bench(['--help']);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/^usage: npm run bench \[-- --cases a,b\]\n/);
    for (const name of ['hold', 'p2p-saturated', 'in-flight-1m', 'sweep-workers']) expect(result.stdout).toContain(name);
    expect(result.stdout).not.toContain('msgsim benchmarks:');
  });

  it('refuses an option it does not know, in one line', () => {
    const result = bench(['--case-name', 'hold']);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^npm run bench: Unknown option '--case-name'.*\n$/);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it('refuses a case it does not know, naming the ones there are', () => {
    const result = bench(['--cases', 'hold,holdd']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^npm run bench: no benchmark named holdd \(there are hold, event-queue, /);
  });
});
