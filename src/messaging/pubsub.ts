/**
 * Topic-based publish/subscribe, through a broker or straight from the publisher.
 *
 * A subscriber sends ["s", id, topic pattern, field filter] to whoever fans out (a broker,
 * or each publisher it listens to) and keeps its handler, with an optional predicate. A
 * fan-out point keeps the subscriptions it was sent and, for each publication, sends
 * ["e", id, topic, body] to every subscription whose pattern matches the topic and whose
 * field filter matches the body (every field equal). The subscriber applies its predicate and
 * hands matching events to the handler. With a broker, a publication first travels to it as
 * ["p", topic, body]; the broker's queues and links are then part of the delay.
 *
 * The ledger gets a row per publication sent to a broker, and one per subscription an event
 * is fanned out to, grouped with the publication (its row, or without a broker the first
 * event's), so every delivery to a subscriber is recorded.
 */
import type { EndpointCore, FrameOptions, SendOptions } from './endpoint.js';
import { Kind, type Frame } from './frames.js';
import { Pattern } from './ledger.js';
import { isLiteralPattern, wordsMatch } from './topics.js';

/** A filter on the fields of a publication's body: every listed field must be equal. */
export type FieldFilter = Readonly<Record<string, string | number | boolean>>;

/** Handles an event; may be async. */
export type EventHandler = (body: unknown, topic: string, publisher: string) => unknown;

/** Options of a subscription. */
export interface SubscribeOptions {
  /** Field equality the fan-out point checks before sending. */
  filter?: FieldFilter;
  /** A predicate the subscriber checks on arrival; events it rejects are not handed over. */
  predicate?: (body: unknown, topic: string) => boolean;
  /** How the subscribe message is sent. */
  send?: SendOptions;
}

/** Whether a body passes a field filter. */
export function matchesFilter(body: unknown, filter: FieldFilter | undefined): boolean {
  if (filter === undefined) return true;
  if (typeof body !== 'object' || body === null) return false;
  return Object.entries(filter).every(([field, value]) => (body as Record<string, unknown>)[field] === value);
}

interface Registered {
  /** Position in the order subscriptions arrived: events go out in that order. */
  readonly order: number;
  readonly node: string;
  readonly id: number;
  /** The pattern's words, for a pattern with wildcards. */
  readonly words: readonly string[];
  readonly filter: FieldFilter | undefined;
}

/**
 * Keeps subscriptions sent to this node and fans publications out to them: the work of a
 * broker, or of a brokerless publisher. Patterns without wildcards are indexed by the topic
 * they spell, so a publication costs the subscriptions it matches plus the wildcard ones.
 */
class FanOut {
  private readonly literal = new Map<string, Registered[]>();
  private readonly wildcard: Registered[] = [];
  private count = 0;

  constructor(private readonly endpoint: EndpointCore) {
    endpoint.on(Kind.Subscribe, (frame, from) => {
      const [, id, pattern, filter] = frame as readonly [string, number, string, FieldFilter | null];
      const subscription: Registered = { order: this.count++, node: from, id, words: pattern.split('.'), filter: filter ?? undefined };
      if (!isLiteralPattern(pattern)) {
        this.wildcard.push(subscription);
        return;
      }
      const list = this.literal.get(pattern);
      if (list === undefined) this.literal.set(pattern, [subscription]);
      else list.push(subscription);
    });
  }

  /** The subscriptions matching a publication, in the order they arrived. */
  private matching(topic: string, body: unknown): Registered[] {
    const matches: Registered[] = [];
    for (const subscription of this.literal.get(topic) ?? []) if (matchesFilter(body, subscription.filter)) matches.push(subscription);
    if (this.wildcard.length === 0) return matches;
    const literal = matches.length;
    const words = topic.split('.');
    for (const subscription of this.wildcard) {
      if (wordsMatch(subscription.words, words) && matchesFilter(body, subscription.filter)) matches.push(subscription);
    }
    return literal > 0 && literal < matches.length ? matches.sort((a, b) => a.order - b.order) : matches;
  }

