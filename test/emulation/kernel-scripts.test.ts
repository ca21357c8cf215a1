import { describe, expect, it } from 'vitest';
import { namespacesOf } from '../../src/emulation/cleanup.js';
import { FaultState } from '../../src/emulation/fault-state.js';
import { lossScript, parseCounters } from '../../src/emulation/filters.js';
import { addressCommands, changeCommands, shapingCommands, snapshotOf, sysctlScript, tableOf, vethCommands } from '../../src/emulation/kernel-scripts.js';
import { planEmulation } from '../../src/emulation/plan.js';
import { filterCountsOf, parseHtbCounters } from '../../src/emulation/stats.js';
import { parseScenario } from '../../src/scenario/load.js';
import type { FaultSpec } from '../../src/scenario/faults.js';

const scenario = (links: string, nodes = '[a, b, c]') => parseScenario(`name: s\nnodes: ${nodes}\nlinks:\n${links}`, 's.yaml');
const LINE = scenario(`
  - { name: a-b, between: [a, b], bandwidth: 10Mbps, delay: 0ms, loss: 0.1 }
  - { name: b-c, between: [b, c], bandwidth: 1Mbps, delay: 0ms, queue: 10 }
`);
const RING = scenario(`
  - { name: a-b, between: [a, b], bandwidth: 1Mbps, delay: 0ms }
  - { name: b-c, between: [b, c], bandwidth: 1Mbps, delay: 0ms }
  - { name: c-a, between: [c, a], bandwidth: 1Mbps, delay: 0ms }
`);

/** The state after `faults`, as each node's cut interfaces and the interface (or blackhole) of each route. */
function after(plan: ReturnType<typeof planEmulation>, ...faults: FaultSpec[]) {
  const state = new FaultState(plan);
  for (const fault of faults) state.apply(fault);
  const routes = state.routes();
  return plan.nodes.map((node) => ({
    cuts: state.cutInterfaces(node.index),
    routes: routes[node.index]!.map((r) => (r.kind === 'via' ? r.ifname : 'blackhole')),
  }));
}

describe('fault state', () => {
  const line = planEmulation(LINE, { prefix: 'p', netem: false });
  const ring = planEmulation(RING, { prefix: 'p', netem: false });

  it('cuts the directions between partition groups where they arrive, and routes nowhere across', () => {
    expect(after(line, { at: 0, kind: 'partition', groups: [['a']], oneWay: false })).toEqual([
      { cuts: ['l0'], routes: ['blackhole', 'blackhole'] },
      { cuts: ['l0'], routes: ['blackhole', 'l1'] },
      { cuts: [], routes: ['blackhole', 'l1'] },
    ]);
  });

  it('cuts only the directions from earlier groups to later ones in a one-way partition', () => {
    expect(after(line, { at: 0, kind: 'partition', groups: [['a']], oneWay: true })).toEqual([
      { cuts: [], routes: ['blackhole', 'blackhole'] },
      { cuts: ['l0'], routes: ['l0', 'l1'] },
      { cuts: [], routes: ['l1', 'l1'] },
    ]);
  });

  it('heals to the state it started in', () => {
    const healed = after(line, { at: 0, kind: 'partition', groups: [['a'], ['b']], oneWay: false }, { at: 1, kind: 'heal' });
    expect(healed).toEqual(after(line));
  });

  it('routes around a link that is down, and back when it is up', () => {
    const down = after(ring, { at: 0, kind: 'link-down', link: 'a-b' });
    expect(down[0]).toEqual({ cuts: ['l0'], routes: ['l2', 'l2'] });
    expect(down[1]).toEqual({ cuts: ['l0'], routes: ['l1', 'l1'] });
    expect(after(ring, { at: 0, kind: 'link-down', link: 'a-b' }, { at: 1, kind: 'link-up', link: 'a-b' })).toEqual(after(ring));
  });

  it('makes a crashed node neither forward nor receive', () => {
    const crashed = after(ring, { at: 0, kind: 'crash', node: 'b' });
    expect(crashed.map((n) => n.cuts)).toEqual([['l0'], ['l0', 'l1'], ['l1']]);
    expect(crashed[0]!.routes).toEqual(['blackhole', 'l2']);
    expect(after(ring, { at: 0, kind: 'crash', node: 'b' }, { at: 1, kind: 'restart', node: 'b' })).toEqual(after(ring));
  });

  it('degrades rate and loss of both directions', () => {
    const state = new FaultState(line);
    state.apply({ at: 0, kind: 'degrade', link: 'b-c', bandwidthBitsPerSecond: 2e5, loss: 0.5 });
    for (const direction of [2, 3]) {
      expect(state.setting(direction)).toEqual({ shaper: { ...line.directions[2]!.shaper, rateBitsPerSecond: 2e5, burstBytes: 125 }, lossProbability: 0.5 });
    }
    expect(state.setting(0)).toEqual({ shaper: line.directions[0]!.shaper, lossProbability: 0.1 });
  });
});

