/**
 * The layering of docs/architecture.md, enforced: imports point down the layers only, and
 * protocol-side code (messaging/, workload/) reaches the world through runtime/ alone.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Layers from the bottom up; a module may import from its own layer and those below. */
const LAYERS = ['engine', 'net', 'runtime', 'messaging', 'libraries', 'workload', 'trace', 'stats', 'experiment', 'scenario', 'sweep', 'emulation', 'testing', 'cli'];
/** Entry points that sit on top of everything. */
const TOP = ['bench', 'index.ts', 'internal.ts', 'real.ts', 'automerge.ts', 'yjs.ts'];
/**
 * Protocol-side layers must not see the simulator (its clock, queue or network), so the same
 * code runs on a real runtime; plain math from engine/ (distributions, random streams) is fine.
 */
const SIMULATOR_MODULES = ['src/engine/simulator.ts', 'src/engine/event-queue.ts', 'src/engine/event-heap.ts', 'src/engine/ladder-queue.ts'];
const SEAM_ONLY = new Set(['messaging', 'libraries', 'workload']);
/** The messaging core sees nothing of the engine at all: only runtime/'s seam. */
const NO_ENGINE = new Set(['messaging', 'libraries']);

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
        const path = join(file, '..', target!).replace(/\.js$/, '.ts');
        const to = layerOf(path);
        if (rank(to) > rank(from)) upward.push(`${file} imports ${target} (${from} -> ${to})`);
        if (SEAM_ONLY.has(from) && (to === 'net' || SIMULATOR_MODULES.includes(path))) {
          upward.push(`${file} imports ${target} (${from} must reach the world through runtime/ only)`);
        }
        if (NO_ENGINE.has(from) && to === 'engine') upward.push(`${file} imports ${target} (${from} imports nothing from engine/)`);
        if (from === 'messaging' && to === 'runtime' && !path.endsWith('runtime/seam.ts')) {
          upward.push(`${file} imports ${target} (messaging/ sees runtime/ only through the seam)`);
        }
      }
    }
    expect(upward).toEqual([]);
  });

  it('gives every source file a header comment saying what it owns', () => {
    for (const file of files) expect(readFileSync(file, 'utf8'), file).toMatch(/^(#!.*\n)?\/\*\*\n \* \S/);
  });
});
