/**
 * `msgsim live` and runScenarioLive on loopback (127.0.0.1 only): the same protocol code as
 * the simulator's delivers the same messages over UDP and over TCP, results are written as
 * for a simulation, a deployment can be split over processes by a hosts file, and what
 * cannot run live is refused in one line.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareRuns } from '../../src/emulation/compare.js';
import { MESSAGE_COLUMNS } from '../../src/experiment/results.js';
import { LINK_OPENERS } from '../../src/runtime/real/transports.js';
import { runScenarioLive } from '../../src/scenario/live.js';
import { parseScenario } from '../../src/scenario/load.js';
import { runScenario } from '../../src/scenario/simulation.js';
import { expectOneLineError, msgsim, startMsgsim, tempDir } from '../support/cli.js';

const load = (file: string) => parseScenario(readFileSync(file, 'utf8'), file);

/** Ports free right now on 127.0.0.1 (the kernel's choice), for a hosts file. */
async function freePorts(count: number): Promise<number[]> {
  const ports: number[] = [];
  for (let i = 0; i < count; i++) {
    ports.push(
      await new Promise<number>((resolve) => {
        const server = createServer().listen(0, '127.0.0.1', () => {
          const { port } = server.address() as { port: number };
          server.close(() => resolve(port));
        });
      }),
    );
  }
  return ports;
}

