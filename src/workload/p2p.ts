/**
 * The point-to-point workload: a sender that sends `count` messages to one receiver on the
 * flow's schedule, under its delivery guarantee.
 */
import { Kind, type Frame } from '../messaging/frames.js';
import type { FlowSpec } from './flow.js';
import type { WorkloadHost, WorkloadMessage } from './host.js';
import { flowSendOptions, largestWireBytes, runSchedule, type Progress } from './schedule.js';

/** A point-to-point flow: messages from one node to another. */
export interface P2pFlowSpec extends FlowSpec {
  readonly pattern: 'p2p';
  readonly to: string;
}

/** The largest frames this flow sends (sizes must fit them). */
export function p2pFrames(spec: P2pFlowSpec): Frame[] {
  return [[Kind.Message, [spec.name, Math.max(0, spec.count - 1)] satisfies WorkloadMessage]];
}

/** Adds a point-to-point flow to the host: the sender's schedule and the receiver. */
export function startP2pFlow(spec: P2pFlowSpec, host: WorkloadHost): void {
  host.join(spec.to);
  const minimum = largestWireBytes(host.codec, host.headerBytes, p2pFrames(spec), spec);
  const progress: Progress = { sent: 0 };
  const options = { ...flowSendOptions(spec), wireBytes: 0 };
  host.addRole(spec.from, ({ context, endpoint }) => {
    runSchedule(spec, progress, context, minimum, (seq, wireBytes) => {
      options.wireBytes = wireBytes;
      endpoint.send(spec.to, [spec.name, seq], options);
    });
  });
}
