/**
 * Checks that need the whole scenario, and the conversion to a {@link Scenario}: node names
 * (or a count), the generated topology with explicit links merged over it, flows that can
 * reach their destination with messages that fit, and faults that name what exists. The
 * schema has already checked each field on its own.
 */
import { RandomStreams } from '../engine/random.js';
import type { LinkConfig } from '../net/link.js';
import type { LossSpec } from '../net/loss.js';
import { edgeCountBound, generateTopology, type TopologySpec } from '../net/topology.js';
import { CODECS } from '../messaging/codec.js';
import type { FieldPath } from './errors.js';
import type { FaultSpec } from './faults.js';
import type { FaultInput } from './fields/fault.js';
import type { LinkPropertiesInput } from './fields/link.js';
import type { TopologyInput } from './fields/topology.js';
import type { ScenarioInput } from './schema.js';
import { checkKnownNode, pairKey, type Fail } from './references.js';
import type { ProgramSpec, Scenario } from './scenario.js';
import { checkFlows } from './validate-flows.js';


/** Most links a scenario may have, generated and explicit together. */
export const MAX_LINKS = 2_000_000;

/** Converts schema output into a {@link Scenario}, checking cross-references. */
export function validateScenario(input: ScenarioInput, fail: Fail): Scenario {
  const nodes = checkNodes(input.nodes, fail);
  const links = checkLinks(input, nodes, fail);
  const flows = checkFlows(input.flows, nodes, links, CODECS[input.codec]!, input.header, fail);
  const faults = checkFaults(input.faults, nodes, links, fail);
  checkProtocolFields(input, nodes, fail);
  const program = checkProgramFields(input, nodes, fail);
  return {
    name: input.name,
    ...(input.description === undefined ? {} : { description: input.description }),
    seed: input.seed,
    ...(input.until === undefined ? {} : { untilSeconds: input.until }),
    maxEvents: input.max_events,
    headerBytes: input.header,
    codec: input.codec,
    routing: input.routing,
    nodes,
    links,
    flows,
    faults,
    ...(input.protocol === undefined ? {} : { protocol: input.protocol }),
    script: input.script.map((op) => ({ at: op.at, from: op.from, to: op.to, ...(op.request ? { request: true } : {}), ...(op.payload === undefined ? {} : { payload: op.payload }) })),
    invariants: input.invariants,
    ...(input.explore === undefined ? {} : { exploration: { seed: input.explore.seed, timerNoiseSeconds: input.explore.timer_noise } }),
    ...(program === undefined ? {} : { program }),
  };
}

/**
 * A program excludes flows and a protocol; its services are nodes of the scenario; a
 * workload needs a program, and its clients talk to program nodes.
 */
function checkProgramFields(input: ScenarioInput, names: readonly string[], fail: Fail): ProgramSpec | undefined {
  if (input.program === undefined) {
    if (input.workload !== undefined) fail(['workload'], 'a workload drives a program; add program: { module, export }');
    if (input.services.length > 0) fail(['services'], 'services serve a program; add program: { module, export }');
    return undefined;
  }
  if (input.protocol !== undefined) fail(['program'], 'a scenario runs a program or a protocol, not both');
  if (input.flows.length > 0) fail(['flows'], 'a scenario with a program is driven by its workload, not by flows');
  const known = new Set(names);
  const services = new Set<string>();
  input.services.forEach((service, i) => {
    if (!known.has(service)) fail(['services', i], `the ${service} service runs on the node "${service}"; add it to nodes`);
    if (services.has(service)) fail(['services', i], `${service} is listed twice`);
    services.add(service);
  });
  const nodes = names.filter((node) => !services.has(node));
  if (nodes.length === 0) fail(['nodes'], 'the program needs at least one node that is not a service');
  const programNodes = new Map(nodes.map((node, i) => [node, i]));
  const clientNodes = input.clients.nodes ?? nodes;
  input.clients.nodes?.forEach((node, i) => {
    if (!programNodes.has(node)) fail(['clients', 'nodes', i], known.has(node) ? `"${node}" runs a service; clients talk to program nodes` : `unknown node "${node}"`);
  });
  const concurrency = input.clients.concurrency;
  const threads = typeof concurrency === 'number' ? concurrency : Number(concurrency.slice(0, -1)) * nodes.length;
  if (threads > 100_000) fail(['clients', 'concurrency'], `${concurrency} makes ${threads} clients; at most 100000`);
  return {
    module: input.program,
    nodes,
    services: input.services,
    ...(input.workload === undefined ? {} : { workload: input.workload }),
    clients: {
      concurrency: threads,
      rate: input.clients.rate,
      durationSeconds: input.clients.duration,
      timeoutSeconds: input.clients.timeout,
      recoverySeconds: input.clients.recovery,
      nodes: clientNodes,
    },
  };
}

