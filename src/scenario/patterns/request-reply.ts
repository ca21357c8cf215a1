/**
 * The request/reply pattern: a client sends `count` requests to a server without waiting;
 * the server answers each after a service time; the client gives up on one at its timeout.
 */
import { guaranteeRows } from '../../stats/checks/guarantees.js';
import { requestReplyRows } from '../../stats/checks/request-reply.js';
import { requestReplyFrames, startRequestReplyFlow, type RequestReplyFlowSpec } from '../../workload/request-reply.js';
import { distribution, duration, name } from '../fields/values.js';
import { definePattern, framesPerMessage } from './definition.js';

const fields = {
  to: name('node').meta({ description: 'The server.' }),
  reply_size: distribution('size').optional().meta({ description: 'Size of each reply on the wire. Default: size.' }),
  service: distribution('duration').default({ kind: 'constant', value: 0 }).meta({ description: 'Time the server spends on each request. Default 0.' }),
  timeout: duration.default(1).meta({ description: 'How long the client waits for a reply. Default 1s.' }),
};

/** Request/reply flows. */
export const requestReplyPattern = definePattern<RequestReplyFlowSpec, typeof fields>({
  name: 'request-reply',
  title: 'Asynchronous requests, each answered by the server.',
  description: 'A request/reply flow.',
  fields,
  reference: {
    keys: '`to`, `reply_size` (default: `size`), `service` (duration or distribution, `0`), `timeout` (`1s`)',
    does: 'The client sends `count` requests to the server without waiting; the server answers each after a service time with a reply of `reply_size`; the client gives up on a request at `timeout` (its reply is then ignored). Many requests are in flight at once.',
  },
  spec(input, base, flow) {
    flow.reachable(input.to, flow.path('to'));
    return {
      ...base,
      pattern: 'request-reply',
      to: input.to,
      replySize: input.reply_size ?? base.size,
      service: input.service,
      timeoutSeconds: input.timeout,
    };
  },
  // A request and its reply.
  expectedTraffic: (spec) => ({ frames: 2 * spec.count * framesPerMessage(spec), rows: spec.count }),
  sizedFrames: (spec) => requestReplyFrames(spec).requests,
  start: startRequestReplyFlow,
  firstReceivers: (spec) => [spec.to],
  oncePerSend: () => true,
  checks: [requestReplyRows, guaranteeRows],
});
