/**
 * The Gossip Glomers pack (scenarios/glomers/): each challenge's reference protocol passes
 * every check of its scenario, targets included, and the naive protocol shipped beside it
 * fails, on exactly the checks the pack's docs say it fails; and the efficient broadcasts
 * (3d, 3e) stay correct under partitions, as the challenges ask, if slower.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { NodeSetup } from '../../src/messaging/maelstrom/node.js';
import { loadExport } from '../../src/scenario/modules.js';
import { parseScenario } from '../../src/scenario/load.js';
import type { Scenario } from '../../src/scenario/scenario.js';
import { runScenario } from '../../src/scenario/simulation.js';
import { checkRun, allRows } from '../../src/stats/checks/index.js';

const DIR = 'scenarios/glomers';

/** Per scenario file: the naive protocol (module in protocols/, export) and the checks it fails. */
const NAIVE: Readonly<Record<string, { readonly module: string; readonly export?: string; readonly fails: readonly string[] }>> = {
  'echo.yaml': { module: 'echo.ts', export: 'naive', fails: ['availability'] },
  'broadcast-single.yaml': { module: 'broadcast-single.ts', export: 'naive', fails: ['lost', 'incomplete_final_reads'] },
  ...Object.fromEntries(
    ['line', 'grid', 'tree2', 'tree3', 'tree4', 'total'].map((topology) => [`broadcast-multi-${topology}.yaml`, { module: 'broadcast-single.ts', fails: ['lost', 'incomplete_final_reads', 'frames_sent'] }]),
  ),
  'broadcast-partition.yaml': { module: 'broadcast-flood.ts', fails: ['lost', 'incomplete_final_reads'] },
  'broadcast-efficient.yaml': { module: 'broadcast-reliable.ts', fails: ['stable_latency_read_p50', 'stable_latency_read_max', 'stable_latency_exact_p50', 'stable_latency_exact_max', 'frames_sent', 'msgs_per_op'] },
  'broadcast-efficient-2.yaml': { module: 'broadcast-direct.ts', fails: ['msgs_per_op'] },
  'unique-ids.yaml': { module: 'unique-ids.ts', export: 'naive', fails: ['duplicated_ids'] },
  'g-counter.yaml': { module: 'g-counter.ts', export: 'naive', fails: ['wrong_final_reads'] },
  'kafka.yaml': { module: 'kafka.ts', export: 'naive', fails: ['committed_offset_regressions'] },
};


/** The scenario `file` of the pack. */
function scenarioOf(file: string): Scenario {
  return parseScenario(readFileSync(`${DIR}/${file}`, 'utf8'), `${DIR}/${file}`);
}

/** The checks of a run of `scenario` (with `program` instead of its own, if given) that failed. */
async function failing(scenario: Scenario, program?: NodeSetup): Promise<string[]> {
  const record = await runScenario(scenario, program === undefined ? {} : { program });
  return allRows(checkRun(record))
    .filter((row) => !row.ok)
    .map((row) => row.metric);
}

describe('the Gossip Glomers pack', () => {
  it('has a naive protocol for every scenario', () => {
    const files = readdirSync(DIR).filter((name) => name.endsWith('.yaml'));
    expect(Object.keys(NAIVE).sort()).toEqual(files.sort());
  });

  for (const [file, naive] of Object.entries(NAIVE)) {
    it(`${file}: the reference passes, ${naive.module}${naive.export === undefined ? '' : ` (${naive.export})`} fails ${naive.fails.join(', ')}`, async () => {
      expect(await failing(scenarioOf(file))).toEqual([]);
      const program = (await loadExport({ module: `${process.cwd()}/${DIR}/protocols/${naive.module}`, export: naive.export ?? 'default' })) as NodeSetup;
      expect(await failing(scenarioOf(file), program)).toEqual(naive.fails);
    });
  }

  for (const file of ['broadcast-efficient.yaml', 'broadcast-efficient-2.yaml']) {
    it(`${file}: the reference loses nothing under partitions`, async () => {
      const scenario = scenarioOf(file);
      const halves = [scenario.program!.nodes.slice(0, 12), scenario.program!.nodes.slice(12)];
      const partitioned: Scenario = {
        ...scenario,
        faults: [
          { kind: 'partition', at: 3, groups: halves, oneWay: false },
          { kind: 'heal', at: 8 },
        ],
      };
      const failed = await failing(partitioned);
      // Values wait for the heal: latency targets fail, and the frame count's formula, which
      // holds only without faults (retries add frames); nothing else does.
      expect(failed.length).toBeGreaterThan(0);
      expect(failed.every((metric) => metric.startsWith('stable_latency_') || metric === 'frames_sent')).toBe(true);
      if (scenario.program!.workload!['frames'] !== undefined) expect(failed).toContain('frames_sent');
    });
  }
});
