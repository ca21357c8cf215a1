/**
 * Topic matching (AMQP topic-exchange semantics): topicMatches against a small reference matcher
 * on random patterns and topics, worked examples, and what isTopic / isTopicPattern accept.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isTopic, isTopicPattern, topicMatches } from '../../src/messaging/topics.js';

/** Reference: `*` takes exactly one word, `#` zero or more, any other word itself. */
function referenceMatch(pattern: readonly string[], topic: readonly string[]): boolean {
  if (pattern.length === 0) return topic.length === 0;
  const [head, ...rest] = pattern;
  if (head === '#') return referenceMatch(rest, topic) || (topic.length > 0 && referenceMatch(pattern, topic.slice(1)));
  return topic.length > 0 && (head === '*' || head === topic[0]) && referenceMatch(rest, topic.slice(1));
}

/** A tiny alphabet so that random patterns match random topics often. */
const word = fc.constantFrom('a', 'b', 'c');
const topicWords = fc.array(word, { minLength: 1, maxLength: 5 });
const patternWords = fc.array(fc.oneof(word, fc.constant('*'), fc.constant('#')), { minLength: 1, maxLength: 5 });

/** A topic the pattern must match: each `*` replaced by one word, each `#` by 0–3 words. */
const patternAndInstance = patternWords.chain((pattern) =>
  fc
    .tuple(...pattern.map((w) => (w === '*' ? word.map((x) => [x]) : w === '#' ? fc.array(word, { maxLength: 3 }) : fc.constant([w]))))
    .map((parts) => ({ pattern, topic: parts.flat() })),
);

