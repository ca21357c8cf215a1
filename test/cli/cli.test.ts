import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BROADCAST_COLUMNS, DELIVERY_COLUMNS } from '../../src/experiment/delivery-results.js';
import { MESSAGE_COLUMNS, SUMMARY_COLUMNS } from '../../src/experiment/results.js';
import { parseScenario } from '../../src/scenario/load.js';
import { runScenario } from '../../src/scenario/simulation.js';
import { allRows, checkRun } from '../../src/stats/checks/index.js';
import { msgsim, startMsgsim, tempDir } from '../support/cli.js';

function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** Asserts a user error: exit 2, one line on stderr naming the problem, no stack trace. */
function expectUserError(result: ReturnType<typeof msgsim>, pattern: RegExp): void {
  expect(result.status).toBe(2);
  const lines = result.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^msgsim: /);
  expect(lines[0]).toMatch(pattern);
  expect(result.stderr).not.toMatch(/^\s+at /m);
}

/** Writes a scenario file into `dir` and returns its path. */
function scenarioFile(dir: string, name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const lossy = (name: string, count: number): string => `name: ${name}
nodes: [a, b]
links:
  - between: [a, b]
    bandwidth: 1Mbps
    delay: 1ms
    loss: 0.5
flows:
  - name: f
    pattern: p2p
    from: a
    to: b
    count: ${count}
    size: 100B
    interval: 1ms
`;

describe('msgsim run', () => {
  it('writes messages.csv and summary.csv with the documented columns and prints a summary', () => {
    const out = tempDir();
    const result = msgsim('run', 'scenarios/p2p-basic.yaml', '--out', out);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^p2p-basic: seed 42, 2000 events/);
    expect(result.stdout).toMatch(/requests\s+1000\s+1000(\s+0){6}\s+10\.8ms/);
    const messages = readFileSync(join(out, 'p2p-basic', 'messages.csv'), 'utf8').trimEnd().split('\n');
    expect(messages[0]).toBe(MESSAGE_COLUMNS.join(','));
    expect(messages).toHaveLength(1001);
    expect(messages[1]).toBe('requests,0,client,server,1000,0,0.0108,0.0108,delivered,delivered,1,,');
    const summary = readFileSync(join(out, 'p2p-basic', 'summary.csv'), 'utf8').trimEnd().split('\n');
    expect(summary[0]).toBe(SUMMARY_COLUMNS.join(','));
    expect(summary.slice(1).every((row) => row.includes(',true,'))).toBe(true);
    expect(readdirSync(join(out, 'p2p-basic')).sort()).toEqual(['broadcasts.csv', 'deliveries.csv', 'links.csv', 'messages.csv', 'summary.csv']);
  });

  it('writes deliveries.csv and broadcasts.csv with the documented columns and prints a delivery table', () => {
    const out = tempDir();
    const result = msgsim('run', 'scenarios/request-reply.yaml', 'scenarios/broadcast.yaml', '--out', out);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/quick\s+500\s+500(\s+0){5}\s+500\s+0\s+0\s+5\.16ms\s+11\.96\d*ms/);
    const deliveries = readFileSync(join(out, 'request-reply', 'deliveries.csv'), 'utf8').trimEnd().split('\n');
    expect(deliveries[0]).toBe(DELIVERY_COLUMNS.join(','));
    expect(deliveries).toHaveLength(1001);
    // 200B at 10Mbps + 5ms = 5.16ms there; 1ms service; 1000B at 10Mbps + 5ms = 5.8ms back.
    expect(deliveries[1]).toMatch(/^quick,request-reply,0,,client,server,0,0\.0051600+\d?,0\.0051600+\d?,1,1,0,replied,replied,0\.0119600+\d?$/);
    const broadcasts = readFileSync(join(out, 'broadcast', 'broadcasts.csv'), 'utf8').trimEnd().split('\n');
    expect(broadcasts[0]).toBe(BROADCAST_COLUMNS.join(','));
    expect(broadcasts).toHaveLength(301);
    expect(broadcasts[1]).toMatch(/^direct,0,n0,0,35,35,1,35,0,/);
    expect(broadcasts[2]).toMatch(/^flood,35,n14,0\.005,35,35,1,85,50,/);
  });

  it('writes byte-identical results for the same scenario and seed', () => {
    const [first, second] = [tempDir(), tempDir()];
    expect(msgsim('run', 'scenarios', '--out', first).status).toBe(0);
    expect(msgsim('run', 'scenarios', '--out', second).status).toBe(0);
    for (const name of readdirSync(first)) {
      for (const file of ['links.csv', 'messages.csv', 'summary.csv', 'deliveries.csv', 'broadcasts.csv']) {
        // Compared by digest: some files are tens of megabytes.
        expect(sha256(join(second, name, file)), `${name}/${file}`).toBe(sha256(join(first, name, file)));
      }
    }
  });

  it('changes the loss pattern with --seed', () => {
    const [a, b] = [tempDir(), tempDir()];
    msgsim('run', 'scenarios/p2p-lossy.yaml', '--out', a);
    msgsim('run', 'scenarios/p2p-lossy.yaml', '--out', b, '--seed', '7');
    const outcomes = (dir: string): string[] =>
      readFileSync(join(dir, 'p2p-lossy', 'messages.csv'), 'utf8').trimEnd().split('\n').slice(1).map((row) => row.split(',')[8]!);
    expect(outcomes(a)).not.toEqual(outcomes(b));
  });

  it('skips messages.csv with --no-messages', () => {
    const out = tempDir();
    expect(msgsim('run', 'scenarios/p2p-basic.yaml', '--out', out, '--no-messages').status).toBe(0);
    expect(readdirSync(join(out, 'p2p-basic')).sort()).toEqual(['broadcasts.csv', 'deliveries.csv', 'links.csv', 'summary.csv']);
  });

  it('leaves earlier results untouched when a scenario is invalid', () => {
    const out = tempDir();
    msgsim('run', 'scenarios/p2p-basic.yaml', '--out', out);
    const before = readFileSync(join(out, 'p2p-basic', 'messages.csv'));
    const bad = scenarioFile(tempDir(), 'bad.yaml', readFileSync('scenarios/p2p-basic.yaml', 'utf8').replace('10ms', '10 lightyears'));
    expectUserError(msgsim('run', 'scenarios/p2p-basic.yaml', bad, '--out', out), /bad\.yaml:7: links\[0\]\.delay: "10 lightyears" is not a duration/);
    expect(readFileSync(join(out, 'p2p-basic', 'messages.csv'))).toEqual(before);
  });

  it('stops on SIGINT with exit code 130, leaving earlier results whole and no temporary files', async () => {
    const dir = tempDir();
    const out = join(dir, 'out');
    const small = scenarioFile(dir, 'small.yaml', lossy('big', 100));
    expect(msgsim('run', small, '--out', out).status).toBe(0);
    const before = readFileSync(join(out, 'big', 'messages.csv'));
    const big = scenarioFile(dir, 'big.yaml', lossy('big', 3_000_000).replace('interval: 1ms', 'interval: 0'));
    const child = startMsgsim('run', big, '--out', out);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    child.kill('SIGINT');
    const status = await new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    expect(status).toBe(130);
    expect(readFileSync(join(out, 'big', 'messages.csv'))).toEqual(before);
    expect(readdirSync(join(out, 'big')).sort()).toEqual(['broadcasts.csv', 'deliveries.csv', 'links.csv', 'messages.csv', 'summary.csv']);
  });
});

