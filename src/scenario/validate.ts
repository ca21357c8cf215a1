/**
 * Checks that need the whole scenario: names are unique, links and flows name existing
 * nodes, every flow has a link to travel, and every message fits its size. The schema has
 * already checked each field on its own.
 */
import type { LinkConfig } from '../net/link.js';
import { CODECS } from '../messaging/codec.js';
import type { FlowSpec } from '../workload/flow.js';
import { WORKLOADS } from '../workload/registry.js';
import type { FieldPath } from './errors.js';
import type { ScenarioInput } from './schema.js';
import type { Scenario } from './scenario.js';
import { formatQuantity } from './units.js';

/** Reports a problem at a path; never returns. */
export type Fail = (path: FieldPath, detail: string) => never;

/** Converts schema output into a {@link Scenario}, checking cross-references. */
export function validateScenario(input: ScenarioInput, fail: Fail): Scenario {
  const nodes = new Set<string>();
  input.nodes.forEach((node, i) => {
    if (nodes.has(node)) fail(['nodes', i], `duplicate node name "${node}"`);
    nodes.add(node);
  });
  const knownNode = (node: string, path: FieldPath): void => {
    if (!nodes.has(node)) fail(path, `unknown node "${node}" (nodes: ${[...nodes].join(', ')})`);
  };

  const links: LinkConfig[] = [];
  const linkByPair = new Map<string, number>();
  const linkNames = new Map<string, number>();
  input.links.forEach((link, i) => {
    const [a, b] = link.between;
    knownNode(a, ['links', i, 'between', 0]);
    knownNode(b, ['links', i, 'between', 1]);
    if (a === b) fail(['links', i, 'between'], `a link must join two different nodes, got ${a} twice`);
    const pair = pairKey(a, b);
    const earlier = linkByPair.get(pair);
    if (earlier !== undefined) fail(['links', i, 'between'], `${a} and ${b} are already joined by links[${earlier}]`);
    linkByPair.set(pair, i);
    const name = link.name ?? `${a}-${b}`;
    const sameName = linkNames.get(name);
    if (sameName !== undefined) fail(['links', i, 'name'], `duplicate link name "${name}" (also links[${sameName}])`);
    linkNames.set(name, i);
    links.push({
      name,
      between: [a, b],
      bandwidthBitsPerSecond: link.bandwidth,
      delaySeconds: link.delay,
      loss: link.loss,
      ...(link.queue === undefined ? {} : { queue: link.queue }),
    });
  });

  const codec = CODECS[input.codec]!;
  const flowNames = new Map<string, number>();
  const flows: FlowSpec[] = input.flows.map((flow, i) => {
    const earlier = flowNames.get(flow.name);
    if (earlier !== undefined) fail(['flows', i, 'name'], `duplicate flow name "${flow.name}" (also flows[${earlier}])`);
    flowNames.set(flow.name, i);
    knownNode(flow.from, ['flows', i, 'from']);
    knownNode(flow.to, ['flows', i, 'to']);
    if (flow.from === flow.to) fail(['flows', i, 'to'], `a flow must go to another node, got ${flow.to} twice`);
    if (!linkByPair.has(pairKey(flow.from, flow.to))) {
      fail(['flows', i, 'to'], `no link joins ${flow.from} and ${flow.to} (add one under links)`);
    }
    const spec: FlowSpec = {
      name: flow.name,
      pattern: flow.pattern,
      from: flow.from,
      to: flow.to,
      count: flow.count,
      sizeBytes: flow.size,
      intervalSeconds: flow.interval,
      startSeconds: flow.start,
    };
    const needed = codec.encode(WORKLOADS[spec.pattern].largestMessage(spec)).length + input.header;
    if (needed > spec.sizeBytes) {
      fail(
        ['flows', i, 'size'],
        `${formatQuantity(spec.sizeBytes, 'size')} is too small: the largest message needs ${needed}B ` +
          `(encoded message + ${input.header}B header)`,
      );
    }
    return spec;
  });

  return {
    name: input.name,
    ...(input.description === undefined ? {} : { description: input.description }),
    seed: input.seed,
    ...(input.until === undefined ? {} : { untilSeconds: input.until }),
    maxEvents: input.max_events,
    headerBytes: input.header,
    codec: input.codec,
    nodes: input.nodes,
    links,
    flows,
  };
}

function pairKey(a: string, b: string): string {
  return a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
}
