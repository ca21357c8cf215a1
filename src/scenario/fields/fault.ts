/**
 * The `faults` timeline of a scenario: what breaks, heals or drifts, and when.
 */
import * as z from 'zod';
import { parseQuantity } from '../units.js';
import { lossField } from './link.js';
import { duration, expected, name, quantity } from './values.js';

const at = duration.meta({ description: 'When the fault happens (virtual time).' });
const fault = <K extends string>(value: K, description: string) => z.literal(value).meta({ description });

const signedDuration = z
  .string({ error: expected('a duration, possibly negative (e.g. "5ms", "-2ms")') })
  .regex(/^-?[0-9]+(\.[0-9]+)? ?(ns|us|ms|s)$/, { error: expected('a duration, possibly negative (e.g. "5ms", "-2ms")') })
  .transform((text) => (text.startsWith('-') ? -parseQuantity(text.slice(1), 'duration')! : parseQuantity(text, 'duration')!));

/** One fault on the timeline, by kind. */
export const faultSchema = z.discriminatedUnion(
  'fault',
  [
    z.strictObject({
      at,
      fault: fault('partition', 'Cut the links between groups of nodes (replaces any partition).'),
      groups: z
        .array(z.array(name('node'), { error: expected('a list of node names') }), { error: expected('a list of node groups, e.g. [[a, b], [c]]') })
        .min(1, { error: 'expected at least one group' })
        .meta({ description: 'Groups of nodes; nodes in no group form one more group.' }),
      one_way: z
        .boolean({ error: expected('true or false') })
        .default(false)
        .meta({ description: 'If true, an earlier group cannot reach a later one, but the later reaches the earlier.' }),
    }),
    z.strictObject({ at, fault: fault('heal', 'End the partition.') }),
    z.strictObject({ at, fault: fault('link-down', 'Take a link down.'), link: name('link') }),
    z.strictObject({ at, fault: fault('link-up', 'Bring a link back up.'), link: name('link') }),
    z.strictObject({ at, fault: fault('hold', "Hold a link's traffic: frames wait at its far end until it is released."), link: name('link') }),
    z.strictObject({ at, fault: fault('release', "Release a held link: the frames waiting on it arrive, in order."), link: name('link') }),
    z.strictObject({ at, fault: fault('crash', 'Crash a node.'), node: name('node') }),
    z.strictObject({ at, fault: fault('restart', 'Restart a crashed node.'), node: name('node') }),
    z.strictObject({
      at,
      fault: fault('degrade', "Change a link's bandwidth, delay or loss, for messages sent from then on."),
      link: name('link'),
      bandwidth: quantity('bandwidth', { positive: true }).optional(),
      delay: duration.optional(),
      loss: lossField.optional(),
    }),
    z.strictObject({
      at,
      fault: fault('clock', "Step a node's clock and change its rate."),
      node: name('node'),
      offset: signedDuration.optional().meta({ description: 'Step added to the clock, e.g. "5ms" or "-5ms".' }),
      drift: z
        .number({ error: expected('a drift rate (a number > -1, e.g. 0.001)') })
        .gt(-1, { error: expected('a drift rate (a number > -1, e.g. 0.001)') })
        .optional()
        .meta({ description: 'Rate error from then on: the clock runs (1 + drift) times as fast as true time.' }),
    }),
  ],
  {
    error: (issue) => {
      const input = issue.input as { fault?: unknown } | undefined;
      if (typeof input !== 'object' || input === null) return expected('a fault (a mapping with at and fault)')(issue);
      return expected(`a fault kind (${FAULT_KINDS.join(', ')})`)({ input: input.fault });
    },
  },
);

/** The fault kinds, in the schema's order (the error above reads it when it runs). */
export const FAULT_KINDS: readonly string[] = faultSchema.options.map((option) => option.shape.fault.value);

/** A fault as the schema returns it. */
export type FaultInput = z.output<typeof faultSchema>;
