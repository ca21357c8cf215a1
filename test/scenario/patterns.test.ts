/**
 * A pattern is one module: no other module tells patterns apart by name, and the README's
 * flows reference says of each built-in what its definition says.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { patterns } from '../../src/scenario/patterns/index.js';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

describe('patterns', () => {
  it('are told apart by name nowhere but in their own modules', () => {
    const names = patterns().map((pattern) => pattern.name);
    const quoted = names.map((name) => `'${name}'`).join('|');
    // A comparison or a switch on a flow's pattern, or a case of a pattern's name. The
    // ledger's `pattern` column (`ledger.pattern[row]`) is another thing: the messaging
    // primitive that opened a row; a registered pattern's rows carry the codes of the
    // primitives it sends with.
    const switching = new RegExp(`\\.pattern\\s*[!=]==|switch \\(\\w+\\.pattern\\)|case (${quoted}):`);
    const found = sourceFiles('src')
      .filter((file) => !file.startsWith(join('src', 'scenario', 'patterns')))
      .flatMap((file) => readFileSync(file, 'utf8').split('\n').map((line, i) => ({ file, line: i + 1, text: line.trim() })))
      .filter(({ text }) => switching.test(text))
      .map(({ file, line, text }) => `${file}:${line}: ${text}`);
    expect(found).toEqual([]);
  });

  it('are described in the README as their definitions describe them', () => {
    const readme = readFileSync('README.md', 'utf8');
    const table = /\| pattern \| keys \| what it does \|\n\| --- \| --- \| --- \|\n((?:\|.*\|\n)+)/.exec(readme)![1]!;
    const written = table.trimEnd().split('\n');
    const described = patterns().map((pattern) => `| \`${pattern.name}\` | ${pattern.reference.keys} | ${pattern.reference.does} |`);
    expect(written).toEqual(described);
    const names = patterns().map((pattern) => `\`${pattern.name}\``);
    expect(readme).toContain(`| \`pattern\` | ${names.slice(0, -1).join(', ')} or ${names.at(-1)} | required | What the flow does. |`);
  });
});
