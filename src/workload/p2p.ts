/**
 * The point-to-point workload: a sender that sends `count` messages to one receiver, one
 * every `interval` seconds from `start`, each padded to `size` bytes on the wire.
 */
import type { P2pFlowSpec } from './flow.js';
import type { WorkloadHost, WorkloadMessage } from './host.js';

/** Schedules the sends of a point-to-point flow. */
export function startP2pFlow(spec: P2pFlowSpec, host: WorkloadHost): void {
  const sender = host.endpoint(spec.from);
  host.endpoint(spec.to);
  const options = { flow: spec.name, wireBytes: spec.sizeBytes };
  let seq = 0;
  const sendNext = (): void => {
    const message: WorkloadMessage = [spec.name, seq];
    sender.send(spec.to, message, options);
    seq++;
    if (seq < spec.count) sender.clock.setTimer(spec.intervalSeconds, sendNext);
  };
  if (spec.count > 0) sender.clock.setTimer(spec.startSeconds, sendNext);
}

/** The largest message this flow sends, for checking that it fits in `sizeBytes`. */
export function largestP2pMessage(spec: P2pFlowSpec): WorkloadMessage {
  return [spec.name, Math.max(0, spec.count - 1)];
}
