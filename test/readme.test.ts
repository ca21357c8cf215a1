/**
 * The README's TypeScript example runs as written against the built package.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// Inside the package, so that `msgsim` resolves to this package as it would for a user's.
const dir = resolve('test/docs/.readme');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('README', () => {
  it('has a library example that runs and takes the time the formula says', () => {
    const readme = readFileSync('README.md', 'utf8');
    const example = /```ts\n([\s\S]*?)```/.exec(readme)![1]!;
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', example], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    const [time, ...reply] = result.stdout.trim().split(' ');
    expect(reply.join(' ')).toBe("{ echo: { hello: 'world' } }");
    // Request and reply travel as ["m", message] frames, plus the 40 B header; 2 ms of work between.
    const frameBytes = (message: unknown): number => JSON.stringify(['m', message]).length + 40;
    const request = frameBytes({ hello: 'world' });
    const answer = frameBytes({ echo: { hello: "world" } });
    const expected = (request * 8) / 10e6 + 0.01 + 0.002 + (answer * 8) / 10e6 + 0.01;
    expect(Number(time)).toBeCloseTo(expected, 12);
  });

  it('has a patterns example that runs: requests retried until answered, an event through a broker', () => {
    const readme = readFileSync('README.md', 'utf8');
    const example = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)][1]![1]!;
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', example], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).toBe('audit orders.eu.paid { id: 1 }');
    expect(lines[1]).toBe('squares [ 1, 4, 9 ]');
    const attempts = JSON.parse(/^transmissions per request (\[.*\])$/.exec(lines[2]!)![1]!.replace(/ /g, '')) as number[];
    // Each request was sent at least once and at most 1 + 5 retries; over 30% loss some needed more than one.
    expect(attempts.every((n) => n >= 1 && n <= 6)).toBe(true);
    expect(attempts.some((n) => n > 1)).toBe(true);
  });

  it('has a vitest test of createSimulation, of at most 15 lines, that passes as written', () => {
    const readme = readFileSync('README.md', 'utf8');
    const example = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]!).find((block) => block.includes('createSimulation'))!;
    expect(example.trimEnd().split('\n').length).toBeLessThanOrEqual(15);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'builder.test.ts'), example);
    writeFileSync(join(dir, 'vitest.config.mjs'), 'export default { test: { include: ["*.test.ts"] } };\n');
    const result = spawnSync(process.execPath, [resolve('node_modules/vitest/vitest.mjs'), 'run', '--root', dir], { encoding: 'utf8' });
    expect(result.status, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toMatch(/1 passed/);
  });

  it('has exactly two command lines in its Quickstart', () => {
    const readme = readFileSync('README.md', 'utf8');
    const quickstart = /## Quickstart\n\n```sh\n([\s\S]*?)```/.exec(readme)![1]!;
    expect(quickstart.trim().split('\n')).toEqual(['npm ci && npm start', 'npm test']);
  });
});
