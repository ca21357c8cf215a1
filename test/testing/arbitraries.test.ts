/**
 * The arbitraries: every generated case is a valid scenario within its bounds, topologies
 * are connected, faults end; and shrinking goes to the simplest case there is.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scenarioFromData } from '../../src/scenario/load.js';
import { parseQuantity } from '../../src/scenario/units.js';
import { components } from '../../src/scenario/references.js';
import { faultTimeline, topology } from '../../src/testing/arbitraries.js';
import { linkParams } from '../../src/testing/links.js';
import { protocolCase } from '../../src/testing/protocol-case.js';
import { caseSize, micros, type ProtocolCase } from '../../src/testing/case.js';
import { caseScenarioData } from '../../src/testing/simulate.js';

/** A duration string of a case in whole microseconds. */
function micro(duration: string): number {
  return Math.round(parseQuantity(duration, 'duration')! * 1e6);
}

/** A well-mixed hash of two whole numbers (a stand-in for a run's random draws). */
function mix(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x7f4a7c15, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 16), 0x27d4eb2f);
  return (h ^ (h >>> 15)) >>> 0;
}

/** fast-check seeds of the shrinking tests: shrinking is tried from several failures, not one. */
const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

describe('arbitraries', () => {
  it('generate valid scenarios within their bounds, on connected networks, with every fault over by the horizon', () => {
    fc.assert(
      fc.property(protocolCase({ topology: { maxNodes: 6 }, script: { maxMessages: 7 }, faults: { maxFaults: 3 } }), (c) => {
        const scenario = scenarioFromData(caseScenarioData(c), 'case.yaml');
        expect(scenario.nodes.length).toBeGreaterThanOrEqual(2);
        expect(scenario.nodes.length).toBeLessThanOrEqual(6);
        expect(new Set(components(scenario.nodes, scenario.links)).size).toBe(1);
        expect(scenario.script.length).toBeGreaterThanOrEqual(1);
        expect(scenario.script.length).toBeLessThanOrEqual(7);
        for (const op of scenario.script) {
          expect(op.from).not.toBe(op.to);
          expect(op.at).toBeLessThan(0.5);
        }
        expect(caseSize(c).faults).toBeLessThanOrEqual(3);
        for (const link of scenario.links) {
          expect(link.loss).toBeLessThanOrEqual(0.2);
          expect(link.delaySeconds).toBeGreaterThanOrEqual(0.0001);
          expect(link.delaySeconds).toBeLessThanOrEqual(0.02);
        }
        // Each fault is undone (heal, restart, link-up, degrade back) no later than 0.8 s.
        const starts = scenario.faults.filter((f) => f.kind === 'partition' || f.kind === 'crash' || f.kind === 'link-down').length;
        const ends = scenario.faults.filter((f) => f.kind === 'heal' || f.kind === 'restart' || f.kind === 'link-up').length;
        expect(ends).toBe(starts);
        for (const fault of scenario.faults) expect(fault.at).toBeLessThanOrEqual(0.8);
      }),
      { numRuns: 300 },
    );
  });

  it('shrink a case that fails whatever it is to the simplest one: 2 nodes, 1 plain link, 1 message at t=0, no faults', () => {
    const details = fc.check(fc.property(protocolCase(), () => false));
    const c = details.counterexample![0] as ProtocolCase;
    expect(c.nodes).toEqual(['n0', 'n1']);
    expect(c.links).toEqual([{ between: ['n0', 'n1'], bandwidth: '100Mbps', delay: '100us' }]);
    expect(c.script).toEqual([{ at: '0s', from: 'n0', to: 'n1' }]);
    expect(c.faults).toEqual([]);
  });

  it('shrink toward fewer faults and fewer messages while the failure needs them', () => {
    // Fails when some crash overlaps a message: the smallest such case has one of each.
    const needsCrash = protocolCase({ faults: { kinds: ['crash'] } }).filter((c) => c.faults.length > 0);
    const details = fc.check(fc.property(needsCrash, (c) => !(c.faults.some((f) => f.fault === 'crash') && c.script.length >= 2)));
    const c = details.counterexample![0] as ProtocolCase;
    expect(caseSize(c)).toEqual({ nodes: 2, links: 1, messages: 2, faults: 1 });
  });

  it('shrink nodes and links away after the messages and faults that make a case fail, and move its timeline to 0 at once', () => {
    // Fails when a message goes out within 100 µs after a fault starts: a coincidence that a
    // case drawn afresh hardly ever has, so only shrinks that keep the times can keep it.
    const justAfterFault = (c: ProtocolCase): boolean =>
      c.script.some((send) => c.faults.some((f) => f.fault !== 'heal' && micro(send.at) >= micro(f.at) && micro(send.at) <= micro(f.at) + 100));
    const cases = protocolCase({ topology: { maxNodes: 6 }, faults: { kinds: ['crash', 'partition'] } }).filter(justAfterFault);
    for (const seed of SEEDS) {
      const details = fc.check(fc.property(cases, (c) => !justAfterFault(c)), { seed });
      const c = details.counterexample![0] as ProtocolCase;
      expect(caseSize(c), `seed ${seed}`).toEqual({ nodes: 2, links: 1, messages: 1, faults: 1 });
      expect([c.script[0]!.at, c.faults[0]!.at], `seed ${seed}`).toEqual(['0s', '0s']);
      // Moving fault and message back together, not 100 µs at a time each.
      expect(details.numShrinks, `seed ${seed}`).toBeLessThan(100);
    }
  });

  it('try other seeds for a smaller case when the failure depends on the random draws as well', () => {
    // Fails in about a third of the random worlds, whatever the size: a loss-driven failure.
    const unlucky = (c: ProtocolCase): boolean => mix(c.seed, c.script.length * 31 + c.nodes.length) % 3 === 0;
    for (const seed of SEEDS) {
      const details = fc.check(fc.property(protocolCase({ faults: { maxFaults: 0 } }), (c) => !unlucky(c)), { seed });
      const c = details.counterexample![0] as ProtocolCase;
      expect(caseSize(c), `seed ${seed}`).toMatchObject({ nodes: 2, messages: 1 });
    }
  });

  it('build the pieces on their own: links, topologies, fault timelines', () => {
    const [link] = fc.sample(linkParams({ maxJitterMicros: 1000, reorder: true, maxDuplicate: 0.1, maxLoss: 0 }), { numRuns: 1, seed: 1 });
    expect(link!.bandwidth).toMatch(/^\d+Mbps$/);
    expect(link!.loss).toBeUndefined();
    const [net] = fc.sample(topology({ minNodes: 4, maxNodes: 4 }), { numRuns: 1, seed: 2 });
    expect(net!.nodes).toEqual(['n0', 'n1', 'n2', 'n3']);
    expect(net!.links.length).toBeGreaterThanOrEqual(3);
    const [faults] = fc.sample(faultTimeline(net!, { kinds: ['partition'], maxFaults: 1 }).filter((f) => f.length > 0), { numRuns: 1, seed: 3 });
    expect(faults!.map((f) => f.fault)).toEqual(['partition', 'heal']);
    expect(micros(5_000_000)).toBe('5s');
    expect(micros(77_900)).toBe('77.9ms');
    expect(micros(250)).toBe('250us');
  });
});