describe('topicMatches', () => {
  it('agrees with the reference matcher on random patterns and topics', () => {
    let matched = 0;
    let total = 0;
    fc.assert(
      fc.property(patternWords, topicWords, (pattern, topic) => {
        const expected = referenceMatch(pattern, topic);
        total++;
        if (expected) matched++;
        expect(topicMatches(pattern.join('.'), topic.join('.'))).toBe(expected);
      }),
      { numRuns: 2000 },
    );
    // The alphabet is small enough that both answers are exercised often.
    expect(matched).toBeGreaterThan(total / 20);
    expect(total - matched).toBeGreaterThan(total / 20);
  });

  it('matches every topic obtained by filling in the wildcards of a pattern', () => {
    fc.assert(
      fc.property(patternAndInstance, ({ pattern, topic }) => {
        fc.pre(topic.length > 0);
        expect(topicMatches(pattern.join('.'), topic.join('.'))).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('does not match when one literal word of a matching topic is changed', () => {
    fc.assert(
      fc.property(topicWords, fc.nat(), (topic, at) => {
        // The pattern is the topic itself: only the identical topic matches.
        const changed: string[] = [...topic];
        const i = at % topic.length;
        changed[i] = `${topic[i]}x`;
        expect(topicMatches(topic.join('.'), topic.join('.'))).toBe(true);
        expect(topicMatches(topic.join('.'), changed.join('.'))).toBe(false);
      }),
    );
  });

  it('follows AMQP topic-exchange examples', () => {
    const cases: [pattern: string, topic: string, matches: boolean][] = [
      ['orders.*', 'orders.eu', true],
      ['orders.*', 'orders.eu.paid', false],
      ['orders.*', 'orders', false],
      ['orders.*', 'invoices.eu', false],
      ['orders.#', 'orders', true],
      ['orders.#', 'orders.eu', true],
      ['orders.#', 'orders.eu.paid', true],
      ['orders.#', 'order', false],
      ['orders.#', 'invoices.orders', false],
      ['#', 'orders', true],
      ['#', 'orders.eu.paid', true],
      ['#.paid', 'paid', true],
      ['#.paid', 'orders.paid', true],
      ['#.paid', 'orders.eu.paid', true],
      ['#.paid', 'orders.eu.paid.late', false],
      ['#.paid', 'orders.eu', false],
      ['orders.*.paid', 'orders.eu.paid', true],
      ['orders.*.paid', 'orders.paid', false],
      ['orders.*.paid', 'orders.eu.us.paid', false],
      ['orders.#.paid', 'orders.paid', true],
      ['orders.#.paid', 'orders.eu.us.paid', true],
      ['orders.#.paid', 'orders.eu.us', false],
      ['*', 'orders', true],
      ['*', 'orders.eu', false],
      ['*.*', 'orders', false],
      ['*.#', 'orders', true],
      ['#.*', 'orders.eu.paid', true],
      ['#.#', 'orders', true],
      ['#.eu.#', 'orders.eu.paid', true],
      ['#.eu.#', 'eu', true],
      ['#.eu.#', 'orders.us.paid', false],
      ['orders.eu', 'orders.eu', true],
      ['orders.eu', 'orders.eu.paid', false],
      ['orders.eu.paid', 'orders.eu', false],
    ];
    for (const [pattern, topic, matches] of cases) {
      expect(topicMatches(pattern, topic), `${pattern} ~ ${topic}`).toBe(matches);
      expect(referenceMatch(pattern.split('.'), topic.split('.')), `reference: ${pattern} ~ ${topic}`).toBe(matches);
    }
  });
});

describe('isTopic', () => {
  it('accepts dot-separated non-empty words', () => {
    for (const topic of ['orders', 'orders.eu', 'orders.eu.paid', 'a.b.c.d.e', 'order-1.eu_west.Paid', '0.1']) {
      expect(isTopic(topic), topic).toBe(true);
    }
  });

  it('rejects empty topics and empty words', () => {
    for (const topic of ['', '.', 'orders.', '.orders', 'orders..paid']) expect(isTopic(topic), JSON.stringify(topic)).toBe(false);
  });

  it('rejects wildcards as words', () => {
    for (const topic of ['*', '#', 'orders.*', 'orders.#', '#.paid', 'orders.*.paid']) expect(isTopic(topic), topic).toBe(false);
  });

  it('rejects * and # inside words (a topic is words without * or #)', () => {
    for (const topic of ['orders.eu*', 'orders.#eu', 'a*b', 'or#ders.eu', 'orders.**']) expect(isTopic(topic), topic).toBe(false);
  });

  it('accepts exactly the joined random word lists with no empty word and no wildcard word', () => {
    // Words with * or # inside are the previous test's business.
    const anyWord = fc.constantFrom('', 'a', 'b', '*', '#', 'a-b', 'a_b');
    fc.assert(
      fc.property(fc.array(anyWord, { minLength: 1, maxLength: 4 }), (words) => {
        const expected = words.every((w) => w.length > 0 && w !== '*' && w !== '#');
        expect(isTopic(words.join('.'))).toBe(expected);
      }),
    );
  });
});

describe('isTopicPattern', () => {
  it('accepts words, * and # as whole words', () => {
    for (const pattern of ['orders', 'orders.eu', 'orders.*', 'orders.#', '#', '*', '#.paid', '*.*.paid', 'orders.#.paid', '#.#']) {
      expect(isTopicPattern(pattern), pattern).toBe(true);
    }
  });

  it('rejects empty patterns and empty words', () => {
    for (const pattern of ['', '.', 'orders.', '.orders', 'orders..paid', '#.', '.*']) {
      expect(isTopicPattern(pattern), JSON.stringify(pattern)).toBe(false);
    }
  });

  it('rejects * and # inside words', () => {
    for (const pattern of ['orders*', 'orders.eu*', '*orders', 'or#ders', 'orders.##', 'orders.*#', '**']) {
      expect(isTopicPattern(pattern), pattern).toBe(false);
    }
  });

  it('accepts exactly the joined random word lists whose words are non-empty and wildcard-free or a lone wildcard', () => {
    const anyWord = fc.constantFrom('', 'a', 'b', '*', '#', 'a*', '#b', '**', '*#', 'a-b');
    fc.assert(
      fc.property(fc.array(anyWord, { minLength: 1, maxLength: 4 }), (words) => {
        const expected = words.every((w) => w === '*' || w === '#' || (w.length > 0 && !w.includes('*') && !w.includes('#')));
        expect(isTopicPattern(words.join('.'))).toBe(expected);
      }),
    );
  });

  it('accepts every topic as a pattern that matches itself', () => {
    fc.assert(
      fc.property(topicWords, (words) => {
        const topic = words.join('.');
        expect(isTopic(topic)).toBe(true);
        expect(isTopicPattern(topic)).toBe(true);
        expect(topicMatches(topic, topic)).toBe(true);
      }),
    );
  });
});
