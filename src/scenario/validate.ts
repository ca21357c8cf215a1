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
  const nodes = checkNodes(input.nodes, fail);
  const links = checkLinks(input.links, nodes, fail);
  const flows = checkFlows(input, nodes, links, fail);
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

/** The set of node names; reports duplicates. */
function checkNodes(names: readonly string[], fail: Fail): ReadonlySet<string> {
  const nodes = new Set<string>();
  names.forEach((node, i) => {
    if (nodes.has(node)) fail(['nodes', i], `duplicate node name "${node}"`);
    nodes.add(node);
  });
  return nodes;
}

function checkKnownNode(nodes: ReadonlySet<string>, node: string, path: FieldPath, fail: Fail): void {
  if (!nodes.has(node)) fail(path, `unknown node "${node}" (nodes: ${[...nodes].join(', ')})`);
}

/** Link configurations; reports unknown nodes, self-links, second links and duplicate names. */
function checkLinks(input: ScenarioInput['links'], nodes: ReadonlySet<string>, fail: Fail): LinkConfig[] {
  const byPair = new Map<string, number>();
  const byName = new Map<string, number>();
  return input.map((link, i) => {
    const [a, b] = link.between;
    checkKnownNode(nodes, a, ['links', i, 'between', 0], fail);
    checkKnownNode(nodes, b, ['links', i, 'between', 1], fail);
    if (a === b) fail(['links', i, 'between'], `a link must join two different nodes, got ${a} twice`);
    const earlier = byPair.get(pairKey(a, b));
    if (earlier !== undefined) fail(['links', i, 'between'], `${a} and ${b} are already joined by links[${earlier}]`);
    byPair.set(pairKey(a, b), i);
    const name = link.name ?? `${a}-${b}`;
    const sameName = byName.get(name);
    if (sameName !== undefined) fail(['links', i, 'name'], `duplicate link name "${name}" (also links[${sameName}])`);
    byName.set(name, i);
    return {
      name,
      between: [a, b],
      bandwidthBitsPerSecond: link.bandwidth,
      delaySeconds: link.delay,
      loss: link.loss,
      ...(link.queue === undefined ? {} : { queue: link.queue }),
    };
  });
}

/** Flow specifications; reports duplicates, unknown or unlinked nodes, and sizes too small. */
function checkFlows(input: ScenarioInput, nodes: ReadonlySet<string>, links: readonly LinkConfig[], fail: Fail): FlowSpec[] {
  const linked = new Set(links.map((link) => pairKey(link.between[0], link.between[1])));
  const codec = CODECS[input.codec]!;
  const byName = new Map<string, number>();
  return input.flows.map((flow, i) => {
    const earlier = byName.get(flow.name);
    if (earlier !== undefined) fail(['flows', i, 'name'], `duplicate flow name "${flow.name}" (also flows[${earlier}])`);
    byName.set(flow.name, i);
    checkKnownNode(nodes, flow.from, ['flows', i, 'from'], fail);
    checkKnownNode(nodes, flow.to, ['flows', i, 'to'], fail);
    if (flow.from === flow.to) fail(['flows', i, 'to'], `a flow must go to another node, got ${flow.to} twice`);
    if (!linked.has(pairKey(flow.from, flow.to))) {
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
}

/** The same key for (a, b) and (b, a). */
function pairKey(a: string, b: string): string {
  return a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
}