describe('msgsim live', () => {
  for (const transport of ['udp', 'tcp'] as const) {
    it(`runs the reliable request/reply protocol over ${transport} and delivers what the simulator delivers`, async () => {
      const scenario = load('scenarios/emulation/reliable-rpc.yaml');
      const simulated = await runScenario(scenario);
      const live = await runScenarioLive(scenario, { transport, openLink: LINK_OPENERS[transport], drainSeconds: 0.05 });
      const rows = compareRuns(scenario, simulated, live).filter((row) => row.metric === 'delivered_set');
      expect(rows).toEqual([expect.objectContaining({ flow: 'protocol', simulated: 14, emulated: 14, difference: 0, ok: true })]);
      expect(live.trace?.violation).toBeUndefined();
      expect(live.real).toEqual({ transport, network: 'loopback' });
    });

    it(`delivers request/reply and pub/sub flows set for set over ${transport}`, async () => {
      const scenario = load('scenarios/emulation/messaging.yaml');
      const simulated = await runScenario(scenario);
      const live = await runScenarioLive(scenario, { transport, openLink: LINK_OPENERS[transport], drainSeconds: 0.05 });
      const sets = compareRuns(scenario, simulated, live).filter((row) => row.metric === 'delivered_set');
      expect(sets.map((row) => row.flow)).toEqual(['calls', 'news']);
      for (const row of sets) {
        expect(row.simulated).toBeGreaterThan(0);
        expect([row.emulated, row.difference, row.ok]).toEqual([row.simulated, 0, true]);
      }
    });
  }

  it('writes the result files with real times, every frame delivered on loopback', () => {
    const out = tempDir();
    const result = msgsim('live', 'scenarios/emulation/back-to-back.yaml', '--out', out, '--transport', 'tcp', '--drain', '0.05');
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^emulation-back-to-back: live over tcp \(loopback\)/);
    const messages = readFileSync(join(out, 'emulation-back-to-back', 'messages.csv'), 'utf8').trimEnd().split('\n');
    expect(messages[0]).toBe(MESSAGE_COLUMNS.join(','));
    expect(messages).toHaveLength(2001);
    expect(messages.slice(1).every((line) => line.split(',')[8] === 'delivered')).toBe(true);
    const summary = readFileSync(join(out, 'emulation-back-to-back', 'summary.csv'), 'utf8');
    expect(summary).toMatch(/burst,throughput,.*,informational,measured on a real network \(loopback\)/);
  });

  it('splits a deployment over two processes by a hosts file', async () => {
    const dir = tempDir();
    const [a, b] = await freePorts(2);
    const hosts = join(dir, 'hosts');
    writeFileSync(hosts, `# two processes\nsender 127.0.0.1:${a}\nreceiver 127.0.0.1:${b}\n`);
    const scenario = join(dir, 'split.yaml');
    writeFileSync(
      scenario,
      'name: split\nnodes: [sender, receiver]\nlinks: [{between: [sender, receiver], bandwidth: 10Mbps, delay: 0s}]\n' +
        'flows: [{name: f, pattern: p2p, from: sender, to: receiver, count: 50, size: 100B, interval: 5ms, start: 300ms}]\nuntil: 1s\n',
    );
    const receiving = startMsgsim('live', scenario, '--hosts', hosts, '--node', 'receiver', '--out', join(dir, 'receiver'));
    const done = new Promise<number | null>((resolve) => receiving.on('exit', resolve));
    const sending = msgsim('live', scenario, '--hosts', hosts, '--node', 'sender', '--out', join(dir, 'sender'));
    expect(sending.status, sending.stderr).toBe(0);
    expect(await done).toBe(0);
    const sent = readFileSync(join(dir, 'sender', 'split', 'messages.csv'), 'utf8').trimEnd().split('\n').slice(1);
    expect(sent).toHaveLength(50);
    // The receiver runs elsewhere: the sender knows its frames left, not that they arrived.
    expect(sent.every((line) => line.split(',')[8] === 'in_flight')).toBe(true);
    const received = readFileSync(join(dir, 'receiver', 'split', 'messages.csv'), 'utf8').trimEnd().split('\n').slice(1);
    expect(received).toHaveLength(50);
    expect(received.every((line) => line.split(',')[2] === 'sender' && line.split(',')[8] === 'delivered')).toBe(true);
  });

  it('stops within a second on Ctrl-C, with sockets closed and whole files of what ran', async () => {
    const out = tempDir();
    const child = startMsgsim('live', 'scenarios/request-reply.yaml', '--out', out);
    let stdout = '';
    child.stdout!.on('data', (chunk: Buffer) => void (stdout += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const interrupted = performance.now();
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(performance.now() - interrupted).toBeLessThan(1000);
    expect(stdout).toMatch(/request-reply: seed 11, \d+ events, ended at t=\S+ \(stopped\)/);
    const messages = readFileSync(join(out, 'request-reply', 'messages.csv'), 'utf8').trimEnd().split('\n');
    // About 1.5 s of a 10 s run: some frames, not all, and the file ends with a whole row.
    expect(messages.length).toBeGreaterThan(20);
    expect(messages.length).toBeLessThan(1500);
    expect(messages.at(-1)!.split(',')).toHaveLength(MESSAGE_COLUMNS.length);
  });

  it('refuses, in one line, what cannot run on real sockets', () => {
    expectOneLineError(msgsim('live', 'scenarios/partition-heals.yaml'), /partition-heals\.yaml: faults\[0\]: cannot run live: a partition fault needs a network/);
    const dir = tempDir();
    const big = join(dir, 'big.yaml');
    writeFileSync(big, 'name: big\nnodes: [a, b]\nlinks: [{between: [a, b], bandwidth: 1Gbps, delay: 0s}]\nflows: [{name: f, pattern: p2p, from: a, to: b, count: 1, size: 100000B}]\n');
    expectOneLineError(msgsim('live', big), /big\.yaml: flows\[0\]\.size: 100000 bytes do not fit one UDP datagram .*use --transport tcp/);
    expectOneLineError(msgsim('live', big, '--transport', 'tcp', '--node', 'a'), /--node: the other nodes run elsewhere, so --hosts must say where every node listens/);
    const hosts = join(dir, 'hosts');
    writeFileSync(hosts, 'a 127.0.0.1:7000\n');
    expectOneLineError(msgsim('live', big, '--transport', 'tcp', '--hosts', hosts), /--hosts: .*hosts: no address for node "b"/);
    writeFileSync(hosts, 'a 127.0.0.1:7000\nb 10.0.0.1\n');
    expectOneLineError(msgsim('live', big, '--transport', 'tcp', '--hosts', hosts), /--hosts: .*hosts:2: "10\.0\.0\.1" is not an address/);
  });
});
