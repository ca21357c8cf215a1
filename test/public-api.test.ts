/**
 * The public API: the names `msgsim`, `msgsim/testing`, `msgsim/real` and the library entries export are kept in
 * test/public-api/*.txt, so a change to them is deliberate (update with `npx vitest -u`),
 * and every one of them is documented where it is declared (a TSDoc comment right above).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';

interface Export {
  readonly name: string;
  /** The module that declares it, as a path under src/. */
  readonly module: string;
}

/** The names a module exports, with where each is declared (following re-exports). */
function exportsOf(module: string): Export[] {
  const text = readFileSync(module, 'utf8');
  const found: Export[] = [];
  for (const match of text.matchAll(/^export (?:type )?\{([^}]*)\} from '([^']+)';/gm)) {
    const target = join(dirname(module), match[2]!.replace(/\.js$/, '.ts'));
    for (const part of match[1]!.split(',')) {
      const name = part.trim().replace(/^type /, '').split(/\s+as\s+/).at(-1)!;
      if (name !== '') found.push(...declared(target, name));
    }
  }
  for (const match of text.matchAll(/^export (?:type )?\* from '([^']+)';/gm)) found.push(...exportsOf(join(dirname(module), match[1]!.replace(/\.js$/, '.ts'))));
  for (const match of text.matchAll(/^export (?:declare )?(?:abstract )?(?:async )?(?:class|function\*?|const|let|interface|type|enum) (\w+)/gm)) found.push({ name: match[1]!, module });
  return found;
}

/** Where `name`, exported by `module`, is declared: there, or further down a re-export. */
function declared(module: string, name: string): Export[] {
  const text = readFileSync(module, 'utf8');
  if (new RegExp(`^export (?:declare )?(?:abstract )?(?:async )?(?:class|function\\*?|const|let|interface|type|enum) ${name}\\b`, 'm').test(text)) return [{ name, module }];
  const inner = exportsOf(module).filter((entry) => entry.name === name);
  return inner.length > 0 ? inner : [{ name, module }];
}

/** Whether the declaration of `name` in `module` has a TSDoc comment right above it. */
function documented({ name, module }: Export): boolean {
  const lines = readFileSync(module, 'utf8').split('\n');
  const at = lines.findIndex((line) => new RegExp(`^export (?:declare )?(?:abstract )?(?:async )?(?:class|function\\*?|const|let|interface|type|enum) ${name}\\b`).test(line));
  if (at < 0) return false;
  return lines[at - 1]?.trimEnd().endsWith('*/') === true;
}

const ENTRY_POINTS = { msgsim: 'src/index.ts', 'msgsim/testing': 'src/testing/index.ts', 'msgsim/real': 'src/real.ts', 'msgsim/automerge': 'src/automerge.ts', 'msgsim/yjs': 'src/yjs.ts' } as const;

describe('public API', () => {
  for (const [entry, module] of Object.entries(ENTRY_POINTS)) {
    it(`${entry} exports the names its list keeps`, async () => {
      const names = [...new Set(exportsOf(module).map((entry) => entry.name))].sort();
      await expect(`${names.join('\n')}\n`).toMatchFileSnapshot(`public-api/${entry.replace('/', '-')}.txt`);
    });

    it(`${entry} documents every name it exports`, () => {
      const undocumented = exportsOf(module).filter((entry) => !documented(entry)).map((entry) => `${entry.name} (${entry.module})`);
      expect(undocumented).toEqual([]);
    });
  }

  it('exports at run time exactly the values its list names', async () => {
    const runtime = Object.keys(await import('../src/index.js')).sort();
    const listed = readFileSync('test/public-api/msgsim.txt', 'utf8').trim().split('\n');
    for (const name of runtime) expect(listed).toContain(name);
  });
});