describe('msgsim check', () => {
  it('passes on every shipped scenario', () => {
    const result = msgsim('check', 'scenarios', '--out', tempDir(), '--no-messages');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/\d+ scenario\(s\): \d+ checks passed, 0 failed/);
    expect(result.stdout).toContain('delay_idle');
  });

  it('exits 1 when a measurement leaves its tolerance', async () => {
    // Find a seed whose loss count falls outside the 99.9% interval (about 1 seed in 1000).
    const dir = tempDir();
    const file = scenarioFile(dir, 'unlucky.yaml', lossy('unlucky', 60));
    const scenario = parseScenario(readFileSync(file, 'utf8'), file);
    let seed = 0;
    for (;;) {
      seed++;
      if (allRows(checkRun(await runScenario(scenario, { seed }))).some((row) => !row.ok)) break;
    }
    const result = msgsim('check', file, '--seed', String(seed), '--out', join(dir, 'out'));
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/reliability .* FAIL/);
    expect(result.stdout).toMatch(/1 scenario\(s\): \d+ checks passed, 1 failed/);
    // The failing run leaves a replay file that reproduces it, seed and all.
    const replay = msgsim('replay', join(dir, 'out', 'unlucky', 'replay.json'));
    expect(replay.status, replay.stderr).toBe(0);
    expect(replay.stdout).toContain(`unlucky: replayed with seed ${seed}:`);
    expect(replay.stdout).toContain('hash chain: matches the recording');
  });
});

describe('msgsim validate and schema', () => {
  it('validates good scenarios', () => {
    const result = msgsim('validate', 'scenarios');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('ok  scenarios/p2p-basic.yaml  (p2p-basic: 2 nodes, 1 link, 1 flow)');
  });

  it('prints the JSON Schema that the repository keeps', () => {
    const result = msgsim('schema');
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(readFileSync('docs/scenario.schema.json', 'utf8'));
  });
});

describe('user mistakes', () => {
  it('get one line and exit code 2', () => {
    const dir = tempDir();
    const basic = readFileSync('scenarios/p2p-basic.yaml', 'utf8');
    expectUserError(msgsim('validate', scenarioFile(dir, 'bw.yaml', basic.replace('10Mbps', '10 Mbit'))), /bw\.yaml:6: links\[0\]\.bandwidth: "10 Mbit" is not a bandwidth \(e\.g\. "10Mbps"/);
    expectUserError(msgsim('run', scenarioFile(dir, 'node.yaml', basic.replace('to: server', 'to: nowhere'))), /flows\[0\]\.to: unknown node "nowhere"/);
    expectUserError(msgsim('run', join(dir, 'missing.yaml')), /missing\.yaml: no such file or directory/);
    expectUserError(msgsim('run', 'scenarios', '--seed', '-3'), /--seed: "-3" is not a seed/);
    expectUserError(msgsim('run', 'scenarios', '--frobnicate'), /Unknown argument: frobnicate/);
    expectUserError(msgsim('explode'), /Unknown argument: explode/);
    expectUserError(msgsim(), /name a command/);
    const twin = scenarioFile(dir, 'twin.yaml', basic);
    expectUserError(msgsim('run', 'scenarios/p2p-basic.yaml', twin), /name "p2p-basic" is also the name of scenarios\/p2p-basic\.yaml/);
    expect(existsSync('results/p2p-basic/.messages.csv.tmp')).toBe(false);
  });

  it('show help for every command', () => {
    for (const command of ['run', 'check', 'validate', 'schema']) {
      const result = msgsim(command, '--help');
      expect(result.status).toBe(0);
      expect(result.stdout).toContain(`msgsim ${command}`);
    }
    expect(msgsim('--help').stdout).toMatch(/Commands:[\s\S]*run[\s\S]*check[\s\S]*validate[\s\S]*schema/);
  });
});
