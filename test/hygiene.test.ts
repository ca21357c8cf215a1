/**
 * Rules that keep runs deterministic and tests honest, checked on the source text.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function files(dir: string, extension: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? files(join(dir, entry.name), extension) : entry.name.endsWith(extension) ? [join(dir, entry.name)] : [],
  );
}

/** Matches in `paths` of `pattern`, as "file: line". */
function occurrences(paths: readonly string[], pattern: RegExp): string[] {
  return paths.flatMap((path) =>
    readFileSync(path, 'utf8')
      .split('\n')
      .filter((line) => pattern.test(line) && !line.trim().startsWith('*') && !line.trim().startsWith('//'))
      .map((line) => `${path}: ${line.trim()}`),
  );
}

describe('hygiene', () => {
  it('uses no wall clock, host timer or Math.random in simulation code', () => {
    // cli/, bench/ and emulation/ talk to the host; everything below them runs inside a
    // simulation, except the real runtime (runtime/real/), whose job is to run on host timers
    // and real sockets, and the virtual globals (runtime/virtual/), which stand in for them.
    const simulationCode = files('src', '.ts').filter((path) => !/src\/(cli|bench|emulation|runtime\/real|runtime\/virtual)\//.test(path));
    // A host timer is a call of the global setTimeout or setInterval; a node's own methods of
    // those names (node.setTimeout, on the virtual clock) are not.
    const forbidden = /Math\.random|Date\.now|new Date\(|performance\.now|process\.hrtime|(?<![.\w])(globalThis\.)?set(Timeout|Interval)\s*\((?!.*\)\s*:\s*\w+\s*\{\s*$)/;
    expect(occurrences(simulationCode, forbidden)).toEqual([]);
    // The pattern does catch a bare call.
    expect(forbidden.test('    setTimeout(() => resolve(), 10);')).toBe(true);
    expect(forbidden.test('  setTimeout(callback: () => unknown, ms: number): number {')).toBe(false);
  });

  it('has no focused, skipped or unfinished tests', () => {
    const tests = files('test', '.ts').filter((path) => !path.endsWith('hygiene.test.ts'));
    expect(occurrences(tests, /\b(it|test|describe)\.(only|skip|todo|skipIf|runIf)\b|\bx(it|describe)\(/)).toEqual([]);
  });
});
