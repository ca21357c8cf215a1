/**
 * The work-queue pattern: a producer sends tasks to a broker's queue, which hands each to
 * the next of its consumers with room under its prefetch limit. A node consumes from one
 * broker, whatever flows it serves.
 */
import * as z from 'zod';
import { startWorkQueueFlow, workQueueFrames, type WorkQueueFlowSpec } from '../../workload/work-queue.js';
import { distribution, duration, expected, name, wholeNumber } from '../fields/values.js';
import { definePattern, framesPerMessage } from './definition.js';

const fields = {
  broker: name('node').meta({ description: 'The broker node.' }),
  consumers: z.array(name('node'), { error: expected('a list of consumer nodes') }).min(1, { error: 'expected at least one consumer' }),
  prefetch: wholeNumber('a prefetch limit (a whole number >= 1)', 1).default(1).meta({ description: 'Tasks a consumer holds unacknowledged at once. Default 1.' }),
  service: distribution('duration').default({ kind: 'constant', value: 0 }).meta({ description: 'Time a consumer spends on a task. Default 0.' }),
  ack_timeout: duration.default(1).meta({ description: 'How long the broker waits for a task before taking its consumer for dead. Default 1s.' }),
};

/** Work-queue flows. */
export const workQueuePattern = definePattern<WorkQueueFlowSpec, typeof fields>({
  name: 'work-queue',
  title: 'Tasks through a broker to competing consumers.',
  description: 'A work-queue flow.',
  fields,
  reference: {
    keys: '`broker`, `consumers`, `prefetch` (`1`), `service` (`0`), `ack_timeout` (`1s`)',
    does: 'The producer sends tasks to the broker\'s queue; the broker hands each to the next consumer (round robin) holding fewer than `prefetch` unacknowledged tasks; a consumer works `service` and acknowledges. A consumer that leaves a task unacknowledged for `ack_timeout`, or restarts, loses its tasks to the others (marked redelivered), so a task may run twice.',
  },
  spec(input, base, flow) {
    flow.reachable(input.broker, flow.path('broker'));
    // Across the scenario's flows: the broker each consumer takes its work from.
    const brokerOf = flow.shared('work-queue/consumer-broker', () => new Map<string, string>());
    input.consumers.forEach((consumer, k) => {
      flow.reachable(consumer, flow.path('consumers', k), input.broker);
      const other = brokerOf.get(consumer);
      if (other !== undefined && other !== input.broker) flow.fail(flow.path('consumers', k), `${consumer} already consumes from ${other}; a node consumes from one broker`);
      brokerOf.set(consumer, input.broker);
    });
    return {
      ...base,
      pattern: 'work-queue',
      broker: input.broker,
      consumers: input.consumers,
      prefetch: input.prefetch,
      service: input.service,
      ackTimeoutSeconds: input.ack_timeout,
    };
  },
  // A task to the broker, its work to a consumer, and the consumer's completion.
  expectedTraffic: (spec) => ({ frames: 3 * spec.count * framesPerMessage(spec), rows: spec.count }),
  sizedFrames: workQueueFrames,
  start: startWorkQueueFlow,
  firstReceivers: (spec) => [spec.broker],
  oncePerSend: () => true,
  checks: [],
});
