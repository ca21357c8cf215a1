/**
 * Shrinks of a case that fast-check's own, field by field, cannot make, added around them:
 *
 * - gaps of the timeline closed: every send and fault from some time on moved earlier at
 *   once. A failure that needs a fault just after a send would otherwise walk both back one
 *   step at a time, one run per step. The widest gap is tried first, the others only when
 *   nothing else shrinks;
 * - last, when fast-check has nothing left to try, a node, link, message or fault removed
 *   *under another seed*. Removing one frame shifts every later draw of the random streams it
 *   shared (a link's losses, say), so a smaller case often fails the same way only in another
 *   random world; fast-check itself only removes parts under the same seed.
 *
 * Every such candidate is earlier or has fewer parts than the case it comes from, so
 * shrinking still ends. fast-check shrinks the candidates further without the context it keeps
 * for values it generated, which the draws allow (draw.ts). Candidates of fast-check's own
 * that make the very same case (it also shrinks draws the case does not use) are left out.
 */
import fc from 'fast-check';
import type { FaultDraw, SendDraw, TopologyDraws } from './arbitraries.js';

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

/** Other seeds under which each smaller case is tried when nothing else shrinks; each is a run. */
const OTHER_SEEDS = 32;
/** Seeds are drawn in [0, SEED_RANGE). */
export const SEED_RANGE = 1_000_001;

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

/** `items` without the one at `index`. */
function without<T>(items: readonly T[], index: number): T[] {
  return [...items.slice(0, index), ...items.slice(index + 1)];
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

/** The same case in other random worlds: the seed (and the exploration seed) stepped on. */
function otherSeeds(draws: CaseDraws): CaseDraws[] {
  const step = (seed: number, k: number): number => (seed + k * 7919) % SEED_RANGE;
  return Array.from({ length: OTHER_SEEDS }, (_, i) => ({
    ...draws,
    seed: step(draws.seed, i + 1),
    explore: draws.explore === undefined ? undefined : step(draws.explore, i + 1),
  }));
}

/** Values that fast-check has no context for: its own shrinker treats them as fresh. */
function fresh(values: () => Iterable<CaseDraws>): fc.Stream<fc.Value<CaseDraws>> {
  return new fc.Stream(
    (function* () {
      for (const value of values()) yield new fc.Value(value, undefined);
    })(),
  );
}

/** `draws` with the shrinks above around fast-check's own. */
class CaseShrinks extends fc.Arbitrary<CaseDraws> {
  constructor(
    private readonly draws: fc.Arbitrary<CaseDraws>,
    private readonly minimum: CaseMinimum,
    private readonly caseOf: (draws: CaseDraws) => unknown,
  ) {
    super();
  }

  override generate(random: fc.Random, biasFactor: number | undefined): fc.Value<CaseDraws> {
    return this.draws.generate(random, biasFactor);
  }

  override canShrinkWithoutContext(value: unknown): value is CaseDraws {
    return this.draws.canShrinkWithoutContext(value);
  }

  override shrink(value: CaseDraws, context: unknown): fc.Stream<fc.Value<CaseDraws>> {
    const key = this.keyOf(value);
    // The widest gap first: one run, and it saves the many steps of moving two events back in turn.
    const [widest, ...others] = gapsClosed(value);
    return fresh(() => (widest === undefined ? [] : [widest])).join(
      this.draws.shrink(value, context).filter((candidate) => this.keyOf(candidate.value) !== key),
      fresh(() => others),
      fresh(() => this.distinct(smallerCases(value, this.minimum), key).flatMap(otherSeeds)),
    );
  }

  /**
   * The case that draws make, as text to compare. fast-check also shrinks draws that the case
   * does not use (the links of removed nodes, say): running the same case again would only
   * cost, so such candidates are left out.
   */
  private keyOf(draws: CaseDraws): string {
    return JSON.stringify(this.caseOf(draws));
  }

  /** The candidates whose cases differ from one another and from the case with key `key`. */
  private distinct(candidates: Iterable<CaseDraws>, key: string): CaseDraws[] {
    const seen = new Set([key]);
    return [...candidates].filter((draws) => {
      const candidate = this.keyOf(draws);
      if (seen.has(candidate)) return false;
      seen.add(candidate);
      return true;
    });
  }
}

/** Case draws that also shrink as this file describes; `caseOf` makes the case of draws. */
export function withCaseShrinks(draws: fc.Arbitrary<CaseDraws>, minimum: CaseMinimum, caseOf: (draws: CaseDraws) => unknown): fc.Arbitrary<CaseDraws> {
  return new CaseShrinks(draws, minimum, caseOf);
}
