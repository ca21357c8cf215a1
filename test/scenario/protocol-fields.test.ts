/**
 * The protocol fields of a scenario (protocol, script, invariants, explore): read into base
 * units with module paths resolved, and every misuse reported at its field.
 */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ScenarioError } from '../../src/scenario/errors.js';
import { parseScenario } from '../../src/scenario/load.js';
import { loadInvariants, loadProtocol, ModuleLoadError } from '../../src/scenario/modules.js';
import { BUILTIN_INVARIANTS } from '../../src/trace/invariants.js';

const base = `name: p
nodes: [a, b]
links:
  - { between: [a, b], bandwidth: 1Mbps, delay: 1ms }
`;

function problem(text: string): string {
  try {
    parseScenario(text, 'dir/p.yaml');
  } catch (error) {
    if (error instanceof ScenarioError) return error.message;
    throw error;
  }
  throw new Error('expected a ScenarioError');
}

describe('protocol scenarios', () => {
  it('reads protocol, script, invariants and explore, resolving modules next to the file', () => {
    const scenario = parseScenario(
      `${base}protocol: { module: ./impl.ts, export: mine }
script:
  - { at: 1.5ms, from: a, to: b }
  - { at: 0, from: b, to: a, request: true }
invariants: [delivered, fifo, { module: ../inv.js, export: custom }]
explore: { seed: 9, timer_noise: 2ms }
`,
      'dir/p.yaml',
    );
    expect(scenario.protocol).toEqual({ module: resolve('dir/impl.ts'), export: 'mine' });
    expect(scenario.script).toEqual([
      { at: 0.0015, from: 'a', to: 'b' },
      { at: 0, from: 'b', to: 'a', request: true },
    ]);
    expect(scenario.invariants).toEqual(['delivered', 'fifo', { module: resolve('inv.js'), export: 'custom' }]);
    expect(scenario.exploration).toEqual({ seed: 9, timerNoiseSeconds: 0.002 });
  });

  it('reports a script or invariants without a protocol, a protocol with flows, and unknown script nodes', () => {
    expect(problem(`${base}script: [{ at: 0, from: a, to: b }]\n`)).toMatch(/^dir\/p\.yaml:\d+: script: a script drives a protocol; add protocol/);
    expect(problem(`${base}invariants: [fifo]\n`)).toMatch(/invariants: invariants read what a protocol delivers/);
    expect(problem(`${base}protocol: { module: x.ts }\nflows: [{ name: f, pattern: p2p, from: a, to: b, count: 1, size: 10B, interval: 1ms }]\n`)).toMatch(
      /flows: a scenario with a protocol is driven by its script, not by flows/,
    );
    expect(problem(`${base}protocol: { module: x.ts }\nscript: [{ at: 0, from: a, to: c }]\n`)).toMatch(/script\[0\]\.to: unknown node "c"/);
    expect(problem(`${base}protocol: { module: x.ts }\ninvariants: [eventually]\n`)).toMatch(/invariants\[0\]: .*delivered, no_duplicates, fifo/);
  });

  it('loads protocols and invariants from modules, and says what is wrong with a bad reference', async () => {
    const here = resolve('test/protocols/retransmit.ts');
    expect(typeof (await loadProtocol({ module: here, export: 'atLeastOnceDeduplicated' }))).toBe('function');
    expect(await loadInvariants(['delivered', 'fifo'])).toEqual([BUILTIN_INVARIANTS.get('delivered'), BUILTIN_INVARIANTS.get('fifo')]);
    await expect(loadProtocol({ module: here, export: 'nope' })).rejects.toThrow(/has no export "nope" \(exports: .*atLeastOnceDeduplicated/);
    await expect(loadProtocol({ module: resolve('missing.ts'), export: 'x' })).rejects.toBeInstanceOf(ModuleLoadError);
    await expect(loadInvariants([{ module: here, export: 'atLeastOnceDeduplicated' }])).rejects.toThrow(/is not an invariant/);
  });
});
