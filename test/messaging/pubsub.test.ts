/**
 * Publish/subscribe through a broker and brokerless: on a lossless network every subscription
 * gets exactly the publications its pattern and field filter select (checked against a reference
 * matcher), predicates suppress events, the ledger groups event rows with their publication, and
 * a broker's hop adds to an event's delay as link serialisation and propagation predict.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Simulator } from '../../src/engine/simulator.js';
import { jsonCodec, msgpackCodec, type Codec } from '../../src/messaging/codec.js';
import { Endpoint } from '../../src/messaging/endpoint.js';
import { Pattern } from '../../src/messaging/observer.js';
import { DeliveryLedger } from '../../src/stats/ledger.js';
import { PubSubBroker, PubSubPublisher, PubSubSubscriber, type FieldFilter } from '../../src/messaging/pubsub.js';
import { Network } from '../../src/net/network.js';
import { SimulatedRuntime } from '../../src/runtime/simulated.js';
import { simulatedLine } from '../support/runtime.js';

/** Reference topic matcher: `*` takes exactly one word, `#` zero or more, any other word itself. */
function referenceMatch(pattern: readonly string[], topic: readonly string[]): boolean {
  if (pattern.length === 0) return topic.length === 0;
  const [head, ...rest] = pattern;
  if (head === '#') return referenceMatch(rest, topic) || (topic.length > 0 && referenceMatch(pattern, topic.slice(1)));
  return topic.length > 0 && (head === '*' || head === topic[0]) && referenceMatch(rest, topic.slice(1));
}

/** Reference field filter: every listed field of the body equal to the given value. */
function referenceFilter(body: Record<string, unknown>, filter: FieldFilter | undefined): boolean {
  return filter === undefined || Object.keys(filter).every((field) => body[field] === filter[field]);
}

const SUBSCRIBERS = ['s0', 's1', 's2'] as const;
const PUBLISHER = 'pub';
const BROKER = 'broker';
/** When publications are made: long after every subscribe frame has arrived. */
const PUBLISH_AT = 1;

interface Subscription {
  subscriber: number;
  pattern: string;
  filter: FieldFilter | undefined;
}

interface Publication {
  topic: string;
  k: 0 | 1;
}

type Deployment = 'broker' | 'brokerless';
const DEPLOYMENTS: readonly Deployment[] = ['broker', 'brokerless'];

const word = fc.constantFrom('a', 'b', 'c');
const topic = fc.array(word, { minLength: 1, maxLength: 4 }).map((words) => words.join('.'));
const pattern = fc.array(fc.oneof(word, fc.constant('*'), fc.constant('#')), { minLength: 1, maxLength: 4 }).map((words) => words.join('.'));
/** No filter, k equal to 0 or 1, or a field no body has (never passes). */
const filter = fc.constantFrom<FieldFilter | undefined>(undefined, { k: 0 }, { k: 1 }, { k: 1, z: 'x' });
const subscription = fc.record({ subscriber: fc.integer({ min: 0, max: SUBSCRIBERS.length - 1 }), pattern, filter });
const publication = fc.record({ topic, k: fc.constantFrom<0 | 1>(0, 1) });

/** Publisher, broker (if any) and subscribers in a line, every endpoint on one ledger. */
function deploy(deployment: Deployment, codec: Codec = jsonCodec) {
  const nodes = deployment === 'broker' ? [PUBLISHER, BROKER, ...SUBSCRIBERS] : [PUBLISHER, ...SUBSCRIBERS];
  const { sim, network, runtime } = simulatedLine(nodes);
  const ledger = new DeliveryLedger(() => sim.now, runtime);
  const endpoint = (name: string) => new Endpoint(runtime.node(name), codec, { observer: ledger });
  if (deployment === 'broker') new PubSubBroker(endpoint(BROKER));
  const publisher = new PubSubPublisher(endpoint(PUBLISHER), deployment === 'broker' ? BROKER : undefined);
  const subscribers = SUBSCRIBERS.map((name) => new PubSubSubscriber(endpoint(name)));
  const sources = deployment === 'broker' ? [BROKER] : [PUBLISHER];
  return { sim, network, ledger, publisher, subscribers, sources };
}

/** A delivery as "subscription/publication", for comparing multisets as sorted lists. */
const key = (subscription: number, publication: number) => `${subscription}/${publication}`;

