/**
 * Topic matching for publish/subscribe. Topics are dot-separated words ("orders.eu.paid");
 * a subscription pattern may use `*` for exactly one word and `#` for any number of words,
 * none included (so "orders.#" matches "orders", "orders.eu" and "orders.eu.paid"), as in
 * AMQP topic exchanges.
 */

/** Whether `topic` is a topic: one or more non-empty words without wildcards. */
export function isTopic(topic: string): boolean {
  return topic.split('.').every((word) => word.length > 0 && !/[*#]/.test(word));
}

/** Whether `pattern` is a subscription pattern: non-empty words, `*` and `#` only as whole words. */
export function isTopicPattern(pattern: string): boolean {
  return pattern.split('.').every((word) => word.length > 0 && (word === '*' || word === '#' || !/[*#]/.test(word)));
}

/** Whether a subscription pattern matches a topic. */
export function topicMatches(pattern: string, topic: string): boolean {
  return wordsMatch(pattern.split('.'), topic.split('.'));
}

/** Whether a pattern matches a topic, both already split into words. */
export function wordsMatch(pattern: readonly string[], topic: readonly string[]): boolean {
  return matchWords(pattern, 0, topic, 0);
}

/** Whether a pattern has no wildcard, so it matches exactly the topic it spells. */
export function isLiteralPattern(pattern: string): boolean {
  return !/[*#]/.test(pattern);
}

function matchWords(pattern: readonly string[], p: number, topic: readonly string[], t: number): boolean {
  for (;;) {
    if (p === pattern.length) return t === topic.length;
    const word = pattern[p]!;
    if (word === '#') {
      // Collapse consecutive '#', then try every possible number of words for it.
      while (pattern[p + 1] === '#') p++;
      if (p + 1 === pattern.length) return true;
      for (let skip = t; skip <= topic.length; skip++) if (matchWords(pattern, p + 1, topic, skip)) return true;
      return false;
    }
    if (t === topic.length || (word !== '*' && word !== topic[t])) return false;
    p++;
    t++;
  }
}
