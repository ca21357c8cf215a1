/**
 * docs/testing.md works as written: its protocol, property and custom invariant, and its
 * Maelstrom-style program with its property, taken from the page, run against the built
 * package (imported as `msgsim` and `msgsim/testing`, with TypeScript compiled by tsx as a
 * user's would be); the program's counterexample is the one the page prints, and the
 * command line replays it as the page shows.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI } from '../support/cli.js';

const guide = readFileSync('docs/testing.md', 'utf8');
const blocks = [...guide.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]!);
// Inside the package, so that `msgsim` resolves to this package as it would for a user's.
const dir = resolve('test/docs/.guide');

/** The text of the page's block that `pattern` (with one group) picks. */
function pageBlock(pattern: RegExp): string {
  const match = pattern.exec(guide);
  if (match === null) throw new Error(`docs/testing.md has no block matching ${pattern}`);
  return match[1]!;
}

/** The page's property, with vitest's `it` replaced by a plain call; `after` follows the call. */
function plainCall(property: string, after: string): string {
  const body = property.replace("import { it } from 'vitest';\n", '').replace(/^it\(('[^']*'), async \(\) => \{\n([\s\S]*)\}\);\n$/m, `await (async () => {\n$2})()${after};\n`);
  expect(body).not.toContain('it(');
  return body;
}

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('docs/testing.md', () => {
  it('has a protocol that keeps its invariants over generated cases, and a custom invariant that can fail', () => {
    mkdirSync(dir, { recursive: true });
    const [protocol, property, , custom] = blocks;
    writeFileSync(join(dir, 'at-least-once.ts'), protocol!);
    writeFileSync(join(dir, 'mine.ts'), custom!);
    // The page's property, with vitest's `it` replaced by a plain call that reports back.
    const body = plainCall(property!, '');
    writeFileSync(
      join(dir, 'driver.ts'),
      `${body}
import { checkProtocol, everyMessageDelivered as delivered, protocolCase as cases } from 'msgsim/testing';
import { atMostTen } from './mine.js';
const many = await checkProtocol({ name: 'ten', protocol: atLeastOnce, invariants: [delivered, atMostTen], cases: cases({ script: { minMessages: 30, maxMessages: 30 } }), numRuns: 5, outDir: undefined });
console.log(JSON.stringify({ customFailed: many.failed, invariant: many.counterexample?.violation.invariant }));
`,
    );
    const result = spawnSync(process.execPath, ['--import', 'tsx', join(dir, 'driver.ts')], { encoding: 'utf8', cwd: dir });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout.trim())).toEqual({ customFailed: true, invariant: 'at_most_ten' });
  });

  it('has a program whose property fails, shrinks to the counterexample the page prints, and replays as the page shows', () => {
    mkdirSync(dir, { recursive: true });
    const [, , , , program, property] = blocks;
    writeFileSync(join(dir, 'flooding.ts'), program!);
    // assertProgram rejects with the report; the driver prints it.
    writeFileSync(join(dir, 'flooding-driver.ts'), plainCall(property!, '.catch((error: Error) => console.log(error.message))'));
    const result = spawnSync(process.execPath, ['--import', 'tsx', join(dir, 'flooding-driver.ts')], { encoding: 'utf8', cwd: dir });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(pageBlock(/```\n(property "flooding" failed[\s\S]*?)```/));
    const scenario = 'results/counterexamples/flooding.yaml';
    expect(readFileSync(join(dir, scenario), 'utf8')).toBe(pageBlock(/```yaml\n(# Counterexample to "flooding"[\s\S]*?)```/));
    const replay = spawnSync(process.execPath, [CLI, 'replay', 'results/counterexamples/flooding.replay.json'], { encoding: 'utf8', cwd: dir });
    expect(replay.status, replay.stderr).toBe(0);
    expect(`$ msgsim replay results/counterexamples/flooding.replay.json\n${replay.stdout}`).toBe(pageBlock(/```\n(\$ msgsim replay [\s\S]*?)```/));
    // msgsim run prints the same failing verdict; msgsim check fails on it.
    const run = spawnSync(process.execPath, [CLI, 'run', scenario, '--out', 'out'], { encoding: 'utf8', cwd: dir });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/workload:broadcast +incomplete_final_reads +1 +0 +FAIL +process 1 missed 0/);
    expect(spawnSync(process.execPath, [CLI, 'check', scenario, '--out', 'out'], { encoding: 'utf8', cwd: dir }).status).toBe(1);
  });
});
