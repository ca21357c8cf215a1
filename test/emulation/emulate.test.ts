/**
 * `msgsim emulate` as a user runs it (as root, with ip, tc and nft; CI installs them): every
 * shipped comparison scenario agrees with the simulator within its tolerances and writes
 * emulation.csv; the reliable request/reply protocol runs unchanged over TCP too; Ctrl-C
 * leaves no namespace behind; what the kernel cannot emulate is refused in one line.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { EMULATION_COLUMNS } from '../../src/emulation/compare.js';
import { expectOneLineError, msgsim, startMsgsim, tempDir } from '../support/cli.js';

const SCENARIOS = readdirSync('scenarios/emulation').filter((name) => name.endsWith('.yaml'));

/** Namespaces of msgsim processes that have exited (or of `pid`): what a command left behind. */
function namespaces(pid?: number): string[] {
  const alive = (owner: number): boolean => {
    try {
      process.kill(owner, 0);
      return true;
    } catch {
      return false;
    }
  };
  return execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' })
    .split('\n')
    .map((line) => line.split(' ')[0]!)
    .filter((name) => {
      const owner = Number(/^msgsim-(\d+)-/.exec(name)?.[1]);
      // Other test files build networks of their own at the same time, in live processes.
      return Number.isSafeInteger(owner) && (pid === undefined ? !alive(owner) : owner === pid);
    });
}

describe('msgsim emulate', () => {
  it('agrees with the simulator on every shipped comparison scenario', () => {
    const out = tempDir();
    const result = msgsim('emulate', 'scenarios/emulation', '--out', out);
    expect(result.status, result.stdout + result.stderr).toBe(0);
    expect(SCENARIOS.length).toBeGreaterThanOrEqual(7);
    const judged = new Set<string>();
    for (const file of SCENARIOS) {
      const name = `emulation-${file.replace(/\.yaml$/, '')}`;
      const text = readFileSync(join(out, name, 'emulation.csv'), 'utf8');
      expect(text.split('\n')[0]).toBe(EMULATION_COLUMNS.join(','));
      const rows = parse(text, { columns: true }) as Record<string, string>[];
      for (const row of rows) {
        expect(row.ok, `${name} ${row.flow} ${row.metric}: ${row.simulated} vs ${row.emulated} (${row.tolerance})`).toBe('true');
        if (row.tolerance !== 'informational') judged.add(row.metric!);
      }
      for (const run of ['emulated', 'simulated']) expect(readdirSync(join(out, name, run))).toContain('summary.csv');
    }
    // Each kind of agreement the comparison scenarios are there to show was judged somewhere.
    expect([...judged].sort()).toEqual(['delivered', 'delivered_set', 'delivery_ratio', 'queue_drops', 'sent', 'spacing', 'throughput']);
    expect(namespaces()).toEqual([]);
  }, 120_000);

  it('runs the reliable request/reply protocol over TCP between namespaces', () => {
    const result = msgsim('emulate', 'scenarios/emulation/reliable-rpc.yaml', '--transport', 'tcp', '--out', tempDir());
    expect(result.status, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toMatch(/protocol\s+delivered_set\s+14\s+14\s+0\s+exact\s+ok/);
  }, 60_000);

  it('stops on Ctrl-C within a second and removes its namespaces', async () => {
    const child = startMsgsim('emulate', 'scenarios/emulation/saturated.yaml', '--out', tempDir());
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    while (!stderr.includes('running emulation-saturated')) await new Promise((resolve) => setTimeout(resolve, 50));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(namespaces(child.pid)).toHaveLength(2);
    const interrupted = performance.now();
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(performance.now() - interrupted).toBeLessThan(1500);
    expect(namespaces()).toEqual([]);
  }, 60_000);

  it('refuses a link delay without netem, and a clock fault, in one line', () => {
    const dir = tempDir();
    const delayed = join(dir, 'delayed.yaml');
    writeFileSync(delayed, 'name: delayed\nnodes: [a, b]\nlinks: [{between: [a, b], bandwidth: 10Mbps, delay: 5ms}]\nflows: [{name: f, pattern: p2p, from: a, to: b, count: 1, size: 100B}]\n');
    const out = join(dir, 'out');
    expectOneLineError(msgsim('emulate', delayed, '--out', out), /links\[0\]\.delay.*netem/);
    const clocked = join(dir, 'clocked.yaml');
    writeFileSync(
      clocked,
      'name: clocked\nnodes: [a, b]\nlinks: [{between: [a, b], bandwidth: 10Mbps, delay: 0s}]\nflows: [{name: f, pattern: p2p, from: a, to: b, count: 1, size: 100B}]\nfaults: [{at: 1s, fault: clock, node: a, offset: 1s}]\n',
    );
    expectOneLineError(msgsim('emulate', delayed, clocked, '--out', out), /delayed: cannot emulate links\[0\]\.delay/);
    expectOneLineError(msgsim('emulate', clocked, '--out', out), /faults\[0\].*clock/);
    // Refused before anything ran or was written.
    expect(existsSync(out)).toBe(false);
    expect(namespaces()).toEqual([]);
  });
});
