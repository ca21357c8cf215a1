/**
 * The work-queue workload: a producer that submits `count` tasks to a broker on the flow's
 * schedule, and consumers that each spend a service time drawn from the flow's distribution
 * on every task they get.
 */
import { sample, type Distribution } from '../engine/distributions.js';
import { Kind, type Frame } from '../messaging/frames.js';
import { submitTask, WorkQueueBroker, WorkQueueConsumer, type TaskHandler } from '../messaging/work-queue.js';
import type { FlowSpec } from './flow.js';
import type { WorkloadHost, WorkloadMessage } from './host.js';
import { flowSendOptions, largestSize, largestWireBytes, runSchedule, type Progress } from './schedule.js';

/** Tasks through a work-queue broker to competing consumers. */
export interface WorkQueueFlowSpec extends FlowSpec {
  readonly pattern: 'work-queue';
  readonly broker: string;
  readonly consumers: readonly string[];
  /** Tasks a consumer may hold unacknowledged at once. */
  readonly prefetch: number;
  /** Time a consumer spends on a task, in seconds of its clock. */
  readonly service: Distribution;
  /** How long the broker waits for a task's completion before taking its consumer for dead. */
  readonly ackTimeoutSeconds: number;
}

/** The largest frames this flow sends: tasks to the broker and work to consumers. */
export function workQueueFrames(spec: WorkQueueFlowSpec): Frame[] {
  const last = Math.max(0, spec.count - 1);
  const task: WorkloadMessage = [spec.name, last];
  return [[Kind.Task, task, largestSize(spec)], [Kind.Work, last, true, task]];
}

/** Adds a work-queue flow: the broker, the consumers, and the producer's schedule. */
export function startWorkQueueFlow(spec: WorkQueueFlowSpec, host: WorkloadHost): void {
  const minimum = largestWireBytes(host.codec, host.headerBytes, workQueueFrames(spec), spec);
  const send = flowSendOptions(spec);
  const reliable = { delivery: spec.delivery, ordered: spec.ordered, retry: spec.retry };
  host.addRole(spec.broker, ({ endpoint, service }) => {
    service('work-queue/broker', () => new WorkQueueBroker(endpoint, spec.ackTimeoutSeconds, reliable));
  });
  for (const consumer of spec.consumers) {
    host.addRole(consumer, ({ context, endpoint, service }) => {
      const byFlow = service('work-queue/consumer', () => {
        const handlers = new Map<string, TaskHandler>();
        new WorkQueueConsumer(endpoint, spec.broker, spec.prefetch, (body) => handlers.get((body as WorkloadMessage)[0])?.(body), reliable);
        return handlers;
      });
      const services = context.random(`flow/${spec.name}/service`);
      byFlow.set(spec.name, async () => {
        const time = sample(spec.service, services);
        if (time > 0) await context.clock.sleep(time);
      });
    });
  }
  const progress: Progress = { sent: 0 };
  // One options object for every task, as the point-to-point flow keeps one for its messages.
  const options = { ...send, wireBytes: 0 };
  host.addRole(spec.from, ({ context, endpoint }) => {
    runSchedule(spec, progress, context, minimum, (seq, wireBytes) => {
      options.wireBytes = wireBytes;
      submitTask(endpoint, spec.broker, [spec.name, seq] satisfies WorkloadMessage, options);
    });
  });
}
