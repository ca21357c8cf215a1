/**
 * A pattern added from one file (test/patterns/toy.ts) is a pattern like the built-ins: its
 * fields are validated with the same messages, it runs from a scenario, its frames are in the
 * journal and its own check is among the run's rows.
 */
import { describe, expect, it } from 'vitest';
import { ScenarioError } from '../../src/scenario/errors.js';
import { parseScenario } from '../../src/scenario/load.js';
import { firstReceivers, patternOf, registerPattern } from '../../src/scenario/patterns/index.js';
import { scenarioJsonSchema } from '../../src/scenario/schema.js';
import { runScenario } from '../../src/scenario/simulation.js';
import { allRows, checkRun } from '../../src/stats/checks/index.js';
import { Outcome } from '../../src/net/outcome.js';
import { echoPattern } from '../patterns/toy.js';

registerPattern(echoPattern);

const text = `name: echoes
nodes: [a, b]
links:
  - between: [a, b]
    bandwidth: 10Mbps
    delay: 5ms
flows:
  - name: ping
    pattern: echo
    from: a
    to: b
    hold: 2ms
    count: 20
    size: 100B
    interval: 1ms
    delivery: at-least-once
`;

/** The one-line message parseScenario gives for `source`. */
function problem(source: string): string {
  try {
    parseScenario(source, 'x.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(ScenarioError);
    return (error as ScenarioError).message;
  }
  throw new Error('expected a ScenarioError');
}

describe('a registered pattern', () => {
  it('reads its own fields into its flow spec', () => {
    const [flow] = parseScenario(text, 'x.yaml').flows;
    expect(flow).toMatchObject({ name: 'ping', pattern: 'echo', from: 'a', to: 'b', holdSeconds: 0.002, count: 20 });
    expect(firstReceivers(flow!)).toEqual(['b']);
    expect(patternOf('echo')).toBe(echoPattern);
  });

  it('runs from a scenario: its frames go there and back, and its own check passes', async () => {
    const record = await runScenario(parseScenario(text, 'x.yaml'));
    const journal = record.journal;
    const label = journal.findFlow('ping');
    const [a, b] = [record.nodeNames.indexOf('a'), record.nodeNames.indexOf('b')];
    let out = 0;
    let back = 0;
    for (let id = 0; id < journal.length; id++) {
      if (journal.flow[id] !== label || journal.outcome[id] !== Outcome.Delivered) continue;
      if (journal.src[id] === a && journal.dst[id] === b) out++;
      if (journal.src[id] === b && journal.dst[id] === a) back++;
    }
    expect([out, back]).toEqual([20, 20]);
    expect(journal.findFlow('ping:ack')).toBeGreaterThanOrEqual(0);
    const rows = allRows(checkRun(record));
    const echoes = rows.find((row) => row.flow === 'ping' && row.metric === 'echoes');
    expect(echoes).toMatchObject({ measured: 20, expected: 20, ok: true });
    expect(rows.filter((row) => !row.ok)).toEqual([]);
  });

  it('fails its own check when the echoes do not come back', async () => {
    // b cannot reach a: every message arrives, no echo comes back (at most once, ordered: a ledger row each).
    const cut = `${text.replace('delivery: at-least-once', 'delivery: at-most-once\n    ordered: true')}faults:\n  - { at: 0, fault: partition, groups: [[b], [a]], one_way: true }\n`;
    const echoes = allRows(checkRun(await runScenario(parseScenario(cut, 'x.yaml')))).find((row) => row.metric === 'echoes');
    expect(echoes).toMatchObject({ measured: 0, expected: 20, ok: false });
  });

  it('reports a bad value of its own field in one line with file, line and field', () => {
    expect(problem(text.replace('hold: 2ms', 'hold: soon'))).toBe('x.yaml:12: flows[0].hold: "soon" is not a duration (e.g. "10ms"; units: ns us ms s)');
  });

  it('suggests its own keys for a misspelt one', () => {
    expect(problem(text.replace('hold: 2ms', 'hodl: 2ms'))).toBe(
      'x.yaml:12: flows[0].hodl: unknown key (did you mean "hold"?); expected one of: name, from, count, size, interval, start, delivery, ordered, retry, pattern, to, hold',
    );
  });

  it('applies the checks every flow gets to its nodes', () => {
    expect(problem(text.replace('to: b', 'to: a'))).toBe('x.yaml:11: flows[0].to: a is the sending node; messages must go to another node');
  });

  it('is listed among the patterns a flow may have, and in the JSON Schema', () => {
    expect(problem(text.replace('pattern: echo', 'pattern: gossip'))).toBe(
      'x.yaml:9: flows[0].pattern: "gossip" is not a pattern (p2p, request-reply, pubsub, broadcast, work-queue, echo)',
    );
    const flows = (scenarioJsonSchema()['properties'] as Record<string, { items: { oneOf: { properties: { pattern: { const: string } } }[] } }>)['flows']!;
    expect(flows.items.oneOf.map((variant) => variant.properties.pattern.const)).toEqual(['p2p', 'request-reply', 'pubsub', 'broadcast', 'work-queue', 'echo']);
  });

  it('cannot take a name already taken', () => {
    expect(() => registerPattern(echoPattern)).toThrow(/"echo" is already registered/);
  });
});
