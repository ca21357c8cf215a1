/**
 * Shrinks that fast-check's own, field by field, cannot make, put around them for any kind
 * of case (a protocol's, a program's): candidates of the case's own tried first and after
 * fast-check's (such as a gap in the timeline closed, see case-shrink.ts), and last, when
 * fast-check has nothing left to try, every smaller case *under other seeds*. Removing one
 * part of a case (a frame, a node, a client) shifts every later draw of the random streams
 * it shared, so a smaller case often fails the same way only in another random world;
 * fast-check itself only removes parts under the same seed.
 *
 * Every such candidate is earlier or has fewer parts than the case it comes from, so
 * shrinking still ends. fast-check shrinks the candidates further without the context it keeps
 * for values it generated, which the draws allow (draw.ts). Candidates of fast-check's own
 * that make the very same case (it also shrinks draws the case does not use) are left out.
 */
import fc from 'fast-check';

/** How draws of one kind of case shrink beyond fast-check's own shrinks. */
export interface ShrinkPlan<D> {
  /** The case that draws make: candidates that make the same case are not run again. */
  readonly caseOf: (draws: D) => unknown;
  /** Candidates tried before fast-check's own, each a run. @default none */
  readonly first?: (draws: D) => readonly D[];
  /** Candidates tried after fast-check's own. @default none */
  readonly then?: (draws: D) => readonly D[];
  /** The cases with one part fewer, each tried under {@link OTHER_SEEDS} other seeds when nothing else shrinks. */
  readonly smaller: (draws: D) => Iterable<D>;
  /** The draws with every seed in them replaced by `step(seed)`. */
  readonly reseeded: (draws: D, step: (seed: number) => number) => D;
}

/** Other seeds under which each smaller case is tried when nothing else shrinks; each is a run. */
export const OTHER_SEEDS = 32;
/** Seeds are drawn in [0, SEED_RANGE). */
export const SEED_RANGE = 1_000_001;

/** A seed that does not shrink: no seed is simpler than another (other seeds are tried only for smaller cases). */
export function seedDraw(): fc.Arbitrary<number> {
  return fc.noShrink(fc.nat({ max: SEED_RANGE - 1 }));
}

/** The same case in other random worlds: its seeds stepped on, {@link OTHER_SEEDS} times. */
function otherSeeds<D>(draws: D, plan: ShrinkPlan<D>): D[] {
  return Array.from({ length: OTHER_SEEDS }, (_, i) => plan.reseeded(draws, (seed) => (seed + (i + 1) * 7919) % SEED_RANGE));
}

/** Values that fast-check has no context for: its own shrinker treats them as fresh. */
function fresh<D>(values: () => Iterable<D>): fc.Stream<fc.Value<D>> {
  return new fc.Stream(
    (function* () {
      for (const value of values()) yield new fc.Value(value, undefined);
    })(),
  );
}

/** `draws` with the shrinks of a plan around fast-check's own. */
class PlannedShrinks<D> extends fc.Arbitrary<D> {
  constructor(
    private readonly draws: fc.Arbitrary<D>,
    private readonly plan: ShrinkPlan<D>,
  ) {
    super();
  }

  override generate(random: fc.Random, biasFactor: number | undefined): fc.Value<D> {
    return this.draws.generate(random, biasFactor);
  }

  override canShrinkWithoutContext(value: unknown): value is D {
    return this.draws.canShrinkWithoutContext(value);
  }

  override shrink(value: D, context: unknown): fc.Stream<fc.Value<D>> {
    const key = this.keyOf(value);
    const plan = this.plan;
    return fresh(() => plan.first?.(value) ?? []).join(
      this.draws.shrink(value, context).filter((candidate) => this.keyOf(candidate.value) !== key),
      fresh(() => plan.then?.(value) ?? []),
      fresh(() => this.distinct(plan.smaller(value), key).flatMap((draws) => otherSeeds(draws, plan))),
    );
  }

  /** The case that draws make, as text to compare. */
  private keyOf(draws: D): string {
    return JSON.stringify(this.plan.caseOf(draws));
  }

  /** The candidates whose cases differ from one another and from the case with key `key`. */
  private distinct(candidates: Iterable<D>, key: string): D[] {
    const seen = new Set([key]);
    return [...candidates].filter((draws) => {
      const candidate = this.keyOf(draws);
      if (seen.has(candidate)) return false;
      seen.add(candidate);
      return true;
    });
  }
}

/** Draws that also shrink as `plan` says (see the module comment). */
export function withShrinks<D>(draws: fc.Arbitrary<D>, plan: ShrinkPlan<D>): fc.Arbitrary<D> {
  return new PlannedShrinks(draws, plan);
}

/** `items` without the one at `index`. */
export function without<T>(items: readonly T[], index: number): T[] {
  return [...items.slice(0, index), ...items.slice(index + 1)];
}