/** A protocol excludes flows; a script and invariants need a protocol and known nodes. */
function checkProtocolFields(input: ScenarioInput, names: readonly string[], fail: Fail): void {
  if (input.protocol === undefined) {
    if (input.script.length > 0) fail(['script'], 'a script drives a protocol; add protocol: { module, export }');
    if (input.invariants.length > 0) fail(['invariants'], 'invariants read what a protocol delivers; add protocol: { module, export }');
    return;
  }
  if (input.flows.length > 0) fail(['flows'], 'a scenario with a protocol is driven by its script, not by flows');
  const nodes = new Map(names.map((node, i) => [node, i]));
  input.script.forEach((op, i) => {
    checkKnownNode(nodes, op.from, ['script', i, 'from'], fail);
    checkKnownNode(nodes, op.to, ['script', i, 'to'], fail);
  });
}

/** Node names (n0 … for a count); reports duplicates. */
function checkNodes(input: ScenarioInput['nodes'], fail: Fail): string[] {
  const names = typeof input === 'number' ? Array.from({ length: input }, (_, i) => `n${i}`) : input;
  const seen = new Set<string>();
  names.forEach((node, i) => {
    if (seen.has(node)) fail(['nodes', i], `duplicate node name "${node}"`);
    seen.add(node);
  });
  return names;
}

/** Generated links with explicit ones merged over them; reports unknown nodes and duplicates. */
function checkLinks(input: ScenarioInput, names: readonly string[], fail: Fail): LinkConfig[] {
  const nodes = new Map(names.map((node, i) => [node, i]));
  const byPair = new Map<string, { index: number; explicit: number | undefined }>();
  const drafts: { name: string; between: [string, string]; fields: LinkPropertiesInput; path: FieldPath }[] = [];
  if (input.topology !== undefined) {
    for (const [a, b] of generate(input.topology, names, input.seed, fail)) {
      byPair.set(pairKey(names[a]!, names[b]!), { index: drafts.length, explicit: undefined });
      drafts.push({ name: `${names[a]}-${names[b]}`, between: [names[a]!, names[b]!], fields: input.topology.link, path: ['topology', 'link'] });
    }
  }
  input.links.forEach((link, i) => {
    const [a, b] = link.between;
    checkKnownNode(nodes, a, ['links', i, 'between', 0], fail);
    checkKnownNode(nodes, b, ['links', i, 'between', 1], fail);
    if (a === b) fail(['links', i, 'between'], `a link must join two different nodes, got ${a} twice`);
    const { between: _between, name, ...fields } = link;
    const existing = byPair.get(pairKey(a, b));
    if (existing?.explicit !== undefined) fail(['links', i, 'between'], `${a} and ${b} are already joined by links[${existing.explicit}]`);
    if (existing !== undefined) {
      // Overrides a generated link, field by field.
      const draft = drafts[existing.index]!;
      const defined = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
      drafts[existing.index] = { ...draft, name: name ?? draft.name, fields: { ...draft.fields, ...defined }, path: ['links', i] };
      existing.explicit = i;
      return;
    }
    byPair.set(pairKey(a, b), { index: drafts.length, explicit: i });
    drafts.push({ name: name ?? `${a}-${b}`, between: [a, b], fields, path: ['links', i] });
  });
  if (drafts.length > MAX_LINKS) fail(['links'], `${drafts.length} links, more than the limit of ${MAX_LINKS}`);
  const byName = new Map<string, FieldPath>();
  return drafts.map((draft) => {
    const earlier = byName.get(draft.name);
    if (earlier !== undefined) fail([...draft.path, 'name'], `duplicate link name "${draft.name}"`);
    byName.set(draft.name, draft.path);
    return linkConfig(draft.name, draft.between, draft.fields, draft.path, fail);
  });
}

/** A link's configuration with defaults; bandwidth and delay must be there. */
function linkConfig(name: string, between: [string, string], fields: LinkPropertiesInput, path: FieldPath, fail: Fail): LinkConfig {
  if (fields.bandwidth === undefined) fail([...path, 'bandwidth'], 'missing; expected a bandwidth (e.g. "10Mbps"; units: bps kbps Mbps Gbps Tbps)');
  if (fields.delay === undefined) fail([...path, 'delay'], 'missing; expected a duration (e.g. "10ms"; units: ns us ms s)');
  return {
    name,
    between,
    bandwidthBitsPerSecond: fields.bandwidth,
    delaySeconds: fields.delay,
    loss: lossSpec(fields.loss ?? 0),
    ...(fields.queue === undefined ? {} : { queue: fields.queue }),
    ...(fields.jitter === undefined ? {} : { jitter: fields.jitter }),
    reorder: fields.reorder ?? false,
    duplicate: fields.duplicate ?? 0,
    corrupt: fields.corrupt ?? 0,
  };
}

