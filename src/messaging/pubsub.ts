/**
 * Topic-based publish/subscribe, through a broker or straight from the publisher.
 *
 * A subscriber sends ["s", id, topic pattern, field filter] to whoever fans out (a broker,
 * or each publisher it listens to) and keeps its handler, with an optional predicate. A
 * fan-out point keeps the subscriptions it was sent and, for each publication, sends
 * ["e", id, topic, body, publisher, event] to every subscription whose pattern matches the
 * topic and whose field filter matches the body (every field equal); `event` numbers the
 * events a fan-out point sends. The subscriber applies its predicate and hands matching
 * events to the handler. With a broker, a publication first travels to it as
 * ["p", id, topic, body, wireBytes] (`id` numbers a publisher's publications); the broker's
 * queues and links are then part of the delay. An event is the publication passed on, so it
 * has the publication's size on the wire (`wireBytes`, null when the publisher did not pad it).
 *
 * Subscriptions are sent at least once by default (acknowledged, retransmitted): one lost on
 * the way would cut its subscriber off without a trace. The observer is told of a logical
 * message per subscribe message (handed over when registered), per publication (its trip to
 * the broker, or, brokerless, one at the publisher) and per subscription an event is fanned
 * out to, grouped with the publication's; receivers find them again by the subscription,
 * publication and event ids the frames carry. A fan-out point reports each publication it
 * handles to an optional listener, which can tell which subscriptions were not yet in place.
 */
import { frameOptions, type EndpointCore, type SendOptions } from './endpoint.js';
import { Kind, type Frame } from './frames.js';
import { labelOf, Pattern, keysOf, type KeySpace } from './observer.js';
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
  /**
   * How the subscribe message is sent. A subscription lost on the way would silently cut the
   * subscriber off, so it is acknowledged and retransmitted by default.
   * @default { delivery: 'at-least-once' }
   */
  send?: SendOptions;
}

/** Whether a body passes a field filter. */
export function matchesFilter(body: unknown, filter: FieldFilter | undefined): boolean {
  if (filter === undefined) return true;
  if (typeof body !== 'object' || body === null) return false;
  return Object.entries(filter).every(([field, value]) => (body as Record<string, unknown>)[field] === value);
}

interface Registered {
  /** Position in the order subscriptions first arrived: events go out in that order. */
  readonly order: number;
  readonly node: string;
  readonly id: number;
  readonly pattern: string;
  /** The pattern's words, for a pattern with wildcards. */
  readonly words: readonly string[];
  readonly filter: FieldFilter | undefined;
}

/** Whether two field filters ask for the same fields and values. */
function sameFilter(a: FieldFilter | undefined, b: FieldFilter | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  const fields = Object.keys(a);
  return fields.length === Object.keys(b).length && fields.every((field) => a[field] === b[field]);
}

/** The list kept under `key`, made empty on first use. */
function listIn<T>(lists: Map<string, T[]>, key: string): T[] {
  let list = lists.get(key);
  if (list === undefined) lists.set(key, (list = []));
  return list;
}

/**
 * Keeps subscriptions sent to this node and fans publications out to them: the work of a
 * broker, or of a brokerless publisher. Patterns without wildcards are indexed by the topic
 * they spell, so a publication costs the subscriptions it matches plus the wildcard ones.
 *
 * A subscription is keyed by its node and id: a copy that arrives again (a retransmission,
 * or the node subscribing anew after a restart) replaces the one registered, keeping its
 * place in the order, so no subscriber gets an event twice.
 */
class FanOut {
  private readonly literal = new Map<string, Registered[]>();
  private readonly wildcard: Registered[] = [];
  private readonly byKey = new Map<string, Registered>();
  /** Registered subscriptions by node and pattern, for {@link subscribed}. */
  private readonly byNodePattern = new Map<string, Registered[]>();
  private count = 0;
  /** Key spaces of subscriptions, by subscriber. */
  private readonly subscriptionKeys = new Map<string, KeySpace>();
  /** Events sent, by subscriber: each subscriber's event ids count from 0, so its key space stays dense. */
  private readonly eventsTo = new Map<string, { next: number; readonly keys: KeySpace }>();

  constructor(private readonly endpoint: EndpointCore) {
    endpoint.on(Kind.Subscribe, (frame, from) => {
      const [, id, pattern, filter] = frame as readonly [string, number, string, FieldFilter | null];
      const key = `${from}\u0000${id}`;
      const previous = this.byKey.get(key);
      if (previous !== undefined) this.unlist(previous);
      const subscription: Registered = { order: previous?.order ?? this.count++, node: from, id, pattern, words: pattern.split('.'), filter: filter ?? undefined };
      this.byKey.set(key, subscription);
      this.list(subscription);
      endpoint.observer.delivered(keysOf(this.subscriptionKeys, from, () => endpoint.observer.keys('subscription', from, endpoint.address)).find(id));
    });
  }

