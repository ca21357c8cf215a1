/**
 * The point-to-point workload: a sender that sends `count` messages to one receiver on a
 * schedule (fixed or random gaps), each padded to its size on the wire.
 */
import { sample } from '../engine/distributions.js';
import type { P2pFlowSpec } from './flow.js';
import type { WorkloadHost, WorkloadMessage } from './host.js';

/** The largest message this flow sends, for checking that it fits in its size. */
export function largestP2pMessage(spec: P2pFlowSpec): WorkloadMessage {
  return [spec.name, Math.max(0, spec.count - 1)];
}

/** Smallest size on the wire a message of this flow can have, in bytes. */
export function smallestP2pWireBytes(spec: P2pFlowSpec, host: WorkloadHost): number {
  return host.messageCodec.encode(largestP2pMessage(spec)).length + host.headerBytes;
}

/** Adds a point-to-point flow to the host: the sender's schedule and the receiver. */
export function startP2pFlow(spec: P2pFlowSpec, host: WorkloadHost): void {
  host.join(spec.to);
  const minimum = smallestP2pWireBytes(spec, host);
  let sent = 0;
  host.addRole(spec.from, (context, endpoint) => {
    const clock = context.clock;
    const sizes = context.random(`flow/${spec.name}/size`);
    const gaps = context.random(`flow/${spec.name}/interval`);
    const fixed = spec.interval.kind === 'constant' ? spec.interval.value : undefined;
    const options = { flow: spec.name, wireBytes: 0 };
    const sendNext = (): void => {
      const drawn = spec.size.kind === 'constant' ? spec.size.value : Math.round(sample(spec.size, sizes));
      options.wireBytes = Math.max(minimum, drawn);
      endpoint.send(spec.to, [spec.name, sent] satisfies WorkloadMessage, options);
      sent++;
      if (sent < spec.count) clock.setTimer(fixed ?? sample(spec.interval, gaps), sendNext);
    };
    if (sent >= spec.count) return;
    const now = clock.now();
    if (fixed === undefined) {
      clock.setTimer(Math.max(0, spec.startSeconds - now) + sample(spec.interval, gaps), sendNext);
      return;
    }
    // A fixed schedule: the next send is the first one not yet due (sends due while down are skipped).
    const due = fixed === 0 || now <= spec.startSeconds ? sent : Math.max(sent, Math.ceil((now - spec.startSeconds) / fixed));
    if (due >= spec.count) return;
    sent = due;
    clock.setTimer(Math.max(0, spec.startSeconds + due * fixed - now), sendNext);
  });
}
