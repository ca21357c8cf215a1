/**
 * The pub/sub workload: a publisher that publishes `count` bodies on the flow's topics in
 * turn (each body carrying the flow's fields, their values in turn), through a broker or
 * fanned out by itself, and subscribers that subscribe when they start (reliably: a
 * subscription lost on the way would cut its subscriber off). A publication that reaches
 * the fan-out point before a declared subscription does gets a `not_subscribed` row for that
 * subscriber, so no publication misses a subscriber unexplained.
 */
import { Kind, type Frame } from '../messaging/frames.js';
import type { SendOptions } from '../messaging/endpoint.js';
import { Pattern, Settlement, type MessagingObserver } from '../messaging/observer.js';
import { matchesFilter, PubSubBroker, PubSubPublisher, PubSubSubscriber, type FanOutListener, type FieldFilter } from '../messaging/pubsub.js';
import { topicMatches } from '../messaging/topics.js';
import type { FlowSpec } from './flow.js';
import type { NodeServices, WorkloadHost } from './host.js';
import { flowSendOptions, largestSize, largestWireBytes, runSchedule, type Progress } from './schedule.js';

/** A subscription of a pub/sub flow. */
export interface SubscriberSpec {
  readonly node: string;
  /** Topic pattern (`*` one word, `#` any number of words). */
  readonly topic: string;
  readonly filter?: FieldFilter;
}

/** Publications on topics, through a broker or fanned out by the publisher. */
export interface PubSubFlowSpec extends FlowSpec {
  readonly pattern: 'pubsub';
  /** The broker; undefined for brokerless fan-out from the publisher. */
  readonly broker?: string;
  /** Topics published on, in turn. */
  readonly topics: readonly string[];
  /** Fields of the published bodies, each taking its listed values in turn. */
  readonly fields: Readonly<Record<string, readonly (string | number | boolean)[]>>;
  readonly subscribers: readonly SubscriberSpec[];
}

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
  // Topics come round in turn: which subscribers each matches is worked out once.
  const topicCount = Math.min(sample, spec.topics.length);
  const matching = spec.topics.slice(0, topicCount).map((topic) => spec.subscribers.filter((subscriber) => topicMatches(subscriber.topic, topic)));
  let events = 0;
  for (let seq = 0; seq < sample; seq++) {
    const body = publicationBody(spec, seq);
    for (const subscriber of matching[seq % spec.topics.length]!) if (matchesFilter(body, subscriber.filter)) events++;
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
  return [[Kind.Publish, longest, body, largestSize(spec)], [Kind.Event, subscriptions, longest, body, spec.from]];
}

/**
 * The listener of a fan-out point (one per incarnation): for every publication, a row
 * settled `not_subscribed` for each subscriber the flow declares that the publication
 * matches but whose subscription is not in place yet. Once every declared subscription is
 * in place it costs nothing more.
 */
function declaredSubscribers(spec: PubSubFlowSpec, observer: MessagingObserver): FanOutListener {
  let allInPlace = false;
  return (report) => {
    if (allInPlace || report.row < 0) return;
    let missing = 0;
    for (const subscriber of spec.subscribers) {
      if (report.subscribed(subscriber.node, subscriber.topic, subscriber.filter)) continue;
      missing++;
      if (!topicMatches(subscriber.topic, report.topic) || !matchesFilter(report.body, subscriber.filter)) continue;
      const row = observer.open(report.flow, Pattern.PubSub, report.publisher, subscriber.node, report.row);
      observer.settle(row, Settlement.NotSubscribed);
    }
    allInPlace = missing === 0;
  };
}

/** What a broker shared by several flows keeps for each. */
interface BrokeredFlow {
  readonly events: SendOptions;
  readonly onFanOut: FanOutListener;
}

/** How subscriptions are sent: acknowledged and retransmitted, at least once. */
function subscriptionOptions(spec: PubSubFlowSpec): SendOptions {
  return { flow: spec.name, delivery: spec.delivery === 'exactly-once' ? 'exactly-once' : 'at-least-once', retry: spec.retry };
}

/** A node's brokerless publisher, shared by its flows, each told of its own fan-outs. */
function brokerlessPublisher(spec: PubSubFlowSpec, endpoint: NodeServices['endpoint'], service: NodeServices['service']): PubSubPublisher {
  const { publisher, listeners } = service('pubsub/publisher/', () => {
    const listeners = new Map<string | undefined, FanOutListener>();
    return { publisher: new PubSubPublisher(endpoint, undefined, { onFanOut: (report) => listeners.get(report.flow)?.(report) }), listeners };
  });
  listeners.set(spec.name, declaredSubscribers(spec, endpoint.observer));
  return publisher;
}

/** Adds a pub/sub flow: broker (if any), subscribers, and the publisher's schedule. */
export function startPubSubFlow(spec: PubSubFlowSpec, host: WorkloadHost): void {
  const minimum = largestWireBytes(host.codec, host.headerBytes, pubsubFrames(spec), spec);
  const send = flowSendOptions(spec);
  const broker = spec.broker;
  if (broker !== undefined) {
    host.addRole(broker, ({ endpoint, service }) => {
      const flows = service('pubsub/broker', () => {
        const byFlow = new Map<string | undefined, BrokeredFlow>();
        new PubSubBroker(endpoint, { events: (flow) => byFlow.get(flow)?.events ?? {}, onFanOut: (report) => byFlow.get(report.flow)?.onFanOut(report) });
        return byFlow;
      });
      flows.set(spec.name, { events: { delivery: spec.delivery, ordered: spec.ordered, retry: spec.retry }, onFanOut: declaredSubscribers(spec, endpoint.observer) });
    });
  }
  for (const subscriber of spec.subscribers) {
    host.addRole(subscriber.node, ({ endpoint, service }) => {
      const subscriptions = service('pubsub/subscriber', () => new PubSubSubscriber(endpoint));
      subscriptions.subscribe(subscriber.topic, [broker ?? spec.from], () => {}, {
        ...(subscriber.filter === undefined ? {} : { filter: subscriber.filter }),
        send: subscriptionOptions(spec),
      });
    });
  }
  const progress: Progress = { sent: 0 };
  // One options object for every publication, as the point-to-point flow keeps one for its messages.
  const options = { ...send, wireBytes: 0 };
  host.addRole(spec.from, ({ context, endpoint, service }) => {
    const publisher = broker === undefined ? brokerlessPublisher(spec, endpoint, service) : service(`pubsub/publisher/${broker}`, () => new PubSubPublisher(endpoint, broker));
    runSchedule(spec, progress, context, minimum, (seq, wireBytes) => {
      options.wireBytes = wireBytes;
      publisher.publish(spec.topics[seq % spec.topics.length]!, publicationBody(spec, seq), options);
    });
  });
}
