/**
 * The broadcast workload: an origin that broadcasts `count` messages to every node on the
 * flow's schedule, by unicast fan-out, flooding or gossip; every node takes part.
 */
import { Broadcaster, type BroadcastMethod } from '../messaging/broadcast.js';
import { Kind, type Frame } from '../messaging/frames.js';
import type { FlowSpec } from './flow.js';
import type { WorkloadHost, WorkloadMessage } from './host.js';
import { largestSize, largestWireBytes, runSchedule, type Progress } from './schedule.js';

/** Broadcasts from one node to all others. */
export interface BroadcastFlowSpec extends FlowSpec {
  readonly pattern: 'broadcast';
  readonly method: BroadcastMethod;
  /** Gossip: nodes each informed node pushes to. */
  readonly fanout: number;
  /** Gossip: rounds of pushing, the origin's included. */
  readonly rounds: number;
}

/** The largest frame this flow sends. */
export function broadcastFrames(spec: BroadcastFlowSpec, nodes: readonly string[]): Frame[] {
  const last = Math.max(0, spec.count - 1);
  const origin = spec.from;
  const longestNode = [...nodes].sort((a, b) => b.length - a.length)[0] ?? origin;
  return [[Kind.Broadcast, origin.length >= longestNode.length ? origin : longestNode, last, spec.method, spec.rounds + 1, spec.fanout, spec.rounds, largestSize(spec), [spec.name, last] satisfies WorkloadMessage]];
}

/** Adds a broadcast flow: every node relays; the origin broadcasts on the schedule. */
export function startBroadcastFlow(spec: BroadcastFlowSpec, host: WorkloadHost, nodes: readonly string[]): void {
  const minimum = largestWireBytes(host.codec, host.headerBytes, broadcastFrames(spec, nodes), spec);
  for (const node of nodes) host.addRole(node, ({ endpoint, service }) => void service('broadcast', () => new Broadcaster(endpoint)));
  const progress: Progress = { sent: 0 };
  host.addRole(spec.from, ({ context, endpoint, service }) => {
    const broadcaster = service('broadcast', () => new Broadcaster(endpoint));
    runSchedule(spec, progress, context, minimum, (seq, wireBytes) => {
      broadcaster.broadcast([spec.name, seq] satisfies WorkloadMessage, { method: spec.method, fanout: spec.fanout, rounds: spec.rounds, flow: spec.name, wireBytes });
    });
  });
}