describe('kernel scripts', () => {
  const plan = planEmulation(LINE, { prefix: 'p', netem: false });
  const initial = snapshotOf(plan, new FaultState(plan));

  it('forwards only on nodes with two links or more, with IPv6, rp_filter and redirects off', () => {
    expect(sysctlScript(plan, 1)).toContain('echo 1 > /proc/sys/net/ipv4/ip_forward');
    expect(sysctlScript(plan, 0)).toContain('echo 0 > /proc/sys/net/ipv4/ip_forward');
    for (const setting of ['ipv6/conf/all/disable_ipv6', 'ipv6/conf/default/disable_ipv6']) expect(sysctlScript(plan, 0)).toContain(`echo 1 > /proc/sys/net/${setting}`);
    for (const setting of ['rp_filter', 'send_redirects']) expect(sysctlScript(plan, 0)).toContain(`echo 0 > /proc/sys/net/ipv4/conf/default/${setting}`);
    expect(sysctlScript(plan, 0).endsWith('exec nft -f -')).toBe(true);
  });

  it('creates each veth end in its namespace with its MAC, the MTU and one segment per packet', () => {
    expect(vethCommands(plan)[1]).toBe(
      'link add l1 netns p-1 address 02:6d:73:00:01:00 mtu 65535 gso_max_segs 1 type veth peer name l1 netns p-2 address 02:6d:73:00:01:01 mtu 65535 gso_max_segs 1',
    );
  });

  it('configures addresses, static neighbours and routes with the node address as source', () => {
    expect(addressCommands(plan, 0, initial)).toEqual([
      'link set lo up',
      'addr add 10.200.0.1/32 dev lo',
      'addr add 10.201.0.0/31 dev l0',
      'link set l0 up',
      'neigh replace 10.201.0.1 lladdr 02:6d:73:00:00:01 dev l0 nud permanent',
      'route replace 10.200.0.2/32 via 10.201.0.1 dev l0 src 10.200.0.1',
      'route replace 10.200.0.3/32 via 10.201.0.1 dev l0 src 10.200.0.1',
    ]);
  });

  it('shapes every direction leaving a node with HTB over its queue', () => {
    expect(shapingCommands(plan, 1, initial)).toEqual([
      'qdisc replace dev l0 root handle 1: htb default 1',
      'class replace dev l0 parent 1: classid 1:1 htb rate 10000000bit burst 6250b cburst 6250b quantum 65549',
      'qdisc replace dev l0 parent 1:1 handle 10: pfifo limit 100000',
      'qdisc replace dev l1 root handle 1: htb default 1',
      'class replace dev l1 parent 1: classid 1:1 htb rate 1000000bit burst 625b cburst 625b quantum 65549',
      'qdisc replace dev l1 parent 1:1 handle 10: pfifo limit 10',
    ]);
    const netem = planEmulation(LINE, { prefix: 'p', netem: true });
    expect(shapingCommands(netem, 0, snapshotOf(netem, new FaultState(netem)))).toEqual([
      'qdisc replace dev l0 root handle 2: netem delay 0.000us limit 1000000',
      'qdisc replace dev l0 parent 2:1 handle 1: htb default 1',
      'class replace dev l0 parent 1: classid 1:1 htb rate 10000000bit burst 6250b cburst 6250b quantum 65549',
      'qdisc replace dev l0 parent 1:1 handle 10: pfifo limit 100000',
    ]);
  });

  it('loses packets where they arrive, drawing against the threshold of their probability', () => {
    expect(tableOf(plan, 1, initial)).toContain(
      'add rule inet msgsim loss iifname "l0" numgen random mod 1000000000 < 100000000 counter name "lost-l0" drop',
    );
    expect(tableOf(plan, 1, initial)).not.toContain('iifname "l1" numgen');
    expect(lossScript([{ ifname: 'l3', probability: 1 }])).toContain('< 1000000000 ');
    expect(lossScript([{ ifname: 'l3', probability: 0 }])).toBe('flush chain inet msgsim loss');
  });

  it('changes only what a fault changes, cuts as nft rules and routes as replacements', () => {
    const state = new FaultState(plan);
    state.apply({ at: 0, kind: 'partition', groups: [['c']], oneWay: false });
    const changes = changeCommands(plan, initial, snapshotOf(plan, state));
    expect(changes.map((c) => c.node)).toEqual([0, 1, 2]);
    expect(changes[1]!.nft).toBe('flush chain inet msgsim faults\nadd rule inet msgsim faults iifname "l1" counter name "cut-l1" drop\n');
    expect(changes[0]).toEqual({ node: 0, nft: '', ip: ['route replace blackhole 10.200.0.3/32'], tc: [] });
    expect(changes[2]!.ip).toEqual(['route replace blackhole 10.200.0.1/32', 'route replace blackhole 10.200.0.2/32']);
  });

  it("changes a degraded link's rate where each direction leaves", () => {
    const state = new FaultState(plan);
    state.apply({ at: 1, kind: 'degrade', link: 'a-b', bandwidthBitsPerSecond: 5e6 });
    const change = 'class change dev l0 parent 1: classid 1:1 htb rate 5000000bit burst 3125b cburst 3125b quantum 65549';
    expect(changeCommands(plan, initial, snapshotOf(plan, state))).toEqual([
      { node: 0, nft: '', ip: [], tc: [change] },
      { node: 1, nft: '', ip: [], tc: [change] },
    ]);
  });
});