describe('pub/sub fan-out', () => {
  for (const deployment of DEPLOYMENTS) {
    it(`${deployment}: each subscription gets exactly the publications its pattern and filter select`, async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(subscription, { minLength: 1, maxLength: 6 }),
          fc.array(publication, { minLength: 1, maxLength: 6 }),
          fc.constantFrom(jsonCodec, msgpackCodec),
          async (subscriptions, publications, codec) => {
            const { sim, ledger, publisher, subscribers, sources } = deploy(deployment, codec);
            const received: string[] = [];
            const wrong: string[] = [];
            subscriptions.forEach((s, j) => {
              const options = s.filter === undefined ? {} : { filter: s.filter };
              subscribers[s.subscriber]!.subscribe(
                s.pattern,
                sources,
                (body, eventTopic, from) => {
                  const { seq, k } = body as { seq: number; k: number };
                  received.push(key(j, seq));
                  const sent = publications[seq];
                  if (sent === undefined || sent.topic !== eventTopic || sent.k !== k || from !== PUBLISHER) {
                    wrong.push(`${j}: ${JSON.stringify({ body, eventTopic, from })}`);
                  }
                },
                options,
              );
            });
            sim.scheduleAt(PUBLISH_AT, () => {
              publications.forEach((p, i) => publisher.publish(p.topic, { k: p.k, seq: i }));
            });
            await sim.run();

            const expected: string[] = [];
            publications.forEach((p, i) => {
              subscriptions.forEach((s, j) => {
                const selected = referenceMatch(s.pattern.split('.'), p.topic.split('.')) && referenceFilter({ k: p.k, seq: i }, s.filter);
                if (selected) expected.push(key(j, i));
              });
            });
            expect(wrong).toEqual([]);
            expect([...received].sort()).toEqual([...expected].sort());

            // The ledger: a row per subscribe message, per publication and per event sent (grouped with its publication), each delivered once.
            const eventRows: number[] = [];
            const publicationRows: number[] = [];
            const subscriptionRows: number[] = [];
            for (let row = 0; row < ledger.length; row++) {
              expect(ledger.pattern[row]).toBe(Pattern.PubSub);
              if (ledger.group[row]! >= 0) eventRows.push(row);
              else (ledger.nodeNames[ledger.src[row]!] === PUBLISHER ? publicationRows : subscriptionRows).push(row);
            }
            expect(eventRows).toHaveLength(expected.length);
            expect(publicationRows).toHaveLength(publications.length);
            expect(subscriptionRows).toHaveLength(subscriptions.length);
            for (const row of eventRows) expect(publicationRows).toContain(ledger.group[row]);
            for (const row of [...eventRows, ...publicationRows, ...subscriptionRows]) expect(ledger.copies[row], `row ${row}`).toBe(1);
            const eventsTo = (name: string) => eventRows.filter((row) => ledger.nodeNames[ledger.dst[row]!] === name).length;
            SUBSCRIBERS.forEach((name, n) => {
              const deliveries = expected.filter((d) => subscriptions[Number(d.split('/')[0])]!.subscriber === n).length;
              expect(eventsTo(name), name).toBe(deliveries);
            });
          },
        ),
      );
    });
  }
});

describe('pub/sub predicates', () => {
  for (const deployment of DEPLOYMENTS) {
    it(`${deployment}: an event the predicate rejects is suppressed, not handed over`, async () => {
      const { sim, ledger, publisher, subscribers, sources } = deploy(deployment);
      const handled: unknown[] = [];
      subscribers[0]!.subscribe('orders.#', sources, (body) => void handled.push(body), {
        predicate: (body, eventTopic) => (body as { k: number }).k === 1 && eventTopic !== 'orders.eu.void',
      });
      sim.scheduleAt(PUBLISH_AT, () => {
        publisher.publish('orders.eu', { k: 0 });
        publisher.publish('orders.eu', { k: 1 });
        publisher.publish('orders.eu.void', { k: 1 });
      });
      await sim.run();
      expect(handled).toEqual([{ k: 1 }]);
      const eventRows = [...Array(ledger.length).keys()].filter((row) => ledger.group[row]! >= 0);
      expect(eventRows).toHaveLength(3);
      const [rejectedByBody, accepted, rejectedByTopic] = eventRows as [number, number, number];
      for (const row of [rejectedByBody, rejectedByTopic]) {
        expect(ledger.suppressedCopies[row], `row ${row}`).toBe(1);
        expect(ledger.copies[row], `row ${row}`).toBe(0);
        expect(ledger.deliveredAt[row], `row ${row}`).toBeNaN();
        expect(ledger.attempts[row], `row ${row}`).toBe(1);
      }
      expect(ledger.suppressedCopies[accepted]).toBe(0);
      expect(ledger.copies[accepted]).toBe(1);
      expect(ledger.deliveredAt[accepted]).toBeGreaterThan(PUBLISH_AT);
    });
  }
});

