/**
 * The publish/subscribe pattern: a publisher publishes on topics in turn, through a broker
 * or fanning out itself, to subscribers that subscribe with topic patterns and field
 * filters. Topics no subscription matches, and subscriptions no topic matches, are warned of.
 */
import * as z from 'zod';
import { isTopic, isTopicPattern, topicMatches } from '../../messaging/topics.js';
import { guaranteeRows } from '../../stats/checks/guarantees.js';
import { pubsubRows } from '../../stats/checks/pubsub.js';
import { expectedEvents, pubsubFrames, startPubSubFlow, type PubSubFlowSpec } from '../../workload/pubsub.js';
import { expected, name } from '../fields/values.js';
import { definePattern, framesPerMessage, type PatternWarning } from './definition.js';

const fieldValue = z.union([z.string(), z.number(), z.boolean()], { error: expected('a string, number or boolean') });

const topic = z
  .string({ error: expected('a topic (dot-separated words, e.g. "orders.eu.paid")') })
  .refine(isTopic, { error: (issue) => `${JSON.stringify(issue.input)} is not a topic (dot-separated words without * or #)` });
const topicPattern = z
  .string({ error: expected('a topic pattern (e.g. "orders.*", "orders.#")') })
  .refine(isTopicPattern, { error: (issue) => `${JSON.stringify(issue.input)} is not a topic pattern (words, * for one word, # for any number)` });

const fields = {
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
};

/** Topics no subscription matches, then subscriptions that match no topic. */
function pubsubWarnings(spec: PubSubFlowSpec): PatternWarning[] {
  const warnings: PatternWarning[] = [];
  spec.topics.forEach((topic, t) => {
    if (!spec.subscribers.some((subscriber) => topicMatches(subscriber.topic, topic))) {
      warnings.push({ path: ['topics', t], detail: `"${topic}" matches no subscriber's topic: its publications reach no one` });
    }
  });
  spec.subscribers.forEach((subscriber, s) => {
    if (!spec.topics.some((topic) => topicMatches(subscriber.topic, topic))) {
      warnings.push({ path: ['subscribers', s, 'topic'], detail: `"${subscriber.topic}" matches none of the flow's topics: ${subscriber.node} will get nothing` });
    }
  });
  return warnings;
}

/** Publish/subscribe flows. */
export const pubsubPattern = definePattern<PubSubFlowSpec, typeof fields>({
  name: 'pubsub',
  title: 'Publish/subscribe on topics.',
  description: 'A publish/subscribe flow.',
  fields,
  reference: {
    keys: '`topics`, `subscribers`, `broker` (optional), `fields`',
    does: 'The publisher publishes on `topics` in turn. Each subscriber `{ node, topic, filter }` subscribes with a topic pattern — words separated by dots, `*` for exactly one word, `#` for any number (`orders.*.paid`, `orders.#`) — and an optional field filter (`{ priority: high }`: every field equal). `fields` gives the published bodies fields, each taking its listed values in turn. With a `broker`, publications go to it and it fans out (its queues and links add to the delay); without one, the publisher fans out itself. Subscriptions are sent when the subscriber starts, acknowledged and retransmitted (at least once, with the flow\'s `retry`; exactly once if the flow is), so a lossy link delays a subscription but does not lose it silently; a publication that reaches the fan-out point before a subscription it matches is recorded for that subscriber as `not_subscribed` (in `deliveries.csv`, the delivery table and the `not_subscribed` check row). To measure only subscribed traffic, `start` publishing after the subscriptions arrive.',
  },
  spec(input, base, flow) {
    const source = input.broker ?? base.from;
    if (input.broker !== undefined) flow.reachable(input.broker, flow.path('broker'));
    input.subscribers.forEach((subscriber, k) => flow.reachable(subscriber.node, flow.path('subscribers', k, 'node'), source));
    return {
      ...base,
      pattern: 'pubsub',
      ...(input.broker === undefined ? {} : { broker: input.broker }),
      topics: input.topics,
      fields: input.fields,
      subscribers: input.subscribers.map((s) => ({ node: s.node, topic: s.topic, ...(s.filter === undefined ? {} : { filter: s.filter }) })),
    };
  },
  expectedTraffic(spec) {
    const events = expectedEvents(spec);
    const publications = spec.broker === undefined ? 0 : spec.count;
    // Subscriptions are sent at least once: a frame and an acknowledgement each, and a row.
    const subscriptions = spec.subscribers.length;
    return { frames: (publications + events) * framesPerMessage(spec) + 2 * subscriptions, rows: spec.count + events + subscriptions };
  },
  sizedFrames: pubsubFrames,
  start: startPubSubFlow,
  firstReceivers: (spec) => (spec.broker === undefined ? spec.subscribers.map((s) => s.node) : [spec.broker]),
  // Through a broker a send is one publication to it; without one, as many events as subscribers match it.
  oncePerSend: (spec) => spec.broker !== undefined,
  checks: [guaranteeRows, pubsubRows],
  warnings: pubsubWarnings,
});
