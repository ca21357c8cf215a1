/**
 * Distributions as scenario files write them: a plain quantity ("2ms", a constant) or
 * exp(mean), uniform(min, max), normal(mean, sd), pareto(scale, shape), whose arguments are
 * quantities of one kind (pareto's shape is a plain number).
 */
import type { Distribution } from '../engine/distributions.js';
import { parseQuantity, unitsOf, type QuantityKind } from './units.js';

const NUMBER = '[0-9]+(?:\\.[0-9]+)?';

function quantitySource(kind: QuantityKind): string {
  return `${NUMBER} ?(?:${unitsOf(kind).join('|')})`;
}

/** A regular expression for distributions over quantities of a kind (also in the JSON Schema). */
export function distributionPattern(kind: QuantityKind): RegExp {
  const q = quantitySource(kind);
  const sep = ', ?';
  return new RegExp(`^(?:${q}|exp\\(${q}\\)|uniform\\(${q}${sep}${q}\\)|normal\\(${q}${sep}${q}\\)|pareto\\(${q}${sep}${NUMBER}\\))$`);
}

/** Parses a distribution; returns an error message instead when the arguments make no sense. */
export function parseDistribution(text: string, kind: QuantityKind): Distribution | string {
  const call = /^(exp|uniform|normal|pareto)\((.*)\)$/.exec(text);
  if (call === null) return { kind: 'constant', value: parseQuantity(text, kind)! };
  const [, name, inner] = call;
  const args = inner!.split(',').map((part) => part.trim());
  const q = (i: number): number => parseQuantity(args[i]!, kind)!;
  switch (name) {
    case 'exp':
      return q(0) > 0 ? { kind: 'exp', mean: q(0) } : 'exp(mean) needs a mean greater than zero';
    case 'uniform':
      return q(0) <= q(1) ? { kind: 'uniform', min: q(0), max: q(1) } : 'uniform(min, max) needs min <= max';
    case 'normal':
      return { kind: 'normal', mean: q(0), sd: q(1) };
    default: {
      const shape = Number(args[1]);
      return q(0) > 0 && shape > 0 ? { kind: 'pareto', scale: q(0), shape } : 'pareto(scale, shape) needs scale and shape greater than zero';
    }
  }
}
