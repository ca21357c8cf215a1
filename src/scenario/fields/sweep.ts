/**
 * The `sweep` section of a scenario file: parameters to vary and replications per point.
 * Expanding it into points is sweep.ts's business.
 */
import * as z from 'zod';
import { duration, expected, name, wholeNumber } from './values.js';

const halfWidthError = expected('a half-width: a number > 0 (in the metric\'s units) or a percentage of the mean such as "1%"');

/** A CI half-width: absolute (a number) or relative to the mean ("1%"). */
const halfWidth = z
  .union(
    [
      z.number({ error: halfWidthError }).positive({ error: halfWidthError }).transform((value) => ({ value, relative: false })),
      z
        .string({ error: halfWidthError })
        .regex(/^[0-9]+(\.[0-9]+)?%$/, { error: halfWidthError })
        .transform((text) => ({ value: Number(text.slice(0, -1)) / 100, relative: true }))
        .refine((h) => h.value > 0, { error: halfWidthError }),
    ],
    { error: halfWidthError },
  )
  .meta({ description: 'Target half-width of the 95% interval: a number (the metric\'s units) or a percentage of the mean ("1%").' });

/** Most replications per point (and most a stopping rule may reach). */
export const MAX_REPLICATIONS = 10_000;

/**
 * Most runs one sweep may plan (points × replications, or × max_replications with a
 * stopping rule): each is validated before the first one runs and stored as a file.
 */
export const MAX_SWEEP_RUNS = 100_000;

const values = z.array(z.unknown(), { error: expected('a list of values') }).min(1, { error: 'expected at least one value' });

/** The `sweep` section as a scenario file writes it. */
export const sweepSchema = z
  .strictObject({
    grid: z
      .record(z.string(), values, { error: expected('a mapping from parameter paths to lists of values') })
      .default({})
      .meta({ description: 'Parameters to vary over every combination: path (e.g. "links[0].loss") -> list of values.' }),
    zip: z
      .record(z.string(), values, { error: expected('a mapping from parameter paths to lists of values') })
      .default({})
      .meta({ description: 'Parameters varied together (lists of equal length), combined with every grid point.' }),
    replications: wholeNumber(`a replication count (a whole number from 1 to ${MAX_REPLICATIONS.toLocaleString('en-US')})`, 1, MAX_REPLICATIONS)
      .default(1)
      .meta({ description: 'Runs per point, with seeds derived from the scenario seed (with until_ci: the first batch). Default 1.' }),
    warmup: duration.default(0).meta({ description: 'Measure only messages sent from this time on. Default 0.' }),
    until_ci: z
      .strictObject({
        metric: z.string({ error: expected('a metric name, e.g. delay_mean') }).min(1).meta({ description: 'The metric whose interval decides, e.g. delay_mean.' }),
        flow: name('flow').optional().meta({ description: 'Its flow. Default: the first flow.' }),
        half_width: halfWidth,
        max_replications: wholeNumber(`a replication count (a whole number from 2 to ${MAX_REPLICATIONS.toLocaleString('en-US')})`, 2, MAX_REPLICATIONS)
          .default(100)
          .meta({ description: 'Stop adding replications here in any case. Default 100.' }),
      })
      .optional()
      .meta({ description: 'Add replications to each point, a batch of `replications` at a time, until the 95% interval of the metric is this narrow.' }),
  })
  .meta({ description: 'Run the scenario over a grid of parameter values, with replications.' });
