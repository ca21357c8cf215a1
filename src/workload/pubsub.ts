/**
 * The pub/sub workload: a publisher that publishes `count` bodies on the flow's topics in
 * turn (each body carrying the flow's fields, their values in turn), through a broker or
 * fanned out by itself, and subscribers that subscribe when they start.
 */
import { Kind, type Frame } from '../messaging/frames.js';
import { matchesFilter, PubSubBroker, PubSubPublisher, PubSubSubscriber } from '../messaging/pubsub.js';
import { topicMatches } from '../messaging/topics.js';
import type { PubSubFlowSpec } from './flow.js';
import type { WorkloadHost } from './host.js';
import { flowSendOptions, largestWireBytes, runSchedule, type Progress } from './schedule.js';

/** The body of publication `seq`: flow, number, and the flow's fields. */
export function publicationBody(spec: PubSubFlowSpec, seq: number): Record<string, unknown> {
  const body: Record<string, unknown> = { flow: spec.name, seq };
  for (const [field, values] of Object.entries(spec.fields)) body[field] = values[seq % values.length];
  return body;
}

/** Publications sampled by {@link expectedEvents}. */
const EVENT_SAMPLE = 1000;

/**
 * About how many events the flow's publications fan out to subscribers (matching topics and
 * filters over the first publications, scaled to the count), to size the journals up front.
 */
export function expectedEvents(spec: PubSubFlowSpec): number {
  const sample = Math.min(spec.count, EVENT_SAMPLE);
  if (sample === 0) return 0;
  let events = 0;
  for (let seq = 0; seq < sample; seq++) {
    const topic = spec.topics[seq % spec.topics.length]!;
    const body = publicationBody(spec, seq);
    for (const subscriber of spec.subscribers) if (topicMatches(subscriber.topic, topic) && matchesFilter(body, subscriber.filter)) events++;
  }
  return Math.ceil((events * spec.count) / sample);
}

/** The largest frames this flow sends: publications and events. */
export function pubsubFrames(spec: PubSubFlowSpec): Frame[] {
  const last = Math.max(0, spec.count - 1);
  const longest = [...spec.topics].sort((a, b) => b.length - a.length)[0]!;
  // The largest body has the longest value of every field.
  const body: Record<string, unknown> = { flow: spec.name, seq: last };
  for (const [field, values] of Object.entries(spec.fields)) {
    body[field] = [...values].sort((a, b) => JSON.stringify(b).length - JSON.stringify(a).length)[0];
  }
  const subscriptions = spec.subscribers.length;
  return [[Kind.Publish, longest, body], [Kind.Event, subscriptions, longest, body, spec.from]];
}

/** Adds a pub/sub flow: broker (if any), subscribers, and the publisher's schedule. */
export function startPubSubFlow(spec: PubSubFlowSpec, host: WorkloadHost): void {
  const minimum = largestWireBytes(host.codec, host.headerBytes, pubsubFrames(spec), spec);
  const send = flowSendOptions(spec);
  const broker = spec.broker;
  if (broker !== undefined) {
    host.addRole(broker, ({ endpoint, service }) => {
      service('pubsub/broker', () => new PubSubBroker(endpoint, { delivery: spec.delivery, ordered: spec.ordered, retry: spec.retry, wireBytes: minimum }));
    });
  }
  for (const subscriber of spec.subscribers) {
    host.addRole(subscriber.node, ({ endpoint, service }) => {
      const subscriptions = service('pubsub/subscriber', () => new PubSubSubscriber(endpoint));
      subscriptions.subscribe(subscriber.topic, [broker ?? spec.from], () => {}, {
        ...(subscriber.filter === undefined ? {} : { filter: subscriber.filter }),
        send: { flow: `${spec.name}:subscribe`, delivery: spec.delivery, retry: spec.retry },
      });
    });
  }
  const progress: Progress = { sent: 0 };
  host.addRole(spec.from, ({ context, endpoint, service }) => {
    const publisher = service(`pubsub/publisher/${broker ?? ''}`, () => new PubSubPublisher(endpoint, broker));
    runSchedule(spec, progress, context, minimum, (seq, wireBytes) => {
      publisher.publish(spec.topics[seq % spec.topics.length]!, publicationBody(spec, seq), { ...send, wireBytes });
    });
  });
}
