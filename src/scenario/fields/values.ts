/**
 * Building blocks of the scenario schema: names, quantities, durations, probabilities,
 * whole numbers and distributions, each with the one-line error message a user sees.
 */
import * as z from 'zod';
import type { Distribution } from '../../engine/distributions.js';
import { distributionPattern, parseDistribution } from '../distribution-syntax.js';
import { parseQuantity, quantityPattern, UNIT_EXAMPLES, unitsOf, type QuantityKind } from '../units.js';

/** Names of nodes, links, flows and scenarios: they appear in file names and CSV cells. */
export const NAME_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;

/** Shows a user's value in an error message. */
export function showValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === undefined) return 'nothing';
  if (typeof value === 'object' && value !== null) return Array.isArray(value) ? 'a list' : 'a mapping';
  return String(value);
}

/** An error message function: "missing; expected X" or "<value> is not X". */
export function expected(what: string) {
  return (issue: { input?: unknown }): string =>
    issue.input === undefined ? `missing; expected ${what}` : `${showValue(issue.input)} is not ${what}`;
}

/**
 * The longest name, in bytes: scenario names become folder names and flow names parts of
 * file names (`charts/<flow>.<metric>.svg`), and file systems allow 255 bytes a name.
 */
export const NAME_MAX_BYTES = 200;

/** A name of a node, link, flow or scenario. */
export const name = (what: string) => {
  const error = expected(`a ${what} name (letters, digits, _ . -)`);
  return z
    .string({ error })
    .regex(NAME_PATTERN, { error })
    .max(NAME_MAX_BYTES, { error: (issue) => `${showValue(String(issue.input).slice(0, 24) + '…')} is ${String(issue.input).length} characters long; a ${what} name has at most ${NAME_MAX_BYTES} (it becomes part of file names)` });
};

function notA(kind: QuantityKind) {
  return expected(`a ${kind} (e.g. "${UNIT_EXAMPLES[kind]}"; units: ${unitsOf(kind).join(' ')})`);
}

/** A quantity string converted to its base unit; `positive` rejects zero. */
export function quantity(kind: QuantityKind, options: { positive?: boolean; whole?: boolean } = {}) {
  return z
    .string({ error: notA(kind) })
    .regex(quantityPattern(kind), { error: notA(kind) })
    .transform((text, context) => {
      const value = parseQuantity(text, kind)!;
      if (options.positive === true && !(value > 0)) {
        context.issues.push({ code: 'custom', input: text, message: `${showValue(text)} must be greater than zero` });
        return z.NEVER;
      }
      if (options.whole === true && !Number.isInteger(value)) {
        context.issues.push({ code: 'custom', input: text, message: `${showValue(text)} is not a whole number of bytes` });
        return z.NEVER;
      }
      return value;
    });
}

/** A duration: a quantity such as "10ms", or the number 0. */
export const duration = z
  .union([z.literal(0), quantity('duration')], { error: notA('duration') })
  .meta({ description: 'A duration such as "10ms" (units: ns us ms s), or 0.' });

/** A probability from 0 to 1. */
export const probability = (what: string) => {
  const error = expected(`a ${what} (a number from 0 to 1)`);
  return z.number({ error }).min(0, { error }).max(1, { error });
};

/** A whole number from `minimum`. */
export const wholeNumber = (what: string, minimum: number, maximum = Number.MAX_SAFE_INTEGER) => {
  const error = expected(what);
  return z.number({ error }).int({ error }).min(minimum, { error }).max(maximum, { error });
};

/**
 * A distribution over quantities of a kind: "2ms" (constant), "exp(2ms)",
 * "uniform(1ms, 3ms)", "normal(2ms, 0.5ms)", "pareto(1ms, 2.5)" — or the number 0.
 */
export function distribution(kind: QuantityKind) {
  const error = expected(
    `a ${kind} or a distribution of ${kind}s (e.g. "${UNIT_EXAMPLES[kind]}", "exp(${UNIT_EXAMPLES[kind]})", "uniform(a, b)", "normal(mean, sd)", "pareto(scale, shape)")`,
  );
  return z
    .union([z.literal(0), z.string({ error }).regex(distributionPattern(kind), { error })], { error })
    .transform((value, context): Distribution => {
      if (value === 0) return { kind: 'constant', value: 0 };
      const parsed = parseDistribution(value, kind);
      if (typeof parsed === 'string') {
        context.issues.push({ code: 'custom', input: value, message: `${showValue(value)}: ${parsed}` });
        return z.NEVER;
      }
      if (kind === 'size' && parsed.kind === 'constant' && !Number.isInteger(parsed.value)) {
        context.issues.push({ code: 'custom', input: value, message: `${showValue(value)} is not a whole number of bytes` });
        return z.NEVER;
      }
      return parsed;
    });
}
