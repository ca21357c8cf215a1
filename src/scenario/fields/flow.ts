/**
 * Flow fields of a scenario: the traffic, one entry per flow, by pattern. Every pattern
 * shares the schedule (count, size, interval, start) and the delivery guarantee (delivery,
 * ordered, retry); each adds its own fields, which its definition holds (patterns/), and the
 * schema of a flow is made from the patterns there are.
 */
import * as z from 'zod';
import { distribution, duration, expected, name, probability, wholeNumber } from './values.js';

const retrySchema = z
  .strictObject({
    timeout: duration.optional().meta({ description: 'Wait before the first retransmission. Default 200ms.' }),
    backoff: z
      .number({ error: expected('a backoff factor (a number >= 1)') })
      .min(1, { error: expected('a backoff factor (a number >= 1)') })
      .optional()
      .meta({ description: 'Each further wait is this many times the previous one. Default 2.' }),
    max_timeout: duration.optional().meta({ description: 'Longest wait. Default 10s.' }),
    max_retries: wholeNumber('a retry count (a whole number >= 0)', 0).optional().meta({ description: 'Retransmissions before giving up. Default 5.' }),
    jitter: probability('jitter fraction').optional().meta({ description: 'Each wait is scaled by a random factor in [1 - jitter, 1 + jitter]. Default 0.1.' }),
  })
  .meta({ description: 'Retransmission policy of at-least-once and exactly-once delivery.' });

/**
 * Most messages one flow may send: every message is journalled (about 37 bytes, more with
 * its hops and ledger row), so a hundred million is already gigabytes.
 */
export const MAX_FLOW_COUNT = 100_000_000;

/** Fields every flow has. */
const common = {
  name: name('flow').meta({ description: 'Flow name, unique in the scenario.' }),
  from: name('node').meta({ description: 'The sending node (client, publisher, origin, producer).' }),
  count: wholeNumber(`a message count (a whole number from 0 to ${MAX_FLOW_COUNT.toLocaleString('en-US')})`, 0, MAX_FLOW_COUNT).meta({ description: 'Number of messages to send.' }),
  size: distribution('size').meta({
    description: 'Size of each message on the wire (padded to it), e.g. "1000B" or "exp(1000B)", "uniform(100B, 1500B)".',
  }),
  interval: distribution('duration')
    .default({ kind: 'constant', value: 0 })
    .meta({ description: 'Time between sends, e.g. "2ms", or "exp(2ms)" for Poisson arrivals; 0 sends all at once. Default 0.' }),
  start: duration.default(0).meta({ description: 'Time of the first send (first gap, if random). Default 0.' }),
  delivery: z
    .enum(['at-most-once', 'at-least-once', 'exactly-once'], { error: expected('a delivery guarantee (at-most-once, at-least-once, exactly-once)') })
    .default('at-most-once')
    .meta({ description: 'Delivery guarantee. Default at-most-once.' }),
  ordered: z
    .boolean({ error: expected('true or false') })
    .default(false)
    .meta({ description: 'FIFO per sender → receiver: sequence numbers and a reorder buffer. Default false.' }),
  retry: retrySchema.optional(),
};

/** What the flow schema needs of a pattern (see patterns/definition.ts). */
export interface PatternFields {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly fields: z.ZodRawShape;
}

/** A flow as the schema returns it: the fields every flow has and its pattern's own (the pattern reads those). */
export type FlowInput = z.output<z.ZodObject<typeof common>> & { readonly pattern: string };

/**
 * The schema of a flow: by its `pattern`, the fields every flow has, the pattern's name, and
 * the pattern's own fields, in that order (as the JSON Schema lists them).
 */
export function flowSchemaOf(patterns: readonly PatternFields[]): z.ZodType<FlowInput> {
  const variants = patterns.map((pattern) =>
    z
      .strictObject({
        ...common,
        pattern: z.literal(pattern.name).meta({ description: pattern.title }),
        ...pattern.fields,
      })
      .meta({ description: pattern.description }),
  );
  const names = patterns.map((pattern) => pattern.name).join(', ');
  return z.discriminatedUnion('pattern', variants as [(typeof variants)[number], ...(typeof variants)[number][]], {
    error: (issue) => {
      const input = issue.input;
      if (typeof input !== 'object' || input === null || Array.isArray(input)) return expected('a flow (a mapping)')(issue);
      return expected(`a pattern (${names})`)({ input: (input as { pattern?: unknown }).pattern });
    },
  }) as unknown as z.ZodType<FlowInput>;
}

/** Names the fields every flow has (a pattern's own must be others). */
export const COMMON_FLOW_FIELDS: readonly string[] = [...Object.keys(common), 'pattern'];