/** The generated topology's edges, after checking its parameters against the node count. */
function generate(topology: TopologyInput, names: readonly string[], seed: number, fail: Fail): readonly (readonly [number, number])[] {
  const n = names.length;
  let spec: TopologySpec;
  switch (topology.kind) {
    case 'star': {
      const center = topology.center === undefined ? 0 : names.indexOf(topology.center);
      if (center < 0) fail(['topology', 'center'], `unknown node "${topology.center}"`);
      spec = { kind: 'star', center };
      break;
    }
    case 'grid':
      if (topology.width * topology.height !== n) {
        fail(['topology', 'width'], `a ${topology.width} × ${topology.height} grid has ${topology.width * topology.height} nodes, the scenario ${n}`);
      }
      spec = topology;
      break;
    case 'barabasi-albert':
      if (topology.m >= n) fail(['topology', 'm'], `m = ${topology.m} needs more than ${topology.m} nodes; the scenario has ${n}`);
      spec = topology;
      break;
    default:
      spec = topology;
  }
  const bound = edgeCountBound(n, spec);
  if (bound > MAX_LINKS && spec.kind !== 'erdos-renyi') fail(['topology', 'kind'], `${topology.kind} on ${n} nodes makes ${bound} links, more than the limit of ${MAX_LINKS}`);
  if (spec.kind === 'erdos-renyi' && spec.p * bound > MAX_LINKS) {
    const expected = Math.round(spec.p * bound).toLocaleString('en-US');
    fail(['topology', 'p'], `G(n = ${n}, p = ${spec.p}) makes about ${expected} links, more than the limit of ${MAX_LINKS.toLocaleString('en-US')}`);
  }
  const edges = generateTopology(n, spec, new RandomStreams(seed).stream('topology'));
  if (edges.length > MAX_LINKS) fail(['topology'], `the topology made ${edges.length} links, more than the limit of ${MAX_LINKS}`);
  return edges;
}

/** Faults resolved to names; reports unknown nodes and links, overlapping groups. */
function checkFaults(input: readonly FaultInput[], names: readonly string[], links: readonly LinkConfig[], fail: Fail): FaultSpec[] {
  const nodes = new Map(names.map((node, i) => [node, i]));
  const linkNames = new Set(links.map((link) => link.name));
  const knownLink = (link: string, path: FieldPath): void => {
    if (!linkNames.has(link)) fail(path, `unknown link "${link}" (links are named "<a>-<b>" unless given a name)`);
  };
  return input.map((fault, i): FaultSpec => {
    const path = (field: string): FieldPath => ['faults', i, field];
    switch (fault.fault) {
      case 'partition': {
        const seen = new Set<string>();
        fault.groups.forEach((group, g) =>
          group.forEach((node, k) => {
            checkKnownNode(nodes, node, ['faults', i, 'groups', g, k], fail);
            if (seen.has(node)) fail(['faults', i, 'groups', g, k], `node "${node}" is in two groups`);
            seen.add(node);
          }),
        );
        return { at: fault.at, kind: 'partition', groups: fault.groups, oneWay: fault.one_way };
      }
      case 'heal':
        return { at: fault.at, kind: 'heal' };
      case 'link-down':
      case 'link-up':
      case 'hold':
      case 'release':
        knownLink(fault.link, path('link'));
        return { at: fault.at, kind: fault.fault, link: fault.link };
      case 'crash':
      case 'restart':
        checkKnownNode(nodes, fault.node, path('node'), fail);
        return { at: fault.at, kind: fault.fault, node: fault.node };
      case 'degrade': {
        knownLink(fault.link, path('link'));
        if (fault.bandwidth === undefined && fault.delay === undefined && fault.loss === undefined) {
          fail(['faults', i], 'a degrade fault needs at least one of bandwidth, delay, loss');
        }
        return {
          at: fault.at,
          kind: 'degrade',
          link: fault.link,
          ...(fault.bandwidth === undefined ? {} : { bandwidthBitsPerSecond: fault.bandwidth }),
          ...(fault.delay === undefined ? {} : { delaySeconds: fault.delay }),
          ...(fault.loss === undefined ? {} : { loss: lossSpec(fault.loss) }),
        };
      }
      case 'clock':
        checkKnownNode(nodes, fault.node, path('node'), fail);
        return {
          at: fault.at,
          kind: 'clock',
          node: fault.node,
          ...(fault.offset === undefined ? {} : { offsetSeconds: fault.offset }),
          ...(fault.drift === undefined ? {} : { drift: fault.drift }),
        };
    }
  });
}

/** A loss as the network takes it. */
function lossSpec(loss: NonNullable<LinkPropertiesInput['loss']>): LossSpec {
  return typeof loss === 'number' ? loss : { model: 'gilbert-elliott', p: loss.p, r: loss.r, lossGood: loss.loss_good, lossBad: loss.loss_bad };
}

