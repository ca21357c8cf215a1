/**
 * Ctrl-C and SIGTERM stop every long command within a second — in the middle of one long
 * run, of a sweep on one thread or two, of the validation of a large sweep — with exit code
 * 130 or 143, and leave results already written whole and no temporary files behind.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { msgsim, startMsgsim, tempDir } from '../support/cli.js';

/** The most a stop may take after the signal, in milliseconds. */
const PROMPT_MS = 1000;

const longRun = (name: string, count: number): string => `name: ${name}
nodes: [a, b]
links:
  - { between: [a, b], bandwidth: 1Mbps, delay: 1ms, loss: 0.5 }
flows:
  - { name: f, pattern: p2p, from: a, to: b, count: ${count}, size: 100B, interval: 0 }
`;

/** A sweep of 10 points × 20 replications of a run that takes a while each. */
const longSweep = `name: long-sweep
nodes: [a, b]
links:
  - { between: [a, b], bandwidth: 10Mbps, delay: 1ms, loss: 0.1 }
flows:
  - { name: f, pattern: p2p, from: a, to: b, count: 20000, size: 100B, interval: 0.1ms, delivery: at-least-once }
sweep:
  grid:
    links[0].loss: [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]
  replications: 20
`;

/** A sweep with 40 × 40 × 40 points: validating them all takes far longer than a second. */
const wideSweep = `name: wide-sweep
nodes: [a, b]
links:
  - { between: [a, b], bandwidth: 10Mbps, delay: 1ms }
flows:
  - { name: f, pattern: p2p, from: a, to: b, count: 10, size: 100B }
sweep:
  grid:
    links[0].loss: [${Array.from({ length: 40 }, (_, i) => i / 100).join(', ')}]
    flows[0].count: [${Array.from({ length: 40 }, (_, i) => i + 1).join(', ')}]
    flows[0].size: [${Array.from({ length: 40 }, (_, i) => `${100 + i}B`).join(', ')}]
`;

/** Every file under `dir`, as paths relative to it. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1))
    .sort();
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Starts msgsim, sends `signal` once `ready()` holds (polled) and at least `afterMs` have
 * passed, and resolves to its exit code and how long it took to stop.
 */
async function interrupt(
  args: string[],
  signal: NodeJS.Signals,
  afterMs: number,
  ready: () => boolean = () => true,
): Promise<{ status: number | null; stopMs: number; stderr: string }> {
  const child = startMsgsim(...args);
  let stderr = '';
  let ended = false;
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  void exited.then(() => (ended = true));
  await sleep(afterMs);
  while (!ended && !ready()) await sleep(50);
  expect(ended, `msgsim ${args.join(' ')} ended before the signal: ${stderr}`).toBe(false);
  const sent = performance.now();
  child.kill(signal);
  const status = await exited;
  return { status, stopMs: performance.now() - sent, stderr };
}

describe('interrupting msgsim', () => {
  it('stops a long run on SIGINT (130) and on SIGTERM (143) within a second, keeping earlier results whole', async () => {
    const dir = tempDir();
    const out = join(dir, 'out');
    writeFileSync(join(dir, 'small.yaml'), longRun('big', 100));
    expect(msgsim('run', join(dir, 'small.yaml'), '--out', out).status).toBe(0);
    const before = filesUnder(out).map((file) => [file, readFileSync(join(out, file), 'utf8')]);
    writeFileSync(join(dir, 'big.yaml'), longRun('big', 20_000_000));
    for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
      const result = await interrupt(['run', join(dir, 'big.yaml'), '--out', out], signal, 1500);
      expect(result.status, result.stderr).toBe(code);
      expect(result.stopMs).toBeLessThan(PROMPT_MS);
      expect(filesUnder(out).map((file) => [file, readFileSync(join(out, file), 'utf8')])).toEqual(before);
    }
  });

  for (const workers of ['1', '2']) {
    it(`stops a sweep on ${workers} worker(s) within a second, keeping the runs it finished`, async () => {
      const dir = tempDir();
      writeFileSync(join(dir, 'sweep.yaml'), longSweep);
      const out = join(dir, 'out');
      const runs = join(out, 'long-sweep', 'runs');
      const someRunFinished = () => existsSync(runs) && readdirSync(runs).some((file) => file.endsWith('.json'));
      const result = await interrupt(['sweep', join(dir, 'sweep.yaml'), '--out', out, '--workers', workers], 'SIGINT', 500, someRunFinished);
      expect(result.status, result.stderr).toBe(130);
      expect(result.stopMs).toBeLessThan(PROMPT_MS);
      const files = filesUnder(out);
      expect(files.filter((file) => file.endsWith('.tmp'))).toEqual([]);
      expect(files.some((file) => file.endsWith('.json'))).toBe(true);
      for (const file of files) if (file.endsWith('.json')) expect(() => JSON.parse(readFileSync(join(out, file), 'utf8'))).not.toThrow();
    });
  }

  it('stops the validation of a large sweep within a second', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'wide.yaml'), wideSweep);
    const result = await interrupt(['validate', join(dir, 'wide.yaml')], 'SIGINT', 1500);
    expect(result.status, result.stderr).toBe(130);
    expect(result.stopMs).toBeLessThan(PROMPT_MS);
  });
});
