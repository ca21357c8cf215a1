/**
 * Progress of a long run: on a terminal one line redrawn in place (virtual time, events,
 * events/s, and with `until` the share done and an ETA), cleared at the end; elsewhere a
 * plain line per tenth of `until`; nothing for runs that end within a second.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runProgressOn } from '../../src/cli/progress.js';
import { startMsgsim, tempDir } from '../support/cli.js';

/** A stream that keeps what is written to it, and a clock the test moves. */
function fakeTerminal(isTTY: boolean) {
  const written: string[] = [];
  const stream = { isTTY, columns: 200, write: (text: string) => (written.push(text), true) };
  let now = 0;
  return { written, stream: stream as never, clock: () => now, advance: (ms: number) => (now += ms) };
}

describe('run progress', () => {
  it('redraws one line on a terminal, with the share done and an ETA, and clears it at the end', () => {
    const t = fakeTerminal(true);
    const progress = runProgressOn('big', 100, t.stream, t.clock);
    t.advance(500);
    progress.update({ now: 5, events: 1000 });
    expect(t.written).toEqual([]);
    t.advance(1500); // 2 s in, 25% of the virtual time done
    progress.update({ now: 25, events: 1_000_000 });
    expect(t.written).toEqual(['\r\u001b[2Kbig: t=25s of 100s (25%) | 1.00M events | 500k events/s | ETA 6s']);
    t.advance(50); // redrawn at most every 200 ms
    progress.update({ now: 26, events: 1_040_000 });
    expect(t.written).toHaveLength(1);
    progress.stop();
    expect(t.written.at(-1)).toBe('\r\u001b[2K');
  });

  it('writes a line per tenth of until elsewhere, and nothing for a run shorter than a second', () => {
    const t = fakeTerminal(false);
    const progress = runProgressOn('big', 10, t.stream, t.clock);
    for (let step = 1; step <= 20; step++) {
      t.advance(100);
      progress.update({ now: step / 2, events: step * 1000 });
    }
    expect(t.written.map((line) => line.match(/\((\d+)%\)/)![1])).toEqual(['50', '60', '70', '80', '90', '100']);
    expect(t.written.every((line) => line.endsWith('\n'))).toBe(true);
    progress.stop();
    const quiet = fakeTerminal(false);
    const short = runProgressOn('small', 10, quiet.stream, quiet.clock);
    quiet.advance(900);
    short.update({ now: 9, events: 9000 });
    short.stop();
    expect(quiet.written).toEqual([]);
  });

  it('shows on stderr while msgsim runs a long scenario', async () => {
    const dir = tempDir();
    const file = join(dir, 'long.yaml');
    writeFileSync(
      file,
      `name: long
until: 20s
nodes: [a, b]
links:
  - { between: [a, b], bandwidth: 1Gbps, delay: 1ms }
flows:
  - { name: f, pattern: p2p, from: a, to: b, count: 20000000, size: 100B, interval: 1us }
`,
    );
    const child = startMsgsim('run', file, '--out', join(dir, 'out'), '--no-messages');
    let stderr = '';
    const lines = await new Promise<string[]>((resolve) => {
      child.stderr!.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        const complete = stderr.split('\n').slice(0, -1);
        if (complete.length >= 2) resolve(complete);
      });
    });
    child.kill('SIGINT');
    for (const line of lines) expect(line).toMatch(/^long: t=\S+ of 20s \(\d+%\) \| \S+ events \| \S+ events\/s \| ETA \d+s$/);
    // One line per tenth of the run (the first after a second of quiet).
    const tenths = lines.map((line) => Math.floor(Number(line.match(/\((\d+)%\)/)![1]) / 10));
    expect(tenths[0]).toBeGreaterThanOrEqual(1);
    expect(tenths[1]).toBe(tenths[0]! + 1);
  });
});