  /**
   * Sends an event for every matching subscription, each with a ledger row in `group` (the
   * publication's row at a broker; without one, the first event's row); returns how many
   * were sent.
   */
  fanOut(topic: string, body: unknown, publisher: string, group: number, options: SendOptions): number {
    const ledger = this.endpoint.ledger;
    const flow = options.flow ?? (group >= 0 ? ledger.flowOf(group) : undefined);
    const eventOptions: SendOptions = flow === undefined ? options : { ...options, flow: `${flow}:event` };
    const matches = this.matching(topic, body);
    const receivers = group < 0 && matches.length > 0 ? matches.map((subscription) => subscription.node) : [];
    const block = ledger.openBlock(flow, Pattern.PubSub, publisher, receivers);
    const send: FrameOptions = { ...eventOptions, trace: -1 };
    for (let i = 0; i < matches.length; i++) {
      const subscription = matches[i]!;
      send.trace = group >= 0 ? ledger.open(flow, Pattern.PubSub, publisher, subscription.node, group) : block < 0 ? -1 : block + i;
      this.endpoint.sendFrame(subscription.node, [Kind.Event, subscription.id, topic, body, publisher], send);
    }
    return matches.length;
  }
}

/** A broker node: receives publications and fans them out to its subscribers. */
export class PubSubBroker {
  private readonly fanOut: FanOut;

  /** @param eventOptions how events are sent to subscribers (delivery, size) */
  constructor(endpoint: EndpointCore, eventOptions: SendOptions = {}) {
    this.fanOut = new FanOut(endpoint);
    endpoint.on(Kind.Publish, (frame, from, trace) => {
      const [, topic, body] = frame as readonly [string, string, unknown];
      endpoint.ledger.delivered(trace);
      this.fanOut.fanOut(topic, body, from, trace, eventOptions);
    });
  }
}

/** A publisher: publishes through a broker, or fans out itself when it has none. */
export class PubSubPublisher {
  private readonly fanOut: FanOut | undefined;

  /** @param broker the broker to publish through; without one, subscribers subscribe here */
  constructor(
    private readonly endpoint: EndpointCore,
    private readonly broker?: string,
  ) {
    if (broker === undefined) this.fanOut = new FanOut(endpoint);
  }

  /** Publishes `body` on `topic`. */
  publish(topic: string, body: unknown, options: SendOptions = {}): void {
    const endpoint = this.endpoint;
    if (this.broker !== undefined) {
      const row = endpoint.ledger.open(options.flow, Pattern.PubSub, endpoint.address, this.broker);
      endpoint.sendFrame(this.broker, [Kind.Publish, topic, body], { ...options, trace: row });
      return;
    }
    this.fanOut!.fanOut(topic, body, endpoint.address, -1, options);
  }
}

/** A subscriber: subscribes to patterns at fan-out points and hands matching events over. */
export class PubSubSubscriber {
  private readonly handlers: { handler: EventHandler; predicate: SubscribeOptions['predicate'] }[] = [];

  constructor(private readonly endpoint: EndpointCore) {
    endpoint.on(Kind.Event, (frame, _from, trace) => this.receive(frame, trace));
  }

  /** Subscribes to `pattern` at each of `sources` (a broker, or brokerless publishers). */
  subscribe(pattern: string, sources: readonly string[], handler: EventHandler, options: SubscribeOptions = {}): void {
    const id = this.handlers.length;
    this.handlers.push({ handler, predicate: options.predicate });
    for (const source of sources) {
      this.endpoint.sendFrame(source, [Kind.Subscribe, id, pattern, options.filter ?? null], options.send ?? {});
    }
  }

  private receive(frame: Frame, trace: number): unknown {
    const [, id, topic, body, publisher] = frame as readonly [string, number, string, unknown, string];
    const subscription = this.handlers[id];
    if (subscription === undefined) return undefined;
    if (subscription.predicate !== undefined && !subscription.predicate(body, topic)) {
      this.endpoint.ledger.suppressed(trace);
      return undefined;
    }
    this.endpoint.ledger.delivered(trace);
    return subscription.handler(body, topic, publisher);
  }
}
