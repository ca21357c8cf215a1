/**
 * The pub/sub workload: a publisher that publishes `count` bodies on the flow's topics in
 * turn (each body carrying the flow's fields, their values in turn), through a broker or
 * fanned out by itself, and subscribers that subscribe when they start.
 */
import { Kind, type Frame } from '../messaging/frames.js';
import { PubSubBroker, PubSubPublisher, PubSubSubscriber } from '../messaging/pubsub.js';
import type { PubSubFlowSpec } from './flow.js';
import type { WorkloadHost } from './host.js';
import { asSent, flowSendOptions, largestWireBytes, runSchedule, type Progress } from './schedule.js';

/** The body of publication `seq`: flow, number, and the flow's fields. */
export function publicationBody(spec: PubSubFlowSpec, seq: number): Record<string, unknown> {
  const body: Record<string, unknown> = { flow: spec.name, seq };
  for (const [field, values] of Object.entries(spec.fields)) body[field] = values[seq % values.length];
  return body;
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
  return [asSent(spec, [Kind.Publish, longest, body]), asSent(spec, [Kind.Event, subscriptions, longest, body, spec.from])];
}

/** Adds a pub/sub flow: broker (if any), subscribers, and the publisher's schedule. */
export function startPubSubFlow(spec: PubSubFlowSpec, host: WorkloadHost): void {
  const minimum = largestWireBytes(host.codec, host.headerBytes, pubsubFrames(spec));
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
