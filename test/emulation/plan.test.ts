import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Fate } from '../../src/net/fates.js';
import { FaultState } from '../../src/emulation/fault-state.js';
import { emulationProblems } from '../../src/emulation/emulable.js';
import { NotEmulableError } from '../../src/emulation/errors.js';
import { planEmulation, type EmulationPlan } from '../../src/emulation/plan.js';
import type { RouteEntry } from '../../src/emulation/routes.js';
import { UNBOUNDED_QUEUE_PACKETS } from '../../src/emulation/shaping.js';
import type { LinkConfig } from '../../src/net/link.js';
import type { RoutingMetric } from '../../src/net/routing.js';
import { parseScenario } from '../../src/scenario/load.js';
import type { Scenario } from '../../src/scenario/scenario.js';
import { connectedGraph, networkOf } from '../support/graph.js';

const LINE = parseScenario(
  `
name: line
nodes: [a, b, c, d]
links:
  - { name: a-b, between: [a, b], bandwidth: 10Mbps, delay: 0ms, loss: 0.25, queue: 20 }
  - { name: b-c, between: [b, c], bandwidth: 1Mbps, delay: 0ms, queue: 64KiB }
  - { name: c-d, between: [c, d], bandwidth: 99bps, delay: 0ms }
`,
  'line.yaml',
);

/** A scenario of the nodes and links given, nothing else. */
function scenarioOf(nodes: string[], links: LinkConfig[], routing: RoutingMetric = 'hops', extra: Partial<Scenario> = {}): Scenario {
  return { name: 'generated', seed: 1, maxEvents: 1e6, headerBytes: 0, codec: 'msgpack', routing, nodes, links, flows: [], faults: [], script: [], invariants: [], ...extra };
}

/** The one message planEmulation refuses `scenario` with. */
function refusal(scenario: Scenario, netem = false): string {
  try {
    planEmulation(scenario, { prefix: 'test', netem });
  } catch (error) {
    expect(error).toBeInstanceOf(NotEmulableError);
    return (error as Error).message;
  }
  throw new Error('expected a refusal');
}

describe('planEmulation', () => {
  const plan = planEmulation(LINE, { prefix: 'msgsim-7-1.0', netem: false });

  it('gives each node a namespace and an address on its lo', () => {
    expect(plan.nodes.map((n) => [n.name, n.namespace, n.address, n.forwards])).toEqual([
      ['a', 'msgsim-7-1.0-0', '10.200.0.1', false],
      ['b', 'msgsim-7-1.0-1', '10.200.0.2', true],
      ['c', 'msgsim-7-1.0-2', '10.200.0.3', true],
      ['d', 'msgsim-7-1.0-3', '10.200.0.4', false],
    ]);
  });

  it('joins the ends of each link by a /31 on interfaces named within 15 bytes', () => {
    expect(plan.links[1]).toMatchObject({
      name: 'b-c',
      ifname: 'l1',
      ends: [
        { node: 1, address: '10.201.0.2', mac: '02:6d:73:00:01:00' },
        { node: 2, address: '10.201.0.3', mac: '02:6d:73:00:01:01' },
      ],
    });
    const big = planEmulation(scenarioOf(['x', 'y'], Array.from({ length: 300 }, (_, i) => link(`x-y-${i}`, 'x', 'y'))), { prefix: 'p', netem: false });
    expect(big.links[299]!.ends[1]).toEqual({ node: 1, address: '10.201.2.87', mac: '02:6d:73:01:2b:01' });
    for (const l of big.links) expect(Buffer.byteLength(l.ifname)).toBeLessThanOrEqual(15);
    const many = planEmulation(scenarioOf(Array.from({ length: 300 }, (_, i) => `n${i}`), []), { prefix: 'p', netem: false });
    expect(many.nodes[299]!.address).toBe('10.200.1.44');
  });

  it('shapes each direction at its bandwidth with the queue its link asks for', () => {
    const shapers = plan.directions.map((d) => [d.index, d.from, d.to, d.shaper.rateBitsPerSecond, d.shaper.burstBytes, d.shaper.queue, d.lossProbability]);
    expect(shapers).toEqual([
      [0, 0, 1, 10e6, 6250, { kind: 'packets', limit: 20, bounded: true }, 0.25],
      [1, 1, 0, 10e6, 6250, { kind: 'packets', limit: 20, bounded: true }, 0.25],
      [2, 1, 2, 1e6, 625, { kind: 'bytes', limit: 65536, bounded: true }, 0],
      [3, 2, 1, 1e6, 625, { kind: 'bytes', limit: 65536, bounded: true }, 0],
      // 99 bit/s is 12.375 bytes/s: the kernel counts whole bytes, 12.
      [4, 2, 3, 96, 1, { kind: 'packets', limit: UNBOUNDED_QUEUE_PACKETS, bounded: false }, 0],
      [5, 3, 2, 96, 1, { kind: 'packets', limit: UNBOUNDED_QUEUE_PACKETS, bounded: false }, 0],
    ]);
    expect(plan.directions.every((d) => !d.shaper.netem && d.shaper.delaySeconds === 0)).toBe(true);
  });

  it('routes every node to every other along the line', () => {
    const a = plan.nodes[0]!.routes;
    expect(a).toEqual(['10.200.0.2', '10.200.0.3', '10.200.0.4'].map((destination) => ({ kind: 'via', destination, via: '10.201.0.1', ifname: 'l0', source: '10.200.0.1' })));
    expect(plan.nodes[2]!.routes.map((r) => r.kind === 'via' && r.ifname)).toEqual(['l1', 'l1', 'l2']);
  });

  it('blackholes the nodes it cannot reach', () => {
    const split = planEmulation(scenarioOf(['a', 'b', 'c'], [link('a-b', 'a', 'b')]), { prefix: 'p', netem: false });
    expect(split.nodes[0]!.routes[1]).toEqual({ kind: 'blackhole', destination: '10.200.0.3' });
    expect(split.nodes[2]!.routes).toEqual([
      { kind: 'blackhole', destination: '10.200.0.1' },
      { kind: 'blackhole', destination: '10.200.0.2' },
    ]);
  });

  it('rejects a prefix that cannot start namespace names', () => {
    expect(() => planEmulation(LINE, { prefix: 'a/b', netem: false })).toThrow(RangeError);
    expect(() => planEmulation(LINE, { prefix: '', netem: false })).toThrow(RangeError);
  });

  it('keeps the delay of links with netem, and routes by it', () => {
    // a-c directly takes 10 ms; a-b-c 2 ms: by delay the route goes through b, by hops it does not.
    const links = [link('a-c', 'a', 'c', 0.01), link('a-b', 'a', 'b', 0.001), link('b-c', 'b', 'c', 0.001)];
    const byDelay = planEmulation(scenarioOf(['a', 'b', 'c'], links, 'delay'), { prefix: 'p', netem: true });
    expect(byDelay.directions[0]!.shaper).toMatchObject({ netem: true, delaySeconds: 0.01 });
    expect(viaInterface(byDelay.nodes[0]!.routes[1]!)).toBe('l1');
    const byHops = planEmulation(scenarioOf(['a', 'b', 'c'], links, 'hops'), { prefix: 'p', netem: true });
    expect(viaInterface(byHops.nodes[0]!.routes[1]!)).toBe('l0');
  });
});