  /** Whether `node` has a subscription to `pattern` with `filter` here. */
  subscribed(node: string, pattern: string, filter: FieldFilter | undefined): boolean {
    return this.byNodePattern.get(`${node}\u0000${pattern}`)?.some((subscription) => sameFilter(subscription.filter, filter)) ?? false;
  }

  private list(subscription: Registered): void {
    const list = isLiteralPattern(subscription.pattern) ? listIn(this.literal, subscription.pattern) : this.wildcard;
    let at = list.length;
    while (at > 0 && list[at - 1]!.order > subscription.order) at--;
    list.splice(at, 0, subscription);
    listIn(this.byNodePattern, `${subscription.node}\u0000${subscription.pattern}`).push(subscription);
  }

  private unlist(subscription: Registered): void {
    const list = isLiteralPattern(subscription.pattern) ? listIn(this.literal, subscription.pattern) : this.wildcard;
    list.splice(list.indexOf(subscription), 1);
    const same = listIn(this.byNodePattern, `${subscription.node}\u0000${subscription.pattern}`);
    same.splice(same.indexOf(subscription), 1);
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
   * Sends an event for every matching subscription, each with a ledger row grouped with the
   * publication's row `group`; then tells `onFanOut`, if set, what was sent.
   */
  fanOut(topic: string, body: unknown, publisher: string, group: number, options: SendOptions, wireBytes: number | null, onFanOut: FanOutListener | undefined): void {
    const observer = this.endpoint.observer;
    const self = this.endpoint.address;
    const flow = options.flow ?? observer.flowOf(group);
    const send = frameOptions(options, -1, 'event', false, flow, wireBytes ?? options.wireBytes);
    const matches = this.matching(topic, body);
    for (const subscription of matches) {
      let events = this.eventsTo.get(subscription.node);
      if (events === undefined) this.eventsTo.set(subscription.node, (events = { next: 0, keys: observer.keys('event', self, subscription.node) }));
      const event = events.next++;
      const row = observer.open(flow, Pattern.PubSub, publisher, subscription.node, group);
      events.keys.bind(event, row);
      send.row = row;
      this.endpoint.sendFrame(subscription.node, [Kind.Event, subscription.id, topic, body, publisher, event], send);
    }
    if (onFanOut === undefined) return;
    const report = this.report;
    report.topic = topic;
    report.body = body;
    report.publisher = publisher;
    report.row = group;
    report.flow = flow;
    report.sent = matches.length;
    onFanOut(report);
  }

  /** The report handed to listeners, one object reused for every publication. */
  private readonly report: FanOutReport = {
    topic: '',
    body: undefined,
    publisher: '',
    row: -1,
    flow: undefined,
    sent: 0,
    subscribed: (node, pattern, filter) => this.subscribed(node, pattern, filter),
  };
}

/** What a fan-out point did with one publication; valid during the listener's call only. */
export interface FanOutReport {
  topic: string;
  body: unknown;
  publisher: string;
  /** The publication's ledger row (-1 if not kept), which its events' rows are grouped with. */
  row: number;
  /** The flow the publication is counted under, if any. */
  flow: string | undefined;
  /** Events sent, one per matching subscription. */
  sent: number;
  /** Whether `node` had a subscription to `pattern` with `filter` in place when it was fanned out. */
  subscribed(node: string, pattern: string, filter?: FieldFilter): boolean;
}

/** Told about each publication a fan-out point handles, after its events are sent. */
export type FanOutListener = (report: FanOutReport) => void;

/** Options of a fan-out point (a broker, or a brokerless publisher). */
export interface FanOutOptions {
  /**
   * How events are sent (delivery; the size of events whose publication carries none), or
   * how for the flow a publication is counted under.
   */
  events?: SendOptions | ((flow: string | undefined) => SendOptions);
  /** Told about each publication after its events are sent. */
  onFanOut?: FanOutListener;
}

/** A broker node: receives publications and fans them out to its subscribers. */
export class PubSubBroker {
  private readonly fanOut: FanOut;

