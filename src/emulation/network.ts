/**
 * An emulated network, built in the Linux kernel from a plan: one namespace per node, a
 * shaped veth pair per link, loss and fault rules in nftables, routes that follow the
 * simulator's. It owns everything it creates and removes it all again ({@link destroy},
 * idempotent; also on process exit, see cleanup.ts), and gives protocol code sockets
 * inside the nodes' namespaces ({@link sockets}).
 *
 * Faults follow the simulator's state machine (fault-state.ts); how each maps onto the
 * kernel, and where the two still differ, is in docs/emulation.md ("The kernel, measured").
 */
import type { SocketFactory } from '../runtime/real/sockets.js';
import type { FaultSpec } from '../scenario/faults.js';
import { offExit, onExit, removeStaleEmulation } from './cleanup.js';
import { inNamespace, inParallel, run } from './commands.js';
import { faultRefusals } from './emulable.js';
import { FaultState } from './fault-state.js';
import { parseCounters } from './filters.js';
import {
  addressCommands,
  changeCommands,
  namespaceCommands,
  shapingCommands,
  snapshotOf,
  sysctlScript,
  tableOf,
  vethCommands,
  type KernelSnapshot,
} from './kernel-scripts.js';
import { PING_FRAME_BYTES, pingPong, type BaseLatency, type LatencyOptions } from './latency.js';
import { NamespaceSockets } from './namespace-sockets.js';
import type { EmulationPlan } from './plan.js';
import { filterCountsOf, parseHtbCounters, type FilterStats, type QdiscStats } from './stats.js';

/** A planned network, built. */
export class EmulatedNetwork {
  /** Sockets of the nodes, opened in their namespaces. */
  readonly sockets: SocketFactory;
  private readonly namespaceSockets: NamespaceSockets;
  private readonly state: FaultState;
  private applied: KernelSnapshot;
  private readonly nodeIndex: Map<string, number>;
  private destroyed: Promise<void> | undefined;
  /** Faults are applied one after another, in the order they were asked for. */
  private faults: Promise<void> = Promise.resolve();

  private constructor(readonly plan: EmulationPlan) {
    this.state = new FaultState(plan);
    this.applied = snapshotOf(plan, this.state);
    this.nodeIndex = new Map(plan.nodes.map((node) => [node.name, node.index]));
    this.namespaceSockets = new NamespaceSockets(new Map(plan.nodes.map((node) => [node.name, node])));
    this.sockets = this.namespaceSockets;
  }

  /**
   * Builds the network of `plan`. On failure, whatever was made is removed again before
   * the error is thrown. Call checkEmulationHost first for a clear message when the host
   * cannot emulate.
   */
  static async create(plan: EmulationPlan): Promise<EmulatedNetwork> {
    const network = new EmulatedNetwork(plan);
    onExit(plan.prefix);
    try {
      await network.build();
    } catch (error) {
      await network.destroy();
      throw error;
    }
    return network;
  }

  /** The address of a node (where its sockets bind). */
  addressOf(node: string): string {
    return this.plan.nodes[this.node(node)]!.address;
  }

  /**
   * Applies a fault: partition, heal, link-down, link-up, crash, restart (the network's
   * side: the node neither forwards nor receives) or degrade. Throws a NotEmulableError for
   * one the emulation cannot apply (see emulable.ts).
   */
  applyFault(fault: FaultSpec): Promise<void> {
    const [refusal] = faultRefusals(this.plan.scenario, fault, ['fault'], this.plan);
    if (refusal !== undefined) return Promise.reject(refusal);
    this.state.apply(fault);
    const next = snapshotOf(this.plan, this.state);
    const changes = changeCommands(this.plan, this.applied, next);
    this.applied = next;
    // Cuts first, everywhere, then routes and rates: a cut is the fault, routes follow it.
    const work = this.faults.catch(() => {}).then(async () => {
      await inParallel(changes.filter((c) => c.nft !== ''), (c) => inNamespace(this.namespace(c.node), 'nft', ['-f', '-'], c.nft));
      await inParallel(changes, async (c) => {
        if (c.ip.length > 0) await run('ip', ['-n', this.namespace(c.node), '-batch', '-'], lines(c.ip));
        if (c.tc.length > 0) await run('tc', ['-n', this.namespace(c.node), '-batch', '-'], lines(c.tc));
      });
    });
    this.faults = work;
    return work;
  }

