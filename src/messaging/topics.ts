/**
 * Topic matching for publish/subscribe. Topics are dot-separated words ("orders.eu.paid");
 * a subscription pattern may use `*` for exactly one word and `#` for any number of words,
 * none included (so "orders.#" matches "orders", "orders.eu" and "orders.eu.paid"), as in
 * AMQP topic exchanges.
 */

/** Whether `topic` is a topic: one or more non-empty words without wildcards. */
export function isTopic(topic: string): boolean {
  return topic.split('.').every((word) => word.length > 0 && word !== '*' && word !== '#');
}

/** Whether `pattern` is a subscription pattern: non-empty words, `*` and `#` only as whole words. */
export function isTopicPattern(pattern: string): boolean {
  return pattern.split('.').every((word) => word.length > 0 && (word === '*' || word === '#' || !/[*#]/.test(word)));
}

/** Whether a subscription pattern matches a topic. */
export function topicMatches(pattern: string, topic: string): boolean {
  return matchWords(pattern.split('.'), 0, topic.split('.'), 0);
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
