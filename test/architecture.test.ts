/**
 * The layering of docs/architecture.md, enforced: imports point down the layers only, and
 * protocol-side code (messaging/, workload/) reaches the world through runtime/ alone.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Layers from the bottom up; a module may import from its own layer and those below. */
const LAYERS = ['engine', 'net', 'runtime', 'messaging', 'workload', 'stats', 'experiment', 'scenario', 'cli'];
/** Entry points that sit on top of everything. */
const TOP = ['bench', 'index.ts'];
/** Layers that must not see the simulator's internals, so the same code runs on a real runtime. */
const SEAM_ONLY: Record<string, string[]> = { messaging: ['engine', 'net'], workload: ['engine', 'net'] };

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

function layerOf(path: string): string {
  return relative('src', path).split('/')[0]!;
}

function rank(layer: string): number {
  return TOP.includes(layer) ? LAYERS.length : LAYERS.indexOf(layer);
}

describe('architecture', () => {
  const files = sourceFiles('src');

  it('puts every source file in a known layer', () => {
    for (const file of files) expect(rank(layerOf(file)), file).toBeGreaterThanOrEqual(0);
  });

  it('imports only from the same or lower layers', () => {
    const upward: string[] = [];
    for (const file of files) {
      const from = layerOf(file);
      for (const [, target] of readFileSync(file, 'utf8').matchAll(/from '(\.[^']+)'/g)) {
        const to = layerOf(join(file, '..', target!));
        if (rank(to) > rank(from)) upward.push(`${file} imports ${target} (${from} -> ${to})`);
        if (SEAM_ONLY[from]?.includes(to)) upward.push(`${file} imports ${target} (${from} must use runtime/ only)`);
      }
    }
    expect(upward).toEqual([]);
  });

  it('gives every source file a header comment saying what it owns', () => {
    for (const file of files) expect(readFileSync(file, 'utf8'), file).toMatch(/^(#!.*\n)?\/\*\*\n \* \S/);
  });
});
