/**
 * The request/reply workload: a client that sends `count` requests to a server on the
 * flow's schedule, each waiting up to the timeout for its reply, and a server that answers
 * each after a service time drawn from the flow's distribution, with a reply of the flow's
 * reply size.
 */
import { sample, type Distribution } from '../engine/distributions.js';
import { Kind, type Frame } from '../messaging/frames.js';
import { Reply, type RequestHandler } from '../messaging/request-reply.js';
import type { FlowSpec } from './flow.js';
import type { WorkloadHost, WorkloadMessage } from './host.js';
import { flowSendOptions, largestWireBytes, runSchedule, type Progress } from './schedule.js';

/** Requests from a client to a server, each answered after a service time. */
export interface RequestReplyFlowSpec extends FlowSpec {
  readonly pattern: 'request-reply';
  readonly to: string;
  /** Size of each reply on the wire, in bytes. */
  readonly replySize: Distribution;
  /** Time the server spends on a request before replying, in seconds of its clock. */
  readonly service: Distribution;
  /** How long the client waits for a reply, in seconds of its clock. */
  readonly timeoutSeconds: number;
}

/** The largest frames this flow sends: requests, and replies. */
export function requestReplyFrames(spec: RequestReplyFlowSpec): { requests: Frame[]; replies: Frame[] } {
  const last = Math.max(0, spec.count - 1);
  const message: WorkloadMessage = [spec.name, last];
  return { requests: [[Kind.Request, last, message]], replies: [[Kind.Reply, last, message]] };
}

/** Adds a request/reply flow: the client's schedule and the server's answers. */
export function startRequestReplyFlow(spec: RequestReplyFlowSpec, host: WorkloadHost): void {
  const frames = requestReplyFrames(spec);
  const requestMinimum = largestWireBytes(host.codec, host.headerBytes, frames.requests, spec);
  const replyMinimum = largestWireBytes(host.codec, host.headerBytes, frames.replies, spec);
  const progress: Progress = { sent: 0 };
  host.addRole(spec.from, ({ context, endpoint }) => {
    runSchedule(spec, progress, context, requestMinimum, (seq, wireBytes) => {
      const message: WorkloadMessage = [spec.name, seq];
      // A timeout is an outcome the ledger records, not an error of the workload.
      endpoint.request(spec.to, message, { ...flowSendOptions(spec), wireBytes, timeoutSeconds: spec.timeoutSeconds }).catch(() => {});
    });
  });
  host.addRole(spec.to, ({ context, endpoint, service }) => {
    const byFlow = service('request-reply/server', () => {
      const handlers = new Map<string, RequestHandler>();
      endpoint.onRequest((body, from) => handlers.get((body as WorkloadMessage)[0])?.(body, from));
      return handlers;
    });
    const services = context.random(`flow/${spec.name}/service`);
    const sizes = context.random(`flow/${spec.name}/reply-size`);
    byFlow.set(spec.name, async (body) => {
      const time = sample(spec.service, services);
      if (time > 0) await context.clock.sleep(time);
      const drawn = spec.replySize.kind === 'constant' ? spec.replySize.value : Math.round(sample(spec.replySize, sizes));
      return new Reply(body, { wireBytes: Math.max(replyMinimum, drawn), delivery: spec.delivery, ordered: spec.ordered, retry: spec.retry });
    });
  });
}
