/**
 * docs/libraries.md in step with what it shows: the Automerge and Yjs programs and the
 * Automerge property test are the shipped files' code, word for word, and every scenario it
 * names is shipped.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const guide = readFileSync('docs/libraries.md', 'utf8');

/** The code block of the section headed `heading`, that starts with `start`. */
function block(heading: string): string {
  const section = guide.slice(guide.indexOf(`### ${heading}`));
  return /```ts\n([\s\S]*?)```/.exec(section)![1]!;
}

describe('docs/libraries.md', () => {
  it('shows the Automerge g-set program as scenarios/libraries/automerge-set.ts has it', () => {
    const module = readFileSync('scenarios/libraries/automerge-set.ts', 'utf8');
    expect(block('A grow-only set in one document')).toBe(module.slice(module.indexOf('// msgsim/automerge first')));
  });

  it('shows the Yjs g-set program as scenarios/libraries/yjs-set.ts has it', () => {
    const module = readFileSync('scenarios/libraries/yjs-set.ts', 'utf8');
    expect(block('A grow-only set in one Yjs document')).toBe(module.slice(module.indexOf('// msgsim/yjs first')));
  });

  it('shows the property test as test/libraries/automerge-properties.test.ts has it', () => {
    const test = readFileSync('test/libraries/automerge-properties.test.ts', 'utf8');
    expect(block('Property-test it in vitest')).toBe(test.slice(test.indexOf('import ')));
  });

  it('names only scenarios that are shipped', () => {
    const named = [...guide.matchAll(/scenarios\/libraries\/[\w-]+\.(?:yaml|ts)/g)].map((match) => match[0]);
    expect(named.length).toBeGreaterThan(0);
    for (const path of named) expect(existsSync(path), path).toBe(true);
  });
});
