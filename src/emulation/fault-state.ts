/**
 * The fault state of an emulated network, kept as the simulator keeps it (net/link-state.ts):
 * each link direction holds a set of conditions — link down, partitioned, sender down,
 * receiver down — and carries traffic only while it holds none. What the kernel must then
 * be told follows from it alone: which directions are cut (an nftables drop where they
 * arrive), the routes around them (routes.ts), and each direction's rate, delay and loss.
 * Pure: network.ts turns the difference between two states into commands.
 *
 * How the simulator's conditions map onto a kernel:
 * - `link_down`, `partitioned`: everything on the direction that has not arrived is
 *   destroyed and nothing new is routed onto it. Here: a drop rule where it arrives (so
 *   what its shaper still holds is dropped as it gets through) and routes that avoid it.
 * - `sender_down`, `receiver_down` (a crash): the same, for every direction from or to the
 *   node, so that it neither forwards nor receives; its own program is the runtime's business.
 */
import { Condition, type ConditionBit } from '../net/link-state.js';
import type { FaultSpec } from '../scenario/faults.js';
import type { EmulationPlan } from './plan.js';
import { routedLink } from './plan.js';
import { routeTables, type RouteEntry } from './routes.js';
import { rateOf, type ShaperPlan } from './shaping.js';

/** The conditions that keep a direction from carrying traffic. */
const BLOCKING = Condition.LinkDown | Condition.Partitioned | Condition.SenderDown | Condition.ReceiverDown;

/** What one direction is given now. */
export interface DirectionSetting {
  readonly shaper: ShaperPlan;
  readonly lossProbability: number;
}

/** The fault state of every direction, and the settings faults have changed. */
export class FaultState {
  private readonly conditions: Uint8Array;
  private readonly settings: DirectionSetting[];
  private readonly linkDelays: number[];
  private readonly nodeIndex: Map<string, number>;
  private readonly linkIndex: Map<string, number>;

  constructor(private readonly plan: EmulationPlan) {
    this.conditions = new Uint8Array(plan.directions.length);
    this.settings = plan.directions.map((d) => ({ shaper: d.shaper, lossProbability: d.lossProbability }));
    this.linkDelays = plan.links.map((link) => link.delaySeconds);
    this.nodeIndex = new Map(plan.nodes.map((node) => [node.name, node.index]));
    this.linkIndex = new Map(plan.links.map((link) => [link.name, link.index]));
  }

  /** Whether a direction may carry traffic. */
  isUp(direction: number): boolean {
    return (this.conditions[direction]! & BLOCKING) === 0;
  }

  /** The rate, delay and loss of a direction now. */
  setting(direction: number): DirectionSetting {
    return this.settings[direction]!;
  }

  /** The interfaces of `node` on which traffic arriving is dropped: its directions in that are not up. */
  cutInterfaces(node: number): string[] {
    return this.plan.directions.filter((d) => d.to === node && !this.isUp(d.index)).map((d) => d.ifname);
  }

  /** Every node's routes around the directions that are not up. */
  routes(): RouteEntry[][] {
    const links = this.plan.links.map((link) => ({ ...routedLink(link), delaySeconds: this.linkDelays[link.index]! }));
    return routeTables(this.plan.nodes.length, links, this.plan.routing, (direction) => this.isUp(direction));
  }

  /** Applies a fault of a kind the plan allows (emulable.ts refused the others). */
  apply(fault: FaultSpec): void {
    switch (fault.kind) {
      case 'partition': {
        const group = new Int32Array(this.plan.nodes.length).fill(fault.groups.length);
        fault.groups.forEach((members, g) => members.forEach((name) => (group[this.node(name)] = g)));
        for (const d of this.plan.directions) {
          const [from, to] = [group[d.from]!, group[d.to]!];
          this.set(d.index, Condition.Partitioned, fault.oneWay ? from < to : from !== to);
        }
        return;
      }
      case 'heal':
        for (const d of this.plan.directions) this.set(d.index, Condition.Partitioned, false);
        return;
      case 'link-down':
      case 'link-up': {
        const link = this.link(fault.link);
        for (const direction of [2 * link, 2 * link + 1]) this.set(direction, Condition.LinkDown, fault.kind === 'link-down');
        return;
      }
      case 'crash':
      case 'restart': {
        const node = this.node(fault.node);
        for (const d of this.plan.directions) {
          if (d.from === node) this.set(d.index, Condition.SenderDown, fault.kind === 'crash');
          if (d.to === node) this.set(d.index, Condition.ReceiverDown, fault.kind === 'crash');
        }
        return;
      }
      case 'degrade':
        return this.degrade(fault);
      case 'hold':
      case 'release':
      case 'clock':
        throw new Error(`a ${fault.kind} fault cannot be emulated (the plan should have refused it)`);
    }
  }

  private degrade(fault: Extract<FaultSpec, { kind: 'degrade' }>): void {
    const link = this.link(fault.link);
    if (fault.delaySeconds !== undefined && this.plan.netem) this.linkDelays[link] = fault.delaySeconds;
    for (const direction of [2 * link, 2 * link + 1]) {
      const old = this.settings[direction]!;
      const rate = fault.bandwidthBitsPerSecond === undefined ? {} : rateOf(fault.bandwidthBitsPerSecond, this.plan.burstSeconds);
      const delay = fault.delaySeconds === undefined || !old.shaper.netem ? {} : { delaySeconds: fault.delaySeconds };
      this.settings[direction] = {
        shaper: { ...old.shaper, ...rate, ...delay },
        lossProbability: typeof fault.loss === 'number' ? fault.loss : old.lossProbability,
      };
    }
  }

  private set(direction: number, condition: ConditionBit, holds: boolean): void {
    this.conditions[direction] = holds ? this.conditions[direction]! | condition : this.conditions[direction]! & ~condition;
  }

  private node(name: string): number {
    const index = this.nodeIndex.get(name);
    if (index === undefined) throw new Error(`unknown node "${name}"`);
    return index;
  }

  private link(name: string): number {
    const index = this.linkIndex.get(name);
    if (index === undefined) throw new Error(`unknown link "${name}"`);
    return index;
  }
}
