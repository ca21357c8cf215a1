import { readFileSync, readdirSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { ScenarioError } from '../../src/scenario/errors.js';
import { parseScenario } from '../../src/scenario/load.js';
import { scenarioJsonSchema, scenarioJsonSchemaText } from '../../src/scenario/schema.js';
import YAML from 'yaml';

const basic = readFileSync('scenarios/p2p-basic.yaml', 'utf8');

/** The one-line message parseScenario gives for `text`. */
function problem(text: string): string {
  try {
    parseScenario(text, 'x.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(ScenarioError);
    return (error as ScenarioError).message;
  }
  throw new Error('expected a ScenarioError');
}

describe('parseScenario', () => {
  it('reads p2p-basic.yaml into base units', () => {
    expect(parseScenario(basic, 'p2p-basic.yaml')).toEqual({
      name: 'p2p-basic',
      seed: 42,
      maxEvents: 100_000_000,
      headerBytes: 0,
      codec: 'msgpack',
      routing: 'hops',
      nodes: ['client', 'server'],
      links: [
        {
          name: 'client-server',
          between: ['client', 'server'],
          bandwidthBitsPerSecond: 10_000_000,
          delaySeconds: 0.01,
          loss: 0,
          reorder: false,
          duplicate: 0,
          corrupt: 0,
        },
      ],
      flows: [
        {
          name: 'requests',
          pattern: 'p2p',
          from: 'client',
          to: 'server',
          count: 1000,
          size: { kind: 'constant', value: 1000 },
          interval: { kind: 'constant', value: 0.002 },
          startSeconds: 0,
          delivery: 'at-most-once',
          ordered: false,
          retry: { timeoutSeconds: 0.2, backoff: 2, maxTimeoutSeconds: 10, maxRetries: 5, jitter: 0.1 },
        },
      ],
      faults: [],
      script: [],
      invariants: [],
    });
  });

  it('reads the same scenario from JSON', () => {
    expect(parseScenario(JSON.stringify(YAML.parse(basic)), 'p2p-basic.json')).toEqual(parseScenario(basic, 'p2p-basic.yaml'));
  });

  it('reads queue capacities as messages or bytes', () => {
    const withQueue = (queue: string): unknown => parseScenario(basic.replace('loss: 0', `loss: 0\n    queue: ${queue}`), 'x.yaml').links[0]!.queue;
    expect(withQueue('100')).toEqual({ messages: 100 });
    expect(withQueue('64KiB')).toEqual({ bytes: 65_536 });
  });

  const cases: [what: string, edit: (text: string) => string, message: string][] = [
    [
      'a bandwidth without a unit it knows',
      (t) => t.replace('10Mbps', '10 Mbit'),
      'x.yaml:6: links[0].bandwidth: "10 Mbit" is not a bandwidth (e.g. "10Mbps"; units: bps kbps Mbps Gbps Tbps)',
    ],
    ['a zero bandwidth', (t) => t.replace('10Mbps', '0Mbps'), 'x.yaml:6: links[0].bandwidth: "0Mbps" must be greater than zero'],
    [
      'a negative bandwidth',
      (t) => t.replace('10Mbps', '-10Mbps'),
      'x.yaml:6: links[0].bandwidth: "-10Mbps" must be greater than zero',
    ],
    ['a loss above 1', (t) => t.replace('loss: 0', 'loss: 1.5'), 'x.yaml:8: links[0].loss: 1.5 is not a loss probability (a number from 0 to 1)'],
    ['a negative loss', (t) => t.replace('loss: 0', 'loss: -0.1'), 'x.yaml:8: links[0].loss: -0.1 is not a loss probability (a number from 0 to 1)'],
    [
      'a misspelt key',
      (t) => t.replace('bandwidth:', 'bandwith:'),
      'x.yaml:6: links[0].bandwith: unknown key (did you mean "bandwidth"?); expected one of: between, name, bandwidth, delay, loss, queue, jitter, reorder, duplicate, corrupt',
    ],
    [
      'an unknown top-level key',
      (t) => `${t}colour: blue\n`,
      'x.yaml:17: colour: unknown key; expected one of: name, description, seed, until, max_events, header, codec, nodes, topology, links, routing, flows, faults, protocol, script, invariants, explore, program, services, workload, clients, sweep',
    ],
    ['an unknown node in a flow', (t) => t.replace('to: server', 'to: srv'), 'x.yaml:13: flows[0].to: unknown node "srv" (nodes: client, server)'],
    [
      'an unknown node in a link',
      (t) => t.replace('between: [client, server]', 'between: [client, db]'),
      'x.yaml:5: links[0].between[1]: unknown node "db" (nodes: client, server)',
    ],
    ['a duplicate node', (t) => t.replace('nodes: [client, server]', 'nodes: [client, server, client]'), 'x.yaml:3: nodes[2]: duplicate node name "client"'],
    [
      'a duplicate flow name',
      (t) => t + t.slice(t.indexOf('  - name: requests')).replace(/^/, ''),
      'x.yaml:17: flows[1].name: duplicate flow name "requests" (also flows[0])',
    ],
    [
      'a second link between the same nodes',
      (t) => t.replace('flows:', '  - between: [server, client]\n    bandwidth: 1Mbps\n    delay: 1ms\nflows:'),
      'x.yaml:9: links[1].between: server and client are already joined by links[0]',
    ],
    [
      'a flow between nodes no links connect',
      (t) => t.replace('nodes: [client, server]', 'nodes: [client, server, db]').replace('to: server', 'to: db'),
      'x.yaml:13: flows[0].to: no path from client to db: links do not connect them',
    ],
    ['an unknown pattern', (t) => t.replace('pattern: p2p', 'pattern: gossip'), 'x.yaml:11: flows[0].pattern: "gossip" is not a pattern (p2p, request-reply, pubsub, broadcast, work-queue)'],
    ['a missing field', (t) => t.replace('    delay: 10ms\n', ''), 'x.yaml:5: links[0].delay: missing; expected a duration (e.g. "10ms"; units: ns us ms s)'],
    ['a fractional count', (t) => t.replace('count: 1000', 'count: 10.5'), 'x.yaml:14: flows[0].count: 10.5 is not a message count (a whole number from 0 to 100,000,000)'],
    ['a size too small for the message', (t) => t.replace('size: 1000B', 'size: 10B'), 'x.yaml:15: flows[0].size: 10B is too small: the largest message needs 16B (encoded message + 0B header)'],
    ['a fractional size', (t) => t.replace('size: 1000B', 'size: 1.0005KB'), 'x.yaml:15: flows[0].size: "1.0005KB" is not a whole number of bytes'],
    ['a name unfit for a directory', (t) => t.replace('name: p2p-basic', 'name: ../up'), 'x.yaml:1: name: "../up" is not a scenario name (letters, digits, _ . -)'],
    ['broken YAML', (t) => t.replace('nodes: [client, server]', 'nodes: [client, server'), 'x.yaml:4: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]'],
    ['a duplicate key', (t) => t.replace('seed: 42', 'seed: 42\nseed: 43'), 'x.yaml:3: invalid YAML: the key "seed" appears twice in one mapping'],
    ['an empty file', () => '', 'x.yaml: expected a scenario (a mapping with name, nodes, links, flows), got nothing'],
    ['a list instead of a mapping', () => '- a\n- b\n', 'x.yaml: expected a scenario (a mapping with name, nodes, links, flows), got a list'],
  ];

  it.each(cases)('reports %s in one line with file, line, field path and what was expected', (_, edit, message) => {
    const text = edit(basic);
    expect(problem(text)).toBe(message);
  });
});

describe('parseScenario on network model keys', () => {
  const grid = `name: g
nodes: 6
topology:
  kind: grid
  width: 3
  height: 2
  link: { bandwidth: 10Mbps, delay: 1ms }
links:
  - between: [n0, n1]
    delay: 7ms
flows:
  - { name: f, pattern: p2p, from: n0, to: n5, count: 10, size: exp(1000B), interval: exp(2ms) }
faults:
  - { at: 1s, fault: partition, groups: [[n0, n1]], one_way: true }
  - { at: 2s, fault: heal }
  - { at: 3s, fault: degrade, link: n1-n2, bandwidth: 1Mbps }
  - { at: 4s, fault: clock, node: n3, offset: -5ms, drift: 0.001 }
`;

  it('generates the topology, merges explicit links over it and reads distributions and faults', () => {
    const scenario = parseScenario(grid, 'g.yaml');
    expect(scenario.nodes).toEqual(['n0', 'n1', 'n2', 'n3', 'n4', 'n5']);
    expect(scenario.links.map((link) => link.name)).toEqual(['n0-n1', 'n0-n3', 'n1-n2', 'n1-n4', 'n2-n5', 'n3-n4', 'n4-n5']);
    expect(scenario.links[0]).toMatchObject({ bandwidthBitsPerSecond: 10e6, delaySeconds: 0.007 });
    expect(scenario.links[1]).toMatchObject({ bandwidthBitsPerSecond: 10e6, delaySeconds: 0.001 });
    expect(scenario.flows[0]).toMatchObject({ size: { kind: 'exp', mean: 1000 }, interval: { kind: 'exp', mean: 0.002 } });
    expect(scenario.faults).toEqual([
      { at: 1, kind: 'partition', groups: [['n0', 'n1']], oneWay: true },
      { at: 2, kind: 'heal' },
      { at: 3, kind: 'degrade', link: 'n1-n2', bandwidthBitsPerSecond: 1e6 },
      { at: 4, kind: 'clock', node: 'n3', offsetSeconds: -0.005, drift: 0.001 },
    ]);
  });

  const cases: [what: string, text: string, message: string][] = [
    ['a grid of the wrong size', grid.replace('width: 3', 'width: 2'), 'x.yaml:5: topology.width: a 2 × 2 grid has 4 nodes, the scenario 6'],
    ['an unknown topology kind', grid.replace('kind: grid', 'kind: torus'), 'x.yaml:4: topology.kind: "torus" is not a topology kind (line, ring, star, full-mesh, grid, tree, erdos-renyi, barabasi-albert)'],
    ['a new link without bandwidth', grid.replace('between: [n0, n1]', 'between: [n0, n5]'), 'x.yaml:9: links[0].bandwidth: missing; expected a bandwidth (e.g. "10Mbps"; units: bps kbps Mbps Gbps Tbps)'],
    ['a fault on an unknown link', grid.replace('link: n1-n2', 'link: n1-n9'), 'x.yaml:16: faults[2].link: unknown link "n1-n9" (links are named "<a>-<b>" unless given a name)'],
    ['a node in two partition groups', grid.replace('groups: [[n0, n1]]', 'groups: [[n0, n1], [n1]]'), 'x.yaml:14: faults[0].groups[1][0]: node "n1" is in two groups'],
    ['an unknown fault', grid.replace('fault: heal', 'fault: meteor'), 'x.yaml:15: faults[1].fault: "meteor" is not a fault kind (partition, heal, link-down, link-up, hold, release, crash, restart, degrade, clock)'],
    ['a distribution with impossible arguments', grid.replace('exp(2ms)', '"uniform(3ms, 1ms)"'), 'x.yaml:12: flows[0].interval: "uniform(3ms, 1ms)": uniform(min, max) needs min <= max'],
    ['a malformed distribution', grid.replace('exp(2ms)', 'poisson(2ms)'), 'x.yaml:12: flows[0].interval: "poisson(2ms)" is not a duration or a distribution of durations (e.g. "10ms", "exp(10ms)", "uniform(a, b)", "normal(mean, sd)", "pareto(scale, shape)")'],
    ['a degrade that changes nothing', grid.replace(', bandwidth: 1Mbps', ''), 'x.yaml:16: faults[2]: a degrade fault needs at least one of bandwidth, delay, loss'],
    ['a drift of -1 or less', grid.replace('drift: 0.001', 'drift: -1'), 'x.yaml:17: faults[3].drift: -1 is not a drift rate (a number > -1, e.g. 0.001)'],
  ];

  it.each(cases)('reports %s in one line', (_, text, message) => {
    expect(problem(text)).toBe(message);
  });
});

describe('JSON Schema', () => {
  it('is committed as docs/scenario.schema.json, identical to `msgsim schema`', () => {
    expect(readFileSync('docs/scenario.schema.json', 'utf8')).toBe(scenarioJsonSchemaText());
  });

  it('accepts every shipped scenario and rejects what the validator rejects field by field', () => {
    const ajv = new Ajv2020({ strict: false });
    const validate = ajv.compile(scenarioJsonSchema());
    const files = ['scenarios', 'scenarios/sweeps', 'scenarios/glomers'].flatMap((dir) => readdirSync(dir).filter((name) => name.endsWith('.yaml')).map((name) => `${dir}/${name}`));
    expect(files.length).toBeGreaterThan(15);
    for (const file of files) {
      const data: unknown = YAML.parse(readFileSync(file, 'utf8'));
      expect(validate(data), `${file}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
    const data = YAML.parse(basic) as { links: { bandwidth: string; loss: number; bandwith?: string }[] };
    for (const bad of [{ bandwidth: '10 Mbit' }, { loss: 2 }, { bandwith: '1Mbps' }]) {
      expect(validate({ ...data, links: [{ ...data.links[0], ...bad }] })).toBe(false);
    }
  });
});