describe('pub/sub ledger rows', () => {
  /** s0: orders.#; s1: orders.* and #.paid; s2: orders.*.paid. */
  function subscribeAll(subscribers: PubSubSubscriber[], sources: readonly string[]): void {
    subscribers[0]!.subscribe('orders.#', sources, () => {});
    subscribers[1]!.subscribe('orders.*', sources, () => {});
    subscribers[1]!.subscribe('#.paid', sources, () => {});
    subscribers[2]!.subscribe('orders.*.paid', sources, () => {});
  }
  /** Publications and the subscribers (one per matching subscription) they reach. */
  const PUBLICATIONS: [topic: string, receivers: string[]][] = [
    ['orders.paid', ['s0', 's1', 's1']],
    ['invoices.paid', ['s1']],
    ['orders.eu.paid', ['s0', 's1', 's2']],
  ];

  const rowsOf = (ledger: DeliveryLedger) =>
    [...Array(ledger.length).keys()].map((row) => ({
      row,
      src: ledger.nodeNames[ledger.src[row]!],
      dst: ledger.nodeNames[ledger.dst[row]!],
      group: ledger.group[row],
      pattern: ledger.pattern[row],
      copies: ledger.copies[row],
    }));

  it('with a broker: a row per publication (group -1) and per matching subscription, grouped under it', async () => {
    const { sim, ledger, publisher, subscribers, sources } = deploy('broker');
    subscribeAll(subscribers, sources);
    sim.scheduleAt(PUBLISH_AT, () => PUBLICATIONS.forEach(([t], i) => publisher.publish(t, { seq: i })));
    await sim.run();
    const rows = rowsOf(ledger);
    const subscriptions = rows.filter((r) => r.group === -1 && r.src !== PUBLISHER);
    expect(subscriptions.map((r) => [r.src, r.dst, r.copies])).toEqual([['s0', BROKER, 1], ['s1', BROKER, 1], ['s1', BROKER, 1], ['s2', BROKER, 1]]);
    const publications = rows.filter((r) => r.group === -1 && r.src === PUBLISHER);
    expect(publications.map((r) => [r.src, r.dst, r.copies])).toEqual(PUBLICATIONS.map(() => [PUBLISHER, BROKER, 1]));
    PUBLICATIONS.forEach(([, receivers], i) => {
      const events = rows.filter((r) => r.group === publications[i]!.row);
      expect(events.map((r) => r.dst).sort(), `publication ${i}`).toEqual([...receivers].sort());
      for (const event of events) expect(event).toMatchObject({ src: PUBLISHER, pattern: Pattern.PubSub, copies: 1 });
    });
    expect(rows).toHaveLength(subscriptions.length + PUBLICATIONS.length + PUBLICATIONS.flatMap(([, receivers]) => receivers).length);
  });

  it('brokerless: a row per publication at the publisher, and its events grouped under it', async () => {
    const { sim, ledger, publisher, subscribers, sources } = deploy('brokerless');
    subscribeAll(subscribers, sources);
    // A publication nobody matches has its own row and no others.
    const publications: [string, string[]][] = [PUBLICATIONS[0]!, ['nobody.listens', []], ...PUBLICATIONS.slice(1)];
    sim.scheduleAt(PUBLISH_AT, () => publications.forEach(([t], i) => publisher.publish(t, { seq: i })));
    await sim.run();
    const rows = rowsOf(ledger);
    const subscriptions = rows.filter((r) => r.src !== PUBLISHER);
    expect(subscriptions.map((r) => [r.dst, r.group, r.copies])).toEqual([0, 1, 2, 3].map(() => [PUBLISHER, -1, 1]));
    let next = subscriptions.length;
    for (const [t, receivers] of publications) {
      expect(rows[next], t).toMatchObject({ src: PUBLISHER, dst: PUBLISHER, group: -1, pattern: Pattern.PubSub, copies: 1 });
      const events = rows.slice(next + 1, next + 1 + receivers.length);
      expect(events.map((r) => r.dst).sort(), t).toEqual([...receivers].sort());
      for (const event of events) expect(event, t).toMatchObject({ src: PUBLISHER, group: next, pattern: Pattern.PubSub, copies: 1 });
      next += 1 + receivers.length;
    }
    expect(rows).toHaveLength(next);
  });
});