describe('reading the kernel back', () => {
  it('takes the HTB counters of a direction', () => {
    const json = JSON.stringify([
      { kind: 'htb', handle: '1:', root: true, bytes: 62520, packets: 60, drops: 49, overlimits: 12, requeues: 0, backlog: 9378, qlen: 9 },
      { kind: 'pfifo', handle: '10:', parent: '1:1', bytes: 62520, packets: 60, drops: 49, overlimits: 0, backlog: 9378, qlen: 9 },
    ]);
    expect(parseHtbCounters(json)).toEqual({ sentPackets: 60, sentBytes: 62520, dropped: 49, overlimits: 12, backlogBytes: 9378, backlogPackets: 9 });
  });

  it('takes the loss and cut counters of a direction', () => {
    const json =
      '{"nftables": [{"metainfo": {"version": "1.0.6"}}, {"counter": {"family": "inet", "name": "lost-l0", "table": "msgsim", "handle": 4, "packets": 504, "bytes": 19152}}, {"counter": {"family": "inet", "name": "cut-l0", "table": "msgsim", "handle": 5, "packets": 2, "bytes": 84}}]}';
    expect(filterCountsOf(parseCounters(json), 'l0')).toEqual({ lost: 504, cut: 2 });
    expect(filterCountsOf(parseCounters(json), 'l1')).toEqual({ lost: 0, cut: 0 });
  });

  it('finds the namespaces of a prefix, and not those of a longer one', () => {
    const listing = 'msgsim-12-0.1-0 (id: 3)\nmsgsim-12-0.1-1 (id: 4)\nmsgsim-123-0.0-0\nother\n';
    expect(namespacesOf(listing, 'msgsim-12')).toEqual(['msgsim-12-0.1-0', 'msgsim-12-0.1-1']);
    expect(namespacesOf(listing, 'msgsim-12-0.1')).toEqual(['msgsim-12-0.1-0', 'msgsim-12-0.1-1']);
  });
});