describe('emulated routes', () => {
  const metric = fc.constantFrom<RoutingMetric>('hops', 'delay');
  const delays = fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 64, maxLength: 64 });

  it("take the simulator's path between every pair, also around a link that is down", async () => {
    await fc.assert(
      fc.asyncProperty(connectedGraph(7), metric, delays, fc.nat(), async (graph, routing, ms, down) => {
        const params = (i: number) => ({ bandwidthBitsPerSecond: 1e6, delaySeconds: ms[i % ms.length]! / 1000 });
        const nodes = Array.from({ length: graph.n }, (_, i) => String(i));
        const links = graph.edges.map(([a, b], i) => ({ name: `${a}-${b}`, between: [String(a), String(b)] as [string, string], ...params(i) }));
        const plan = planEmulation(scenarioOf(nodes, links, routing), { prefix: 'p', netem: true });
        const state = new FaultState(plan);
        const downLink = down % links.length;
        for (const phase of ['up', 'down'] as const) {
          const { sim, network } = networkOf(graph, params, { routing });
          if (phase === 'down') {
            network.setLinkUp(downLink, false);
            state.apply({ at: 0, kind: 'link-down', link: links[downLink]!.name });
          }
          const routes = state.routes();
          const pairs = nodes.flatMap((_, u) => nodes.map((_, v) => [u, v] as const)).filter(([u, v]) => u !== v);
          sim.scheduleAt(0, () => pairs.forEach(([u, v]) => network.send(u, v, 100, null, 0)));
          await sim.run();
          pairs.forEach(([u, v], message) => {
            const simulated = simulatedPath(network, message);
            expect(kernelPath(plan, routes, u, v), `${phase}: ${u} -> ${v}`).toEqual(simulated);
          });
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe('refusals', () => {
  it('names the field, its value and what to do instead, in one line', () => {
    const delayed = scenarioOf(['a', 'b'], [link('a-b', 'a', 'b', 0.005)]);
    expect(refusal(delayed)).toBe(
      "generated: cannot emulate links[0].delay = 5ms: this kernel has no netem (CONFIG_NET_SCH_NETEM); set the delay to 0 and msgsim will use the veth's measured latency",
    );
    expect(refusal(delayed)).not.toContain('\n');
    expect(() => planEmulation(delayed, { prefix: 'p', netem: true })).not.toThrow();
  });

  it('refuses what no kernel here can do, with netem or without', () => {
    const cases: [Partial<LinkConfig>, string][] = [
      [{ jitter: { kind: 'exp', mean: 0.001 } }, 'links[0].jitter = exp(1ms)'],
      [{ reorder: true }, 'links[0].reorder = true'],
      [{ loss: { model: 'gilbert-elliott', p: 0.1, r: 0.5, lossGood: 0, lossBad: 1 } }, 'links[0].loss = gilbert-elliott(p 0.1, r 0.5)'],
      [{ duplicate: 0.01 }, 'links[0].duplicate = 0.01'],
      [{ corrupt: 0.02 }, 'links[0].corrupt = 0.02'],
      [{ queue: { messages: 0 } }, 'links[0].queue = 0'],
      [{ queue: { bytes: 0 } }, 'links[0].queue = 0'],
    ];
    for (const [fields, what] of cases) {
      for (const netem of [false, true]) {
        expect(refusal(scenarioOf(['a', 'b'], [{ ...link('a-b', 'a', 'b'), ...fields }]), netem)).toContain(`cannot emulate ${what}: `);
      }
    }
  });

  it('refuses faults real clocks and queues cannot follow', () => {
    const faulted = (fault: Scenario['faults'][number]) => scenarioOf(['a', 'b'], [link('a-b', 'a', 'b')], 'hops', { faults: [{ at: 0, kind: 'heal' }, fault] });
    expect(refusal(faulted({ at: 1, kind: 'clock', node: 'a', offsetSeconds: 0.1 }))).toBe(
      'generated: cannot emulate faults[1] = clock a: clock faults cannot be applied to real clocks',
    );
    expect(refusal(faulted({ at: 1, kind: 'hold', link: 'a-b' }))).toContain('cannot emulate faults[1] = hold a-b: ');
    expect(refusal(faulted({ at: 1, kind: 'release', link: 'a-b' }))).toContain('cannot emulate faults[1] = release a-b: ');
    expect(refusal(faulted({ at: 1, kind: 'degrade', link: 'a-b', delaySeconds: 0.002 }))).toContain('cannot emulate faults[1].delay = 2ms: this kernel has no netem');
    expect(() => planEmulation(faulted({ at: 1, kind: 'degrade', link: 'a-b', delaySeconds: 0, loss: 0.1 }), { prefix: 'p', netem: false })).not.toThrow();
    expect(() => planEmulation(faulted({ at: 1, kind: 'crash', node: 'a' }), { prefix: 'p', netem: false })).not.toThrow();
  });

  it('lists every problem in the order of the document', () => {
    const scenario = scenarioOf(['a', 'b'], [{ ...link('a-b', 'a', 'b', 0.001), duplicate: 0.5 }, { ...link('b-a', 'b', 'a'), corrupt: 0.5 }], 'hops', {
      faults: [{ at: 0, kind: 'hold', link: 'a-b' }],
    });
    expect(emulationProblems(scenario, { netem: false }).map((p) => p.path.join('.'))).toEqual(['links.0.delay', 'links.0.duplicate', 'links.1.corrupt', 'faults.0']);
  });
});

function link(name: string, a: string, b: string, delaySeconds = 0): LinkConfig {
  return { name, between: [a, b], bandwidthBitsPerSecond: 1e6, delaySeconds };
}

function viaInterface(route: RouteEntry): string | undefined {
  return route.kind === 'via' ? route.ifname : undefined;
}

/** The directions a simulated message took (hop journal transmitters), or "dropped" if it found no route. */
function simulatedPath(network: ReturnType<typeof networkOf>['network'], message: number): number[] | 'dropped' {
  if (network.journal.fate[message] === Fate.NoRoute) return 'dropped';
  const path: number[] = [];
  for (let hop = 0; hop < network.hops.length; hop++) if (network.hops.message[hop] === message) path.push(network.hops.transmitter[hop]!);
  return path;
}

/** The directions a packet from u to v takes by following the kernel routes, or "dropped" at a blackhole. */
function kernelPath(plan: EmulationPlan, routes: RouteEntry[][], u: number, v: number): number[] | 'dropped' {
  const path: number[] = [];
  for (let at = u; at !== v; ) {
    const route = routes[at]!.find((r) => r.destination === plan.nodes[v]!.address)!;
    if (route.kind === 'blackhole') return 'dropped';
    const link = plan.links.find((l) => l.ifname === route.ifname)!;
    const end = link.ends[0].node === at ? 0 : 1;
    expect(route.via).toBe(link.ends[1 - end]!.address);
    path.push(2 * link.index + end);
    at = link.ends[1 - end]!.node;
    expect(path.length).toBeLessThanOrEqual(plan.nodes.length);
  }
  return path;
}
