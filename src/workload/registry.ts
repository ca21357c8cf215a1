/**
 * Workloads by pattern name: adding a pattern is one module plus one entry here.
 */
import type { FlowSpec } from './flow.js';
import type { WorkloadHost, WorkloadMessage } from './host.js';
import { largestP2pMessage, startP2pFlow } from './p2p.js';

/** How a pattern runs a flow. */
export interface Workload<S extends FlowSpec = FlowSpec> {
  /** Adds the flow's roles to the host's nodes. */
  start(spec: S, host: WorkloadHost): void;
  /** The largest message the flow sends (its encoded size must fit the flow's size). */
  largestMessage(spec: S): WorkloadMessage;
}

/** Workloads by the `pattern` name used in scenario files. */
export const WORKLOADS: { readonly [P in FlowSpec['pattern']]: Workload<Extract<FlowSpec, { pattern: P }>> } = {
  p2p: { start: startP2pFlow, largestMessage: largestP2pMessage },
};

/** Adds a flow to the host with the workload of its pattern. */
export function startFlow(spec: FlowSpec, host: WorkloadHost): void {
  WORKLOADS[spec.pattern].start(spec, host);
}
