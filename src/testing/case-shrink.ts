/**
 * How a protocol's case shrinks beyond fast-check's own shrinks (the plan shrinks.ts runs):
 *
 * - gaps of the timeline closed: every send and fault from some time on moved earlier at
 *   once. A failure that needs a fault just after a send would otherwise walk both back one
 *   step at a time, one run per step. The widest gap is tried first, the others only when
 *   nothing else shrinks;
 * - last, when fast-check has nothing left to try, a node, link, message or fault removed,
 *   under other seeds (see shrinks.ts for why).
 */
import type fc from 'fast-check';
import type { FaultDraw, SendDraw, TopologyDraws } from './arbitraries.js';
import { without, withShrinks } from './shrinks.js';

/** Everything a case is made from (see protocol-case.ts). */
export interface CaseDraws {
  readonly network: TopologyDraws;
  readonly script: readonly SendDraw[];
  readonly faults: readonly FaultDraw[];
  readonly seed: number;
  readonly explore: number | undefined;
}

/** What may not be removed: the fewest tree entries (nodes − 1) and messages a case has. */
export interface CaseMinimum {
  readonly treeEntries: number;
  readonly messages: number;
}

/**
 * The case with one gap in its timeline closed, for each gap, the widest first: every send
 * and fault from some time on moves earlier, all by the same amount, to the time of the
 * event before them (or to 0), so what they do to one another stays as it was.
 */
export function gapsClosed(draws: CaseDraws): CaseDraws[] {
  const times = [...new Set([0, ...draws.script.map((send) => send.at), ...draws.faults.map((fault) => fault.start)])].sort((x, y) => x - y);
  const gaps = times.slice(1).map((to, i) => ({ from: to, by: to - times[i]! }));
  gaps.sort((x, y) => y.by - x.by || x.from - y.from);
  return gaps.map(({ from, by }) => {
    const earlier = (t: number): number => (t >= from ? t - by : t);
    return {
      ...draws,
      script: draws.script.map((send) => ({ ...send, at: earlier(send.at) })),
      faults: draws.faults.map((fault) => ({ ...fault, start: earlier(fault.start) })),
    };
  });
}

/** The case with one part fewer, each way there is: nodes first, then links, messages, faults. */
export function* smallerCases(draws: CaseDraws, minimum: CaseMinimum): Generator<CaseDraws> {
  const { network, script, faults } = draws;
  if (network.tree.length > minimum.treeEntries) {
    for (let i = network.tree.length - 1; i >= 0; i--) yield { ...draws, network: { ...network, tree: without(network.tree, i) } };
  }
  for (let i = network.extra.length - 1; i >= 0; i--) yield { ...draws, network: { ...network, extra: without(network.extra, i) } };
  if (script.length > minimum.messages) {
    for (let i = script.length - 1; i >= 0; i--) yield { ...draws, script: without(script, i) };
  }
  for (let i = faults.length - 1; i >= 0; i--) yield { ...draws, faults: without(faults, i) };
}

/** Case draws that also shrink as this file describes; `caseOf` makes the case of draws. */
export function withCaseShrinks(draws: fc.Arbitrary<CaseDraws>, minimum: CaseMinimum, caseOf: (draws: CaseDraws) => unknown): fc.Arbitrary<CaseDraws> {
  return withShrinks(draws, {
    caseOf,
    // The widest gap first: one run, and it saves the many steps of moving two events back in turn.
    first: (value) => gapsClosed(value).slice(0, 1),
    then: (value) => gapsClosed(value).slice(1),
    smaller: (value) => smallerCases(value, minimum),
    reseeded: (value, step) => ({ ...value, seed: step(value.seed), explore: value.explore === undefined ? undefined : step(value.explore) }),
  });
}
