/**
 * docs/maelstrom.md works as written: its program, taken from the page, type-checks against
 * the built package (imported as `msgsim`) and passes the broadcast workload from a scenario
 * file run by the CLI.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const guide = readFileSync('docs/maelstrom.md', 'utf8');
const blocks = [...guide.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]!);
// Inside the package, so that `msgsim` resolves to this package as it would for a user's.
const dir = resolve('test/docs/.maelstrom');

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('docs/maelstrom.md', () => {
  it('has a program that type-checks and passes the broadcast workload from a scenario', () => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'gossip.ts'), blocks[0]!);
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, module: 'nodenext', target: 'es2022', noEmit: true, skipLibCheck: true }, files: ['gossip.ts'] }));
    const tsc = spawnSync(process.execPath, [resolve('node_modules/typescript/bin/tsc'), '-p', dir], { encoding: 'utf8' });
    expect(tsc.stdout + tsc.stderr).toBe('');
    writeFileSync(
      join(dir, 'line.yaml'),
      `name: line
nodes: 5
topology: {kind: full-mesh, link: {bandwidth: 1Gbps, delay: 100ms}}
program: {module: ./gossip.ts}
workload: {kind: broadcast, topology: line}
clients: {concurrency: 5, rate: 20, duration: 5s, recovery: 2s}
`,
    );
    const run = spawnSync(process.execPath, [resolve('dist/cli/main.js'), 'check', join(dir, 'line.yaml'), '--out', join(dir, 'out')], { encoding: 'utf8' });
    expect(run.status, run.stdout + run.stderr).toBe(0);
    const summary = readFileSync(join(dir, 'out/line/summary.csv'), 'utf8');
    expect(summary).toMatch(/^workload:broadcast,lost,0,0,/m);
    expect(summary).toMatch(/^workload:broadcast,incomplete_final_reads,0,0,/m);
    expect(readFileSync(join(dir, 'out/line/history.jsonl'), 'utf8').split('\n').length).toBeGreaterThan(100);
  });
});
