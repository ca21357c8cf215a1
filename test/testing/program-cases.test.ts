/**
 * programCase(): every generated case is a valid scenario within its bounds — Maelstrom's
 * full mesh by default, or a connected random topology; services linked to every program
 * node and never hit by a fault; every fault over, and the recovery wait run, before the
 * final reads — and shrinking goes to the simplest case there is.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scenarioFromData } from '../../src/scenario/load.js';
import { components } from '../../src/scenario/references.js';
import { parseQuantity } from '../../src/scenario/units.js';
import { programCase } from '../../src/testing/program-case.js';
import { programCaseSize, programScenarioData, type ProgramCase } from '../../src/testing/program-case-data.js';

const BROADCAST = { kind: 'broadcast', topology: 'total' } as const;

/** A duration string of a case, in seconds. */
function seconds(duration: string): number {
  return parseQuantity(duration, 'duration')!;
}

describe('programCase', () => {
  it("generates valid scenarios on Maelstrom's network: a full mesh of alike links, within the bounds, every fault over before the recovery wait", () => {
    const cases = programCase({ workload: BROADCAST, clients: { concurrency: [2, 4], rate: [3, 9], durationMicros: [200_000, 3_000_000], recoveryMicros: 1_500_000 } });
    fc.assert(
      fc.property(cases, (c) => {
        const scenario = scenarioFromData(programScenarioData(c), 'case.yaml');
        const n = scenario.nodes.length;
        expect(n).toBeGreaterThanOrEqual(1);
        expect(n).toBeLessThanOrEqual(5);
        expect(scenario.links).toHaveLength((n * (n - 1)) / 2);
        expect(new Set(scenario.links.map((link) => `${link.delaySeconds} ${link.bandwidthBitsPerSecond} ${link.loss}`)).size).toBeLessThanOrEqual(1);
        for (const link of scenario.links) expect(link.delaySeconds).toBeLessThanOrEqual(0.1);
        const clients = scenario.program!.clients;
        expect(clients.concurrency).toBeGreaterThanOrEqual(2);
        expect(clients.concurrency).toBeLessThanOrEqual(4);
        expect(Number.isInteger(clients.rate) && clients.rate >= 3 && clients.rate <= 9).toBe(true);
        expect(clients.durationSeconds).toBeGreaterThanOrEqual(0.2);
        expect(clients.durationSeconds).toBeLessThanOrEqual(3);
        expect(scenario.program!.workload).toMatchObject(BROADCAST);
        // Partitions only, by default; each healed, and the final reads wait 1.5 s after the last heal.
        expect(scenario.faults.every((fault) => fault.kind === 'partition' || fault.kind === 'heal')).toBe(true);
        expect(programCaseSize(c).faults).toBeLessThanOrEqual(2);
        const lastFault = Math.max(0, ...scenario.faults.map((fault) => fault.at));
        expect(clients.durationSeconds + clients.recoverySeconds).toBeCloseTo(Math.max(clients.durationSeconds, lastFault) + 1.5, 9);
      }),
      { numRuns: 300 },
    );
  });

  it('puts services beside the program, linked to every program node, and never crashes or partitions them away alone', () => {
    const cases = programCase({ workload: { kind: 'echo' }, services: ['lin-kv'], faults: { kinds: ['crash', 'partition', 'link-down'], maxFaults: 3 } });
    fc.assert(
      fc.property(cases, (c) => {
        const scenario = scenarioFromData(programScenarioData(c), 'case.yaml');
        const program = scenario.program!;
        expect(program.services).toEqual(['lin-kv']);
        expect(scenario.nodes.at(-1)).toBe('lin-kv');
        expect(program.nodes).toEqual(scenario.nodes.slice(0, -1));
        const served = scenario.links.filter((link) => link.between.includes('lin-kv')).map((link) => link.between[0]);
        expect(served).toEqual(program.nodes);
        for (const fault of scenario.faults) {
          if (fault.kind === 'crash' || fault.kind === 'restart') expect(fault.node).not.toBe('lin-kv');
          if (fault.kind === 'partition') expect(fault.groups.flat()).not.toContain('lin-kv');
          if (fault.kind === 'link-down' || fault.kind === 'link-up') expect(fault.link).not.toContain('lin-kv');
        }
      }),
      { numRuns: 200 },
    );
  });

  it('draws a connected random topology when asked, with at least two nodes', () => {
    fc.assert(
      fc.property(programCase({ workload: BROADCAST, network: { kind: 'random', topology: { maxNodes: 6 } } }), (c) => {
        const scenario = scenarioFromData(programScenarioData(c), 'case.yaml');
        expect(scenario.nodes.length).toBeGreaterThanOrEqual(2);
        expect(scenario.nodes.length).toBeLessThanOrEqual(6);
        expect(new Set(components(scenario.nodes, scenario.links)).size).toBe(1);
      }),
      { numRuns: 200 },
    );
  });

  it('shrinks a case that always fails to the simplest: the fewest nodes and clients, the lowest rate, the shortest phase and latency, no faults', () => {
    const cases = programCase({ workload: fc.record({ kind: fc.constant('broadcast'), topology: fc.constantFrom('line', 'grid', 'total') }), clients: { durationMicros: [300_000, 5_000_000] } });
    for (const seed of [1, 2, 3, 4, 5]) {
      const details = fc.check(fc.property(cases, () => false), { seed });
      const [c] = details.counterexample! as [ProgramCase];
      expect(programCaseSize(c)).toEqual({ nodes: 1, clients: 1, faults: 0 });
      expect(c.clients).toMatchObject({ rate: 1, duration: '300ms', recovery: '2s' });
      expect(c.workload).toEqual({ kind: 'broadcast', topology: 'line' });
      expect(c.links).toEqual([]);
    }
  });

  it('shrinks a case that needs two nodes, two clients and a partition to exactly those, on the fastest links', () => {
    const cases = programCase({ workload: BROADCAST });
    const needs = (c: ProgramCase): boolean => programCaseSize(c).nodes >= 2 && c.clients.concurrency >= 2 && programCaseSize(c).faults >= 1;
    for (const seed of [1, 2, 3, 4, 5]) {
      const details = fc.check(fc.property(cases, (c) => !needs(c)), { seed });
      const [c] = details.counterexample! as [ProgramCase];
      expect(programCaseSize(c)).toEqual({ nodes: 2, clients: 2, faults: 1 });
      expect(c.links).toEqual([{ between: ['n0', 'n1'], bandwidth: '1000Mbps', delay: '0s' }]);
      expect(c.faults).toEqual([
        { at: '0s', fault: 'partition', groups: [['n1']] },
        { at: '100us', fault: 'heal' },
      ]);
      expect(seconds(c.clients.duration)).toBe(0.1);
    }
  });
});
