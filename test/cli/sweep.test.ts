/**
 * msgsim sweep and merge from the command line: the same bytes with 1 or 2 workers, shards
 * merged into exactly what one machine writes, a resumed sweep that reuses the runs it kept,
 * progress on stderr, and one-line errors.
 */
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { msgsim, tempDir } from '../support/cli.js';

/** A small sweep: 3 loss values × 2 sizes, 3 replications, written to a temporary file. */
function sweepFile(): string {
  const file = join(tempDir(), 'small.yaml');
  writeFileSync(
    file,
    `name: small
seed: 9
nodes: [a, b]
links:
  - { between: [a, b], bandwidth: 10Mbps, delay: 1ms }
flows:
  - { name: f, pattern: p2p, from: a, to: b, count: 50, size: 200B, interval: 1ms }
sweep:
  grid:
    links[0].loss: [0, 0.05, 0.2]
    flows[0].size: [100B, 1KB]
  replications: 3
`,
  );
  return file;
}

const read = (dir: string, name: string): string => readFileSync(join(dir, 'small', name), 'utf8');

describe('msgsim sweep', () => {
  it('writes the same bytes with 1 and with 2 workers, and reports progress on stderr', () => {
    const file = sweepFile();
    const one = tempDir();
    const two = tempDir();
    const a = msgsim('sweep', file, '--out', one, '--workers', '1');
    const b = msgsim('sweep', file, '--out', two, '--workers', '2');
    expect(a.status, a.stderr).toBe(0);
    expect(b.status, b.stderr).toBe(0);
    expect(a.stdout).toContain('small: 6 points × 3 replications; 18 runs');
    expect(read(one, 'runs.csv')).toBe(read(two, 'runs.csv'));
    expect(read(one, 'aggregate.csv')).toBe(read(two, 'aggregate.csv'));
    expect(read(one, 'runs.csv').split('\n').filter((line) => line.includes(',f,reliability,'))).toHaveLength(18);
    // Not a terminal: one line per tenth.
    expect(a.stderr.trimEnd().split('\n')).toHaveLength(11);
    expect(a.stderr).toMatch(/18\/18 runs \(100%\)\n$/);
  });

  it('merges shards into exactly what one machine writes, and refuses an incomplete set', () => {
    const file = sweepFile();
    const whole = tempDir();
    expect(msgsim('sweep', file, '--out', whole, '--workers', '1').status).toBe(0);
    const shards = [1, 2, 3, 4].map((i) => {
      const out = tempDir();
      const result = msgsim('sweep', file, '--out', out, '--shard', `${i}/4`, '--workers', '1');
      expect(result.status, result.stderr).toBe(0);
      return join(out, 'small');
    });
    const merged = tempDir();
    const merge = msgsim('merge', ...shards, '--out', merged);
    expect(merge.status, merge.stderr).toBe(0);
    expect(read(merged, 'runs.csv')).toBe(read(whole, 'runs.csv'));
    expect(read(merged, 'aggregate.csv')).toBe(read(whole, 'aggregate.csv'));
    const partial = msgsim('merge', shards[0]!, shards[2]!, shards[3]!, '--out', tempDir());
    expect(partial.status).toBe(2);
    expect(partial.stderr).toBe('msgsim: shard 2/4 missing\n');
    const twice = msgsim('merge', shards[0]!, shards[0]!, '--out', tempDir());
    expect(twice.stderr).toMatch(/shard 1\/4 given twice/);
    // The --out folders the shards were written to do as well as the shards' own folders.
    const fromOut = tempDir();
    const byOut = msgsim('merge', ...shards.map((shard) => dirname(shard)), '--out', fromOut);
    expect(byOut.status, byOut.stderr).toBe(0);
    expect(read(fromOut, 'runs.csv')).toBe(read(whole, 'runs.csv'));
  });

  it('resumes after an interruption, reusing every run it finished and running only the rest', () => {
    const file = sweepFile();
    const whole = tempDir();
    expect(msgsim('sweep', file, '--out', whole, '--workers', '1').status).toBe(0);
    const out = tempDir();
    expect(msgsim('sweep', file, '--out', out, '--workers', '2').status).toBe(0);
    // As if interrupted: 7 runs never finished, and the summary files were never written.
    const stored = join(out, 'small', 'runs');
    for (const name of readdirSync(stored).sort().slice(0, 7)) rmSync(join(stored, name));
    rmSync(join(out, 'small', 'runs.csv'));
    rmSync(join(out, 'small', 'aggregate.csv'));
    const resumed = msgsim('sweep', file, '--out', out, '--workers', '2', '--resume');
    expect(resumed.status, resumed.stderr).toBe(0);
    expect(resumed.stdout).toContain('18 runs (11 reused from an earlier run)');
    expect(read(out, 'runs.csv')).toBe(read(whole, 'runs.csv'));
    expect(read(out, 'aggregate.csv')).toBe(read(whole, 'aggregate.csv'));
  });

  it('with a stopping rule, makes the same runs whatever the workers or shards', () => {
    const file = sweepFile();
    writeFileSync(file, readFileSync(file, 'utf8').replace('  replications: 3\n', '  replications: 2\n  until_ci: { metric: reliability, half_width: 3%, max_replications: 10 }\n'));
    const one = tempDir();
    const two = tempDir();
    expect(msgsim('sweep', file, '--out', one, '--workers', '1').status).toBe(0);
    expect(msgsim('sweep', file, '--out', two, '--workers', '2').status).toBe(0);
    expect(read(two, 'runs.csv')).toBe(read(one, 'runs.csv'));
    const shards = ['1/2', '2/2'].map((shard) => {
      const out = tempDir();
      expect(msgsim('sweep', file, '--out', out, '--shard', shard, '--workers', '1').status).toBe(0);
      return join(out, 'small');
    });
    const merged = tempDir();
    expect(msgsim('merge', ...shards, '--out', merged).status).toBe(0);
    expect(read(merged, 'aggregate.csv')).toBe(read(one, 'aggregate.csv'));
    expect(msgsim('merge', shards[0]!, '--out', tempDir()).stderr).toMatch(/shard 2\/2 missing/);
  });

  it('gives one line and exit code 2 for a bad shard, a file without a sweep, or a sweep given to check', () => {
    const file = sweepFile();
    expect(msgsim('sweep', file, '--shard', '0/3').stderr).toMatch(/^msgsim: --shard: "0\/3" is not a slice i\/n/);
    const plain = msgsim('sweep', 'scenarios/p2p-basic.yaml', '--out', tempDir());
    expect(plain.status).toBe(2);
    expect(plain.stderr).toBe('msgsim: scenarios/p2p-basic.yaml: no sweep section; use msgsim run\n');
    const check = msgsim('check', file, '--out', tempDir());
    expect(check.status).toBe(2);
    expect(check.stderr).toMatch(/has a sweep; run it with msgsim sweep/);
    // validate checks every point of a sweep before anything runs.
    expect(msgsim('validate', file).stdout).toMatch(/ok {2}.*small\.yaml {2}\(small: 2 nodes, 1 link, 1 flow; sweep of 6 points\)/);
    writeFileSync(file, readFileSync(file, 'utf8').replace('[0, 0.05, 0.2]', '[0, 0.05, 2]'));
    const bad = msgsim('validate', file);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/^msgsim: .*small\.yaml: links\[0\]\.loss: .*\(at sweep point 4: links\[0\]\.loss=2, flows\[0\]\.size="100B"\)\n$/);
  });
});