describe('pub/sub delay', () => {
  it('with a broker, an event arrives after the publisher→broker hop plus the broker→subscriber hop', async () => {
    const headerBytes = 28;
    const up = { bandwidthBitsPerSecond: 1e6, delaySeconds: 0.02 };
    const down = { bandwidthBitsPerSecond: 3e6, delaySeconds: 0.005 };
    const sim = new Simulator(1);
    const network = new Network(sim);
    for (const node of [PUBLISHER, BROKER, 's0']) network.addNode(node);
    network.addLink({ name: 'pub-broker', between: [PUBLISHER, BROKER], ...up });
    network.addLink({ name: 'broker-s0', between: [BROKER, 's0'], ...down });
    const runtime = new SimulatedRuntime(sim, network, { headerBytes });
    const ledger = new DeliveryLedger(() => sim.now, runtime);
    const endpoint = (name: string) => new Endpoint(runtime.node(name), jsonCodec, { observer: ledger });
    new PubSubBroker(endpoint(BROKER));
    const publisher = new PubSubPublisher(endpoint(PUBLISHER), BROKER);
    const subscriber = new PubSubSubscriber(endpoint('s0'));
    const handledAt: number[] = [];
    subscriber.subscribe('orders.*', [BROKER], () => void handledAt.push(sim.now));
    const body = { order: 42, note: 'x'.repeat(300) };
    sim.scheduleAt(PUBLISH_AT, () => publisher.publish('orders.eu', body));
    await sim.run();

    const journal = network.journal;
    const messages = [...Array(journal.length).keys()];
    const publicationRow = [...Array(ledger.length).keys()].find((row) => ledger.group[row] === -1 && ledger.nodeNames[ledger.src[row]!] === PUBLISHER)!;
    const eventRow = [...Array(ledger.length).keys()].find((row) => ledger.group[row] === publicationRow)!;
    const publication = messages.find((id) => journal.trace[id] === publicationRow)!;
    const event = messages.find((id) => journal.trace[id] === eventRow)!;
    expect(publication).toBeDefined();
    expect(event).toBeDefined();
    const publicationBytes = journal.bytes[publication]!;
    const eventBytes = journal.bytes[event]!;
    // Both frames carry the 300-character body and a header.
    expect(publicationBytes).toBeGreaterThan(300 + headerBytes);
    expect(eventBytes).toBeGreaterThan(300 + headerBytes);

    // Store and forward on an idle network: each hop serialises the whole frame, then propagates.
    const hop = (bytes: number, link: typeof up) => (bytes * 8) / link.bandwidthBitsPerSecond + link.delaySeconds;
    const atBroker = PUBLISH_AT + hop(publicationBytes, up);
    const atSubscriber = atBroker + hop(eventBytes, down);
    expect(journal.sentAt[publication]).toBe(PUBLISH_AT);
    expect(journal.receivedAt[publication]).toBeCloseTo(atBroker, 12);
    expect(journal.sentAt[event]).toBeCloseTo(atBroker, 12);
    expect(journal.receivedAt[event]).toBeCloseTo(atSubscriber, 12);
    expect(handledAt).toHaveLength(1);
    expect(handledAt[0]).toBeCloseTo(atSubscriber, 12);
    expect(ledger.openedAt[publicationRow]).toBe(PUBLISH_AT);
    expect(ledger.deliveredAt[publicationRow]).toBeCloseTo(atBroker, 12);
    expect(ledger.deliveredAt[eventRow]).toBeCloseTo(atSubscriber, 12);
    // The event's delay, measured from the publication, includes the hop to the broker.
    expect(ledger.deliveredAt[eventRow]! - ledger.openedAt[publicationRow]!).toBeGreaterThan(hop(eventBytes, down) + up.delaySeconds);
  });
});
