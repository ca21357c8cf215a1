/**
 * Link fields of a scenario: explicit links, and the template a generated topology gives
 * every link it creates. An explicit link between two nodes that the topology already
 * joins overrides that link's fields one by one; any other explicit link needs its own
 * bandwidth and delay (checked in validate.ts).
 */
import * as z from 'zod';
import { distribution, duration, expected, name, probability, quantity, wholeNumber } from './values.js';

/** Gilbert–Elliott loss parameters as a scenario writes them. */
const gilbertElliott = z
  .strictObject({
    model: z.literal('gilbert-elliott', { error: expected('"gilbert-elliott"') }),
    p: probability('transition probability (Good to Bad)'),
    r: probability('transition probability (Bad to Good)'),
    loss_good: probability('loss probability in Good').default(0),
    loss_bad: probability('loss probability in Bad').default(1),
  })
  .refine((model) => model.p + model.r > 0, {
    path: ['p'],
    error: 'p and r cannot both be 0: the chain would never change state (for loss without bursts, give loss a probability)',
  })
  .meta({ description: 'Bursty loss: a two-state Markov chain stepping once per message.' });

/** Loss: a probability (Bernoulli) or a Gilbert–Elliott model. */
export const lossField = z
  .union([probability('loss probability'), gilbertElliott], {
    error: expected('a loss probability (a number from 0 to 1) or { model: gilbert-elliott, p, r }'),
  })
  .meta({ description: 'Probability that a transmitted message is lost (0 to 1), or a Gilbert-Elliott model. Default 0.' });

const queueLimit = z
  .union(
    [
      wholeNumber('a message count', 0).transform((messages) => ({ messages })),
      quantity('size', { whole: true }).transform((bytes) => ({ bytes })),
    ],
    { error: expected('a queue capacity (a message count such as 100, or a size such as "64KiB")') },
  )
  .meta({ description: 'Capacity of each direction\'s queue: a message count (e.g. 100) or a size (e.g. "64KiB").' });

/** The fields every link has; all optional here, defaults applied in validate.ts. */
export const linkProperties = {
  bandwidth: quantity('bandwidth', { positive: true })
    .optional()
    .meta({ description: 'Transmission rate of each direction, e.g. "10Mbps" (units: bps kbps Mbps Gbps Tbps, decimal).' }),
  delay: duration.optional().meta({ description: 'Propagation delay, e.g. "10ms".' }),
  loss: lossField.optional(),
  queue: queueLimit.optional(),
  jitter: distribution('duration')
    .optional()
    .meta({ description: 'Extra propagation delay per message, e.g. "uniform(0ms, 2ms)", "exp(1ms)". Default none.' }),
  reorder: z
    .boolean({ error: expected('true or false') })
    .optional()
    .meta({ description: 'Whether jitter may let a message overtake an earlier one. Default false (FIFO per direction).' }),
  duplicate: probability('duplication probability')
    .optional()
    .meta({ description: 'Probability that a message is sent twice. Default 0.' }),
  corrupt: probability('corruption probability')
    .optional()
    .meta({ description: 'Probability that a message arrives damaged and is discarded (outcome corrupted). Default 0.' }),
};

/** An explicit link. */
export const linkSchema = z
  .strictObject({
    between: z
      .tuple([name('node'), name('node')], { error: expected('a pair of nodes, e.g. [client, server]') })
      .meta({ description: 'The two nodes the link joins.' }),
    name: name('link').optional().meta({ description: 'Link name. Default: "<a>-<b>".' }),
    ...linkProperties,
  })
  .meta({ description: 'A full-duplex point-to-point link.' });

/** The link template of a generated topology. */
export const linkTemplateSchema = z
  .strictObject(linkProperties)
  .meta({ description: 'Fields of every link the topology generates (bandwidth and delay required).' });

/** A link as the schema returns it. */
export type LinkInput = z.output<typeof linkSchema>;
/** Link fields as the schema returns them. */
export type LinkPropertiesInput = z.output<typeof linkTemplateSchema>;
