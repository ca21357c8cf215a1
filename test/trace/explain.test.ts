/**
 * The story of a violation (trace/explain.ts) on a hand-made trace: a → b over c, where a's
 * retransmission timer fires once and its copy is lost at c, while c runs timers and traffic
 * of its own that the story leaves out.
 */
import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../src/trace/events.js';
import { excerpt, formatEvents } from '../../src/trace/explain.js';

const trace: TraceEvent[] = [
  // The application's script sends through a timer of its own.
  { t: 0, type: 'timer', node: 'a', action: 'set', timer: 0, due: 0.01 },
  { t: 0, type: 'timer', node: 'c', action: 'set', timer: 0, due: 0.5 },
  { t: 0.01, type: 'timer', node: 'a', action: 'fire', timer: 0 },
  { t: 0.01, type: 'app_send', node: 'a', to: 'b', msg: 0, seq: 0 },
  { t: 0.01, type: 'send', frame: 0, from: 'a', to: 'b', bytes: 50 },
  { t: 0.01, type: 'timer', node: 'a', action: 'set', timer: 5, due: 0.06 },
  { t: 0.02, type: 'drop', frame: 0, cause: 'lost', node: 'c', link: 'a-c' },
  { t: 0.03, type: 'send', frame: 1, from: 'c', to: 'b', bytes: 20 },
  { t: 0.04, type: 'deliver', frame: 1, node: 'b', from: 'c' },
  { t: 0.06, type: 'timer', node: 'a', action: 'fire', timer: 5 },
  { t: 0.06, type: 'send', frame: 2, from: 'a', to: 'b', bytes: 50 },
  { t: 0.07, type: 'drop', frame: 2, cause: 'lost', node: 'c', link: 'a-c' },
  { t: 0.5, type: 'timer', node: 'c', action: 'fire', timer: 0 },
  { t: 5, type: 'violation', invariant: 'delivered', message: 'message m0 from a to b (sent at t=0.01s) was never delivered' },
];

describe('the story of a violation', () => {
  it("tells the timers of the nodes involved and where their frames were lost, and leaves out the script's timers and other nodes", () => {
    expect(formatEvents(excerpt(trace, [0])).split('\n')).toEqual([
      't=0.010000s  a  app sends m0 to b (#0)',
      't=0.010000s  a → b  frame #0 sent (50 B)',
      't=0.010000s  a  timer 5 set (due t=0.060000s)',
      't=0.020000s  c  frame #0 DROPPED (lost on a-c)',
      't=0.060000s  a  timer 5 fire',
      't=0.060000s  a → b  frame #2 sent (50 B)',
      't=0.070000s  c  frame #2 DROPPED (lost on a-c)',
      't=5.000000s  VIOLATION of delivered: message m0 from a to b (sent at t=0.01s) was never delivered',
    ]);
  });

  it('keeps the last events when there are more than the limit', () => {
    const story = excerpt(trace, [0], 3);
    expect(story.map((event) => event.t)).toEqual([0.06, 0.07, 5]);
  });
});
