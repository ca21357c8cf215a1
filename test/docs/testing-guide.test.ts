/**
 * docs/testing.md works as written: its protocol, property and custom invariant, taken from
 * the page, run against the built package (imported as `msgsim` and `msgsim/testing`, with
 * TypeScript compiled by tsx as a user's would be).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const guide = readFileSync('docs/testing.md', 'utf8');
const blocks = [...guide.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]!);
// Inside the package, so that `msgsim` resolves to this package as it would for a user's.
const dir = resolve('test/docs/.guide');

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('docs/testing.md', () => {
  it('has a protocol that keeps its invariants over generated cases, and a custom invariant that can fail', () => {
    mkdirSync(dir, { recursive: true });
    const [protocol, property, , custom] = blocks;
    writeFileSync(join(dir, 'at-least-once.ts'), protocol!);
    writeFileSync(join(dir, 'mine.ts'), custom!);
    // The page's property, with vitest's `it` replaced by a plain call that reports back.
    const body = property!.replace("import { it } from 'vitest';\n", '').replace(/^it\(('[^']*'), async \(\) => \{\n([\s\S]*)\}\);\n$/m, 'await (async () => {\n$2})();\n');
    expect(body).not.toContain('it(');
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
});
