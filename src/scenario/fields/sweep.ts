/**
 * The `sweep` section of a scenario file: parameters to vary and replications per point.
 * Expanding it into points is sweep.ts's business.
 */
import * as z from 'zod';
import { expected, wholeNumber } from './values.js';

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
    replications: wholeNumber('a replication count (a whole number >= 1)', 1)
      .default(1)
      .meta({ description: 'Runs per point, with seeds derived from the scenario seed. Default 1.' }),
  })
  .meta({ description: 'Run the scenario over a grid of parameter values, with replications.' });
