/**
 * Probability distributions for delays, intervals and sizes: sampling from a random
 * stream, and the moments the formula checks need. Plain data ({ kind, … }) so scenarios can
 * describe them and results can print them.
 *
 *   constant(v)            always v
 *   exp(mean)              exponential
 *   uniform(min, max)      continuous uniform
 *   normal(mean, sd)       normal truncated at zero (resampled until ≥ 0)
 *   pareto(scale, shape)   Pareto type I: scale / U^(1/shape), support [scale, ∞)
 */
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import normalPdf from '@stdlib/stats-base-dists-normal-pdf';

/** Anything that gives uniform draws from [0, 1): a RandomStream, or a test double. */
export interface UniformSource {
  uniform(): number;
}

/** A distribution over non-negative numbers. */
export type Distribution =
  | { readonly kind: 'constant'; readonly value: number }
  | { readonly kind: 'exp'; readonly mean: number }
  | { readonly kind: 'uniform'; readonly min: number; readonly max: number }
  | { readonly kind: 'normal'; readonly mean: number; readonly sd: number }
  | { readonly kind: 'pareto'; readonly scale: number; readonly shape: number };

/** Draws one value. */
export function sample(distribution: Distribution, source: UniformSource): number {
  switch (distribution.kind) {
    case 'constant':
      return distribution.value;
    case 'exp':
      return -distribution.mean * Math.log(1 - source.uniform());
    case 'uniform':
      return distribution.min + (distribution.max - distribution.min) * source.uniform();
    case 'normal':
      return truncatedNormal(distribution.mean, distribution.sd, source);
    case 'pareto':
      return distribution.scale / Math.pow(1 - source.uniform(), 1 / distribution.shape);
  }
}

/** Normal(mean, sd) conditioned on ≥ 0, by Box–Muller with rejection. */
function truncatedNormal(mean: number, sd: number, source: UniformSource): number {
  if (sd === 0) return Math.max(0, mean);
  for (;;) {
    const u = 1 - source.uniform();
    const v = source.uniform();
    const value = mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    if (value >= 0) return value;
  }
}

/** The mean (Infinity for a Pareto with shape ≤ 1). */
export function meanOf(distribution: Distribution): number {
  switch (distribution.kind) {
    case 'constant':
      return distribution.value;
    case 'exp':
      return distribution.mean;
    case 'uniform':
      return (distribution.min + distribution.max) / 2;
    case 'normal': {
      const { mean, sd } = distribution;
      if (sd === 0) return Math.max(0, mean);
      const alpha = -mean / sd;
      return mean + (sd * normalDensity(alpha)) / (1 - normalCdf(alpha, 0, 1));
    }
    case 'pareto': {
      const { scale, shape } = distribution;
      return shape > 1 ? (shape * scale) / (shape - 1) : Infinity;
    }
  }
}

/** The second moment E[X²] (Infinity for a Pareto with shape ≤ 2). */
export function secondMomentOf(distribution: Distribution): number {
  switch (distribution.kind) {
    case 'constant':
      return distribution.value ** 2;
    case 'exp':
      return 2 * distribution.mean ** 2;
    case 'uniform': {
      const { min, max } = distribution;
      return (min * min + min * max + max * max) / 3;
    }
    case 'normal': {
      const { mean, sd } = distribution;
      if (sd === 0) return Math.max(0, mean) ** 2;
      const alpha = -mean / sd;
      const hazard = normalDensity(alpha) / (1 - normalCdf(alpha, 0, 1));
      const variance = sd * sd * (1 + alpha * hazard - hazard * hazard);
      return variance + meanOf(distribution) ** 2;
    }
    case 'pareto': {
      const { scale, shape } = distribution;
      return shape > 2 ? (shape * scale * scale) / (shape - 2) : Infinity;
    }
  }
}

/** P(X ≤ x). */
export function cdfOf(distribution: Distribution, x: number): number {
  switch (distribution.kind) {
    case 'constant':
      return x >= distribution.value ? 1 : 0;
    case 'exp':
      return x <= 0 ? 0 : 1 - Math.exp(-x / distribution.mean);
    case 'uniform': {
      const { min, max } = distribution;
      if (max === min) return x >= min ? 1 : 0;
      return x <= min ? 0 : x >= max ? 1 : (x - min) / (max - min);
    }
    case 'normal': {
      const { mean, sd } = distribution;
      if (x < 0) return 0;
      if (sd === 0) return x >= Math.max(0, mean) ? 1 : 0;
      const below = normalCdf(0, mean, sd);
      return (normalCdf(x, mean, sd) - below) / (1 - below);
    }
    case 'pareto': {
      const { scale, shape } = distribution;
      return x <= scale ? 0 : 1 - Math.pow(scale / x, shape);
    }
  }
}

/** How a distribution reads in a scenario file, with `format` for its quantities. */
export function describeDistribution(distribution: Distribution, format: (value: number) => string): string {
  switch (distribution.kind) {
    case 'constant':
      return format(distribution.value);
    case 'exp':
      return `exp(${format(distribution.mean)})`;
    case 'uniform':
      return `uniform(${format(distribution.min)}, ${format(distribution.max)})`;
    case 'normal':
      return `normal(${format(distribution.mean)}, ${format(distribution.sd)})`;
    case 'pareto':
      return `pareto(${format(distribution.scale)}, ${distribution.shape})`;
  }
}

/** Standard normal density. */
function normalDensity(x: number): number {
  return normalPdf(x, 0, 1);
}
