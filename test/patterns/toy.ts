/**
 * A toy pattern, `echo`, as a user would add one: the sender sends `count` messages to `to`,
 * which holds each for `hold` and sends it back. Everything the pattern is — its fields, its
 * conversion to a flow spec, its traffic, its workload, its receivers and its own check — is
 * in this one file.
 */
import { Kind, type Frame } from '../../src/messaging/frames.js';
import { definePattern, framesPerMessage } from '../../src/scenario/patterns/definition.js';
import { duration, name } from '../../src/scenario/fields/values.js';
import type { DeliveryContext } from '../../src/stats/checks/context.js';
import { countRow, type CheckRow } from '../../src/stats/checks/rows.js';
import type { FlowBase } from '../../src/workload/flow.js';
import type { NodeServices, WorkloadHost, WorkloadMessage } from '../../src/workload/host.js';
import { flowSendOptions, largestWireBytes, runSchedule, type Progress } from '../../src/workload/schedule.js';

/** An echo flow: messages from `from` to `to` and back. */
export interface EchoFlowSpec extends FlowBase {
  readonly pattern: 'echo';
  readonly to: string;
  /** How long `to` holds a message before sending it back, in seconds of its clock. */
  readonly holdSeconds: number;
}

const fields = {
  to: name('node').meta({ description: 'The node that echoes.' }),
  hold: duration.default(0).meta({ description: 'How long the receiver holds a message before sending it back. Default 0.' }),
};

function echoFrames(spec: EchoFlowSpec): Frame[] {
  return [[Kind.Message, [spec.name, Math.max(0, spec.count - 1)] satisfies WorkloadMessage]];
}

function startEcho(spec: EchoFlowSpec, host: WorkloadHost): void {
  const minimum = largestWireBytes(host.codec, host.headerBytes, echoFrames(spec), spec);
  const options = flowSendOptions(spec);
  let echoer: NodeServices | undefined;
  host.addRole(spec.to, (node) => void (echoer = node));
  host.handle(spec.to, spec.name, async (message, from) => {
    const { context, endpoint } = echoer!;
    if (spec.holdSeconds > 0) await context.clock.sleep(spec.holdSeconds);
    endpoint.send(from, message, { ...options, wireBytes: spec.size.kind === 'constant' ? spec.size.value : minimum });
  });
  const progress: Progress = { sent: 0 };
  host.addRole(spec.from, ({ context, endpoint }) => {
    runSchedule(spec, progress, context, minimum, (seq, wireBytes) => endpoint.send(spec.to, [spec.name, seq], { ...options, wireBytes }));
  });
}

/** `echoes`: every message handed over at `to` came back to the sender. */
function echoRows(flow: DeliveryContext<EchoFlowSpec>): CheckRow[] {
  const ledger = flow.run.record.ledger;
  const to = ledger.nodeNames.indexOf(flow.spec.to);
  let arrived = 0;
  let returned = 0;
  for (const row of flow.rows) {
    if (ledger.copies[row]! === 0) continue;
    if (ledger.src[row] === to) returned++;
    else arrived++;
  }
  return [countRow(flow.spec.name, 'echoes', returned, arrived, 'every message handed over comes back')];
}

/** The echo pattern. */
export const echoPattern = definePattern<EchoFlowSpec, typeof fields>({
  name: 'echo',
  title: 'Echo: every message comes back.',
  description: 'An echo flow.',
  reference: { keys: '`to`, `hold` (`0`)', does: 'The sender sends `count` messages to `to`, which holds each for `hold` and sends it back.' },
  fields,
  spec(input, base, flow) {
    flow.reachable(input.to, flow.path('to'));
    return { ...base, pattern: 'echo', to: input.to, holdSeconds: input.hold };
  },
  expectedTraffic: (spec) => ({ frames: 2 * spec.count * framesPerMessage(spec), rows: spec.delivery === 'at-most-once' && !spec.ordered ? 0 : 2 * spec.count }),
  sizedFrames: echoFrames,
  start: startEcho,
  firstReceivers: (spec) => [spec.to],
  // Its own label carries the echoes too.
  oncePerSend: () => false,
  checks: [echoRows],
});
