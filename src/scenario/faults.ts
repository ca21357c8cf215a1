/**
 * Faults on a scenario's timeline, resolved to names and base units, and what each does to
 * a running simulation. Adding a kind is one variant here, one schema entry in
 * fields/fault.ts and one entry in FAULTS.
 */
import type { LossSpec } from '../net/loss.js';
import type { Network } from '../net/network.js';
import type { SimulatedRuntime } from '../runtime/simulated.js';

/** One fault, by kind; `at` is in seconds. */
export type FaultSpec =
  | { readonly at: number; readonly kind: 'partition'; readonly groups: readonly (readonly string[])[]; readonly oneWay: boolean }
  | { readonly at: number; readonly kind: 'heal' }
  | { readonly at: number; readonly kind: 'link-down'; readonly link: string }
  | { readonly at: number; readonly kind: 'link-up'; readonly link: string }
  | { readonly at: number; readonly kind: 'hold'; readonly link: string }
  | { readonly at: number; readonly kind: 'release'; readonly link: string }
  | { readonly at: number; readonly kind: 'crash'; readonly node: string }
  | { readonly at: number; readonly kind: 'restart'; readonly node: string }
  | {
      readonly at: number;
      readonly kind: 'degrade';
      readonly link: string;
      readonly bandwidthBitsPerSecond?: number;
      readonly delaySeconds?: number;
      readonly loss?: LossSpec;
    }
  | { readonly at: number; readonly kind: 'clock'; readonly node: string; readonly offsetSeconds?: number; readonly drift?: number };

/** What a fault acts on. */
export interface FaultTarget {
  readonly network: Network;
  readonly runtime: SimulatedRuntime;
}

type Apply<K extends FaultSpec['kind']> = (fault: Extract<FaultSpec, { kind: K }>, target: FaultTarget) => void;

/** What each kind of fault does when its time comes. */
export const FAULTS: { readonly [K in FaultSpec['kind']]: Apply<K> } = {
  partition: (fault, { network }) =>
    network.setPartition({ groups: fault.groups.map((group) => group.map((node) => network.nodeIndex(node))), oneWay: fault.oneWay }),
  heal: (_, { network }) => network.setPartition(undefined),
  'link-down': (fault, { network }) => network.setLinkUp(network.linkIndex(fault.link), false),
  'link-up': (fault, { network }) => network.setLinkUp(network.linkIndex(fault.link), true),
  hold: (fault, { network }) => network.setHeld(network.linkIndex(fault.link), true),
  release: (fault, { network }) => network.setHeld(network.linkIndex(fault.link), false),
  crash: (fault, { runtime }) => runtime.crash(fault.node),
  restart: (fault, { runtime }) => runtime.restart(fault.node),
  degrade: (fault, { network }) =>
    network.degradeLink(network.linkIndex(fault.link), {
      ...(fault.bandwidthBitsPerSecond === undefined ? {} : { bandwidthBitsPerSecond: fault.bandwidthBitsPerSecond }),
      ...(fault.delaySeconds === undefined ? {} : { delaySeconds: fault.delaySeconds }),
      ...(fault.loss === undefined ? {} : { loss: fault.loss }),
    }),
  clock: (fault, { runtime }) =>
    runtime.adjustClock(fault.node, {
      ...(fault.offsetSeconds === undefined ? {} : { offsetSeconds: fault.offsetSeconds }),
      ...(fault.drift === undefined ? {} : { drift: fault.drift }),
    }),
};

/** Applies a fault to a running simulation. */
export function applyFault(fault: FaultSpec, target: FaultTarget): void {
  (FAULTS[fault.kind] as Apply<FaultSpec['kind']>)(fault as never, target);
}
