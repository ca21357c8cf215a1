/**
 * Flow fields of a scenario: the traffic, one entry per flow, by pattern. Every pattern
 * shares the schedule (count, size, interval, start) and the delivery guarantee (delivery,
 * ordered, retry); each adds its own fields.
 */
import * as z from 'zod';
import { isTopic, isTopicPattern } from '../../messaging/topics.js';
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

const fieldValue = z.union([z.string(), z.number(), z.boolean()], { error: expected('a string, number or boolean') });

const topic = z
  .string({ error: expected('a topic (dot-separated words, e.g. "orders.eu.paid")') })
  .refine(isTopic, { error: (issue) => `${JSON.stringify(issue.input)} is not a topic (dot-separated words without * or #)` });
const topicPattern = z
  .string({ error: expected('a topic pattern (e.g. "orders.*", "orders.#")') })
  .refine(isTopicPattern, { error: (issue) => `${JSON.stringify(issue.input)} is not a topic pattern (words, * for one word, # for any number)` });

const patterns = [
  z
    .strictObject({
      ...common,
      pattern: z.literal('p2p').meta({ description: 'Point-to-point: one sender, one receiver.' }),
      to: name('node').meta({ description: 'Receiving node.' }),
    })
    .meta({ description: 'A point-to-point flow.' }),
  z
    .strictObject({
      ...common,
      pattern: z.literal('request-reply').meta({ description: 'Asynchronous requests, each answered by the server.' }),
      to: name('node').meta({ description: 'The server.' }),
      reply_size: distribution('size').optional().meta({ description: 'Size of each reply on the wire. Default: size.' }),
      service: distribution('duration').default({ kind: 'constant', value: 0 }).meta({ description: 'Time the server spends on each request. Default 0.' }),
      timeout: duration.default(1).meta({ description: 'How long the client waits for a reply. Default 1s.' }),
    })
    .meta({ description: 'A request/reply flow.' }),
  z
    .strictObject({
      ...common,
      pattern: z.literal('pubsub').meta({ description: 'Publish/subscribe on topics.' }),
      broker: name('node').optional().meta({ description: 'The broker node; without one the publisher fans out itself.' }),
      topics: z.array(topic, { error: expected('a list of topics') }).min(1, { error: 'expected at least one topic' }).meta({ description: 'Topics published on, in turn.' }),
      fields: z
        .record(z.string(), z.array(fieldValue).min(1, { error: 'expected at least one value' }), { error: expected('a mapping of field names to lists of values') })
        .default({})
        .meta({ description: 'Fields of the published bodies, each taking its values in turn (for filters).' }),
      subscribers: z
        .array(
          z.strictObject({
            node: name('node'),
            topic: topicPattern,
            filter: z.record(z.string(), fieldValue).optional().meta({ description: 'Fields that must be equal for an event to be sent.' }),
          }),
          { error: expected('a list of subscribers') },
        )
        .min(1, { error: 'expected at least one subscriber' }),
    })
    .meta({ description: 'A publish/subscribe flow.' }),
  z
    .strictObject({
      ...common,
      pattern: z.literal('broadcast').meta({ description: 'From one node to every node.' }),
      method: z.enum(['unicast', 'flood', 'gossip'], { error: expected('a broadcast method (unicast, flood, gossip)') }),
      fanout: wholeNumber('a fan-out (a whole number >= 1)', 1).default(3).meta({ description: 'Gossip: nodes each informed node pushes to. Default 3.' }),
      rounds: wholeNumber('a number of rounds (a whole number >= 1)', 1).default(5).meta({ description: 'Gossip: rounds of pushing. Default 5.' }),
    })
    .meta({ description: 'A broadcast flow (at-most-once).' }),
  z
    .strictObject({
      ...common,
      pattern: z.literal('work-queue').meta({ description: 'Tasks through a broker to competing consumers.' }),
      broker: name('node').meta({ description: 'The broker node.' }),
      consumers: z.array(name('node'), { error: expected('a list of consumer nodes') }).min(1, { error: 'expected at least one consumer' }),
      prefetch: wholeNumber('a prefetch limit (a whole number >= 1)', 1).default(1).meta({ description: 'Tasks a consumer holds unacknowledged at once. Default 1.' }),
      service: distribution('duration').default({ kind: 'constant', value: 0 }).meta({ description: 'Time a consumer spends on a task. Default 0.' }),
      ack_timeout: duration.default(1).meta({ description: 'How long the broker waits for a task before taking its consumer for dead. Default 1s.' }),
    })
    .meta({ description: 'A work-queue flow.' }),
] as const;

/** A flow, by its pattern. */
export const flowSchema = z.discriminatedUnion('pattern', patterns, {
  error: (issue) => {
    const input = issue.input;
    if (typeof input !== 'object' || input === null || Array.isArray(input)) return expected('a flow (a mapping)')(issue);
    return expected('a pattern (p2p, request-reply, pubsub, broadcast, work-queue)')({ input: (input as { pattern?: unknown }).pattern });
  },
});

/** A flow as the schema returns it. */
export type FlowInput = z.output<typeof flowSchema>;