  /** Each direction's shaper counters, in direction order (2j: link j's first node to its second, 2j + 1 back). */
  async qdiscStats(): Promise<QdiscStats[]> {
    const stats: QdiscStats[] = [];
    for (const d of this.plan.directions) {
      const json = await run('tc', ['-n', this.namespace(d.from), '-s', '-j', 'qdisc', 'show', 'dev', d.ifname]);
      stats.push({ ...this.names(d), ...parseHtbCounters(json) });
    }
    return stats;
  }

  /** Each direction's loss and cut counters, in direction order. */
  async filterStats(): Promise<FilterStats[]> {
    const counters = await Promise.all(
      this.plan.nodes.map(async (node) => parseCounters(await inNamespace(node.namespace, 'nft', ['-j', 'list', 'counters', 'table', 'inet', 'msgsim']))),
    );
    return this.plan.directions.map((d) => ({ ...this.names(d), ...filterCountsOf(counters[d.to]!, d.ifname) }));
  }

  /**
   * Each link's base latency, by link name: UDP ping-pong between its two ends (latency.ts),
   * one link after another. Measure before faults cut links, and without other traffic.
   *
   * It returns once every shaper's bucket is full again. A ping whose round trip is shorter
   * than its frame's time on the link spends more tokens than come back before the next,
   * so 200 of them on a fast veth leave a 10 Mbit/s bucket about 2.6 kB short; a burst
   * sent soon after would then find the link slower than an idle one, where the simulator
   * starts (queue drops came out 3 frames above drop-tail's prediction).
   */
  async measureBaseLatency(options: LatencyOptions = {}): Promise<Map<string, BaseLatency>> {
    const latencies = new Map<string, BaseLatency>();
    let refillSeconds = 0;
    for (const link of this.plan.links) {
      const [a, b] = link.ends.map((end) => ({ node: this.plan.nodes[end.node]!.name, host: end.address }));
      const shapers = [0, 1].map((e) => this.state.setting(2 * link.index + e).shaper);
      const rate = Math.min(...shapers.map((shaper) => shaper.rateBitsPerSecond));
      latencies.set(link.name, await pingPong(this.sockets, a!, b!, rate, options));
      for (const shaper of shapers) refillSeconds = Math.max(refillSeconds, ((shaper.burstBytes + PING_FRAME_BYTES) * 8) / shaper.rateBitsPerSecond);
    }
    // A bucket holds at most its burst, and a ping takes it at most one ping frame below empty.
    await new Promise((resolve) => setTimeout(resolve, Math.ceil(refillSeconds * 1000) + 1));
    return latencies;
  }

  /**
   * Removes everything the network made: closes the sockets it handed out (each holds its
   * namespace), ends the helpers, deletes the namespaces (and with them the veths, qdiscs
   * and rules). Idempotent; later calls return the first one's promise.
   */
  destroy(): Promise<void> {
    this.destroyed ??= (async () => {
      await this.faults.catch(() => {});
      await this.namespaceSockets.close();
      await removeStaleEmulation(this.plan.prefix);
      offExit(this.plan.prefix);
    })();
    return this.destroyed;
  }

  private async build(): Promise<void> {
    const { plan, applied } = this;
    const nodes = plan.nodes.map((node) => node.index);
    await run('ip', ['-batch', '-'], lines(namespaceCommands(plan)));
    await inParallel(nodes, (node) => inNamespace(this.namespace(node), 'sh', ['-c', sysctlScript(plan, node)], tableOf(plan, node, applied)));
    if (plan.links.length > 0) await run('ip', ['-batch', '-'], lines(vethCommands(plan)));
    await inParallel(nodes, async (node) => {
      await run('ip', ['-n', this.namespace(node), '-batch', '-'], lines(addressCommands(plan, node, applied)));
      const tc = shapingCommands(plan, node, applied);
      if (tc.length > 0) await run('tc', ['-n', this.namespace(node), '-batch', '-'], lines(tc));
    });
  }

  private namespace(node: number): string {
    return this.plan.nodes[node]!.namespace;
  }

  private names(d: { link: number; from: number; to: number }): { link: string; from: string; to: string } {
    return { link: this.plan.links[d.link]!.name, from: this.plan.nodes[d.from]!.name, to: this.plan.nodes[d.to]!.name };
  }

  private node(name: string): number {
    const index = this.nodeIndex.get(name);
    if (index === undefined) throw new Error(`unknown node "${name}"`);
    return index;
  }
}

function lines(commands: readonly string[]): string {
  return `${commands.join('\n')}\n`;
}
