/**
 * Workloads by pattern name: adding a pattern is one module plus one entry here.
 */
import type { Frame } from '../messaging/frames.js';
import { broadcastFrames, startBroadcastFlow } from './broadcast.js';
import type { FlowSpec } from './flow.js';
import type { WorkloadHost } from './host.js';
import { p2pFrames, startP2pFlow } from './p2p.js';
import { pubsubFrames, startPubSubFlow } from './pubsub.js';
import { requestReplyFrames, startRequestReplyFlow } from './request-reply.js';
import { startWorkQueueFlow, workQueueFrames } from './work-queue.js';

/** How a pattern runs a flow. */
export interface Workload<S extends FlowSpec = FlowSpec> {
  /** Adds the flow's roles to the host's nodes (`nodes`: every node of the scenario). */
  start(spec: S, host: WorkloadHost, nodes: readonly string[]): void;
  /** The largest frames the flow pads to its `size` (a constant size must fit them). */
  sizedFrames(spec: S, nodes: readonly string[]): Frame[];
}

/** Workloads by the `pattern` name used in scenario files. */
export const WORKLOADS: { readonly [P in FlowSpec['pattern']]: Workload<Extract<FlowSpec, { pattern: P }>> } = {
  p2p: { start: startP2pFlow, sizedFrames: p2pFrames },
  'request-reply': { start: startRequestReplyFlow, sizedFrames: (spec) => requestReplyFrames(spec).requests },
  pubsub: { start: startPubSubFlow, sizedFrames: pubsubFrames },
  broadcast: { start: startBroadcastFlow, sizedFrames: broadcastFrames },
  'work-queue': { start: startWorkQueueFlow, sizedFrames: workQueueFrames },
};

/** Adds a flow to the host with the workload of its pattern. */
export function startFlow(spec: FlowSpec, host: WorkloadHost, nodes: readonly string[]): void {
  (WORKLOADS[spec.pattern] as Workload).start(spec, host, nodes);
}

/** The largest frames a flow pads to its size. */
export function sizedFrames(spec: FlowSpec, nodes: readonly string[]): Frame[] {
  return (WORKLOADS[spec.pattern] as Workload).sizedFrames(spec, nodes);
}