  constructor(endpoint: EndpointCore, options: FanOutOptions = {}) {
    this.fanOut = new FanOut(endpoint);
    const events = options.events ?? {};
    const publications = new Map<string, KeySpace>();
    endpoint.on(Kind.Publish, (frame, from) => {
      const [, id, topic, body, wireBytes] = frame as readonly [string, number, string, unknown, number | null];
      const observer = endpoint.observer;
      const row = keysOf(publications, from, () => observer.keys('publication', from, endpoint.address)).find(id);
      observer.delivered(row);
      const send = typeof events === 'function' ? events(observer.flowOf(row)) : events;
      this.fanOut.fanOut(topic, body, from, row, send, wireBytes, options.onFanOut);
    });
  }
}

/**
 * A publisher: publishes through a broker, or fans out itself when it has none. Every
 * publication gets a ledger row: its trip to the broker, or, without one, a row at the
 * publisher itself, handed over as it is fanned out. Its events' rows are grouped with it.
 */
export class PubSubPublisher {
  private readonly fanOut: FanOut | undefined;
  /** Publication ids towards the broker, and their key space. */
  private nextPublication = 0;
  private publicationKeys: KeySpace | undefined;

  /**
   * @param broker the broker to publish through; without one, subscribers subscribe here
   * @param options without a broker: how events are sent and who hears of each fan-out
   */
  constructor(
    private readonly endpoint: EndpointCore,
    private readonly broker?: string,
    private readonly options: FanOutOptions = {},
  ) {
    if (broker === undefined) this.fanOut = new FanOut(endpoint);
  }

  /** Publishes `body` on `topic`; events to subscribers have the publication's `wireBytes`, if it sets one. */
  publish(topic: string, body: unknown, options: SendOptions = {}): void {
    const endpoint = this.endpoint;
    const self = endpoint.address;
    const row = endpoint.observer.open(options.flow, Pattern.PubSub, self, this.broker ?? self);
    if (this.broker !== undefined) {
      const id = this.nextPublication++;
      (this.publicationKeys ??= endpoint.observer.keys('publication', self, this.broker)).bind(id, row);
      endpoint.sendFrame(this.broker, [Kind.Publish, id, topic, body, options.wireBytes ?? null], frameOptions(options, row));
      return;
    }
    endpoint.observer.delivered(row);
    const events = this.options.events;
    const send = typeof events === 'function' ? events(options.flow) : events;
    this.fanOut!.fanOut(topic, body, self, row, { ...send, ...options }, null, this.options.onFanOut);
  }
}

/** How subscriptions are sent unless the caller says otherwise. */
const RELIABLE_SUBSCRIPTION: SendOptions = { delivery: 'at-least-once' };

/** A subscriber: subscribes to patterns at fan-out points and hands matching events over. */
export class PubSubSubscriber {
  private readonly handlers: { handler: EventHandler; predicate: SubscribeOptions['predicate'] }[] = [];
  /** Key spaces: subscriptions sent, by source; events received, by fan-out point. */
  private readonly subscriptionKeys = new Map<string, KeySpace>();
  private readonly eventKeys = new Map<string, KeySpace>();

  constructor(private readonly endpoint: EndpointCore) {
    endpoint.on(Kind.Event, (frame, from) => this.receive(frame, from));
  }

  /**
   * Subscribes to `pattern` at each of `sources` (a broker, or brokerless publishers); each
   * subscribe message gets a ledger row, handed over when the source registers it.
   */
  subscribe(pattern: string, sources: readonly string[], handler: EventHandler, options: SubscribeOptions = {}): void {
    const id = this.handlers.length;
    this.handlers.push({ handler, predicate: options.predicate });
    const send = options.send ?? RELIABLE_SUBSCRIPTION;
    const endpoint = this.endpoint;
    const self = endpoint.address;
    // A subscription is a logical message of its own: counted under "<flow>:subscribe".
    const flow = send.flow === undefined ? undefined : labelOf(send.flow, 'subscribe').text;
    for (const source of sources) {
      const row = endpoint.observer.open(flow, Pattern.PubSub, self, source);
      keysOf(this.subscriptionKeys, source, () => endpoint.observer.keys('subscription', self, source)).bind(id, row);
      endpoint.sendFrame(source, [Kind.Subscribe, id, pattern, options.filter ?? null], { ...send, role: 'subscribe', row });
    }
  }

  private receive(frame: Frame, from: string): unknown {
    const [, id, topic, body, publisher, event] = frame as readonly [string, number, string, unknown, string, number];
    const subscription = this.handlers[id];
    if (subscription === undefined) return undefined;
    const observer = this.endpoint.observer;
    const row = keysOf(this.eventKeys, from, () => observer.keys('event', from, this.endpoint.address)).find(event);
    if (subscription.predicate !== undefined && !subscription.predicate(body, topic)) {
      observer.suppressed(row);
      return undefined;
    }
    observer.delivered(row);
    return subscription.handler(body, topic, publisher);
  }
}
