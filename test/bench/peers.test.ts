/**
 * `npm run bench:peers` as a command, where it needs no peer: what it says, and its exit
 * code, when a peer is missing or an option is wrong.
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const PEERS = resolve('dist/bench/peers.js');

function peers(args: string[], env: NodeJS.ProcessEnv = {}): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(process.execPath, [PEERS, ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
}

describe('bench:peers', () => {
  it('says in one line that SimPy is missing, and how to install it, and exits 2', () => {
    const result = peers([], { MSGSIM_PEERS_PYTHON: '/nonexistent/python3' });
    expect(result.status, result.stderr).toBe(2);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines, result.stderr).toHaveLength(1);
    expect(lines[0]).toMatch(/^bench:peers: missing .*SimPy for \/nonexistent\/python3.*: install with `apt-get install [^`]*python3-simpy3`$/);
  });

  it('names a missing compiler too', () => {
    const result = peers([], { MSGSIM_PEERS_CXX: '/nonexistent/g++', MSGSIM_PEERS_PYTHON: '/nonexistent/python3' });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^bench:peers: missing a C\+\+ compiler \(\/nonexistent\/g\+\+\); .*apt-get install g\+\+ /);
  });

  it('refuses a number of rounds that is not a whole number of at least 1, in one line', () => {
    for (const rounds of ['0', '2.5', 'many']) {
      const result = peers(['--rounds', rounds]);
      expect(result.status).toBe(2);
      expect(result.stderr).toBe(`bench:peers: --rounds must be a whole number of at least 1, got ${rounds}\n`);
    }
    expect(peers(['--round', '3']).stderr).toMatch(/^bench:peers: Unknown option '--round'/);
  });

  it('prints its usage for --help, runs nothing and exits 0', () => {
    const result = peers(['--help'], { MSGSIM_PEERS_PYTHON: '/nonexistent/python3' });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/^usage: npm run bench:peers \[-- --rounds N\]\n/);
    expect(result.stdout).toContain('docs/performance.md');
  });
});
