/**
 * docs/emulation.md in step with what it shows: its reliable request/reply protocol is the
 * shipped module's code, word for word, and every comparison scenario it lists is shipped.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const guide = readFileSync('docs/emulation.md', 'utf8');

describe('docs/emulation.md', () => {
  it('shows the reliable request/reply protocol as scenarios/emulation/protocols/reliable-rpc.ts has it', () => {
    const module = readFileSync('scenarios/emulation/protocols/reliable-rpc.ts', 'utf8');
    const code = module.slice(module.indexOf('import '));
    const section = guide.slice(guide.indexOf('## The same protocol on all three'));
    const block = /```ts\n([\s\S]*?)```/.exec(section)![1];
    expect(block).toBe(code);
  });

  it('lists every shipped comparison scenario', () => {
    const shipped = readdirSync('scenarios/emulation').filter((name) => name.endsWith('.yaml')).map((name) => name.replace(/\.yaml$/, ''));
    expect(shipped.length).toBeGreaterThan(0);
    for (const name of shipped) expect(guide, name).toContain(`| \`${name}\` | `);
  });
});
