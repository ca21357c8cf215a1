/**
 * The README's TypeScript example runs as written against the built package.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

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

  it('has exactly two command lines in its Quickstart', () => {
    const readme = readFileSync('README.md', 'utf8');
    const quickstart = /## Quickstart\n\n```sh\n([\s\S]*?)```/.exec(readme)![1]!;
    expect(quickstart.trim().split('\n')).toEqual(['npm ci && npm start', 'npm test']);
  });
});
