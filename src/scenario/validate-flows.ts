/**
 * Checks of the `flows` section and its conversion to {@link FlowSpec}s: unique names,
 * known nodes, receivers reachable over the links, constant sizes that fit the messages, and
 * the rules of each pattern (a broadcast is at-most-once; a node consumes from one broker).
 */
import type { Codec } from '../messaging/codec.js';
import { DEFAULT_RETRY, type RetryPolicy } from '../messaging/delivery.js';
import type { LinkConfig } from '../net/link.js';
import type { FlowBase, FlowSpec } from '../workload/flow.js';
import { sizedFrames } from '../workload/registry.js';
import { largestWireBytes } from '../workload/schedule.js';
import type { FieldPath } from './errors.js';
import type { FlowInput } from './fields/flow.js';
import { checkKnownNode, components, type Fail } from './references.js';
import { formatQuantity } from './units.js';

/** Flow specifications; reports duplicates, unknown or unreachable nodes, and sizes too small. */
export function checkFlows(
  input: readonly FlowInput[],
  names: readonly string[],
  links: readonly LinkConfig[],
  codec: Codec<unknown>,
  headerBytes: number,
  fail: Fail,
): FlowSpec[] {
  const nodes = new Map(names.map((node, i) => [node, i]));
  const component = components(names, links);
  const byName = new Map<string, number>();
  const consumerBroker = new Map<string, string>();
  return input.map((flow, i) => {
    const path = (...rest: (string | number)[]): FieldPath => ['flows', i, ...rest];
    const earlier = byName.get(flow.name);
    if (earlier !== undefined) fail(path('name'), `duplicate flow name "${flow.name}" (also flows[${earlier}])`);
    byName.set(flow.name, i);
    const from = checkKnownNode(nodes, flow.from, path('from'), fail);
    /** Checks that `node` exists, is not the sender (unless allowed) and can be reached from `origin`. */
    const reachable = (node: string, where: FieldPath, origin = from, originName = flow.from): void => {
      const index = checkKnownNode(nodes, node, where, fail);
      if (index === origin) fail(where, `${node} is the sending node; messages must go to another node`);
      if (component[origin] !== component[index]) fail(where, `no path from ${originName} to ${node}: links do not connect them`);
    };
    const base = flowBase(flow, path, fail);
    let spec: FlowSpec;
    switch (flow.pattern) {
      case 'p2p':
        reachable(flow.to, path('to'));
        spec = { ...base, pattern: 'p2p', to: flow.to };
        break;
      case 'request-reply':
        reachable(flow.to, path('to'));
        spec = {
          ...base,
          pattern: 'request-reply',
          to: flow.to,
          replySize: flow.reply_size ?? flow.size,
          service: flow.service,
          timeoutSeconds: flow.timeout,
        };
        break;
      case 'pubsub': {
        const source = flow.broker ?? flow.from;
        if (flow.broker !== undefined) reachable(flow.broker, path('broker'));
        const sourceIndex = nodes.get(source)!;
        flow.subscribers.forEach((subscriber, k) => reachable(subscriber.node, path('subscribers', k, 'node'), sourceIndex, source));
        spec = {
          ...base,
          pattern: 'pubsub',
          ...(flow.broker === undefined ? {} : { broker: flow.broker }),
          topics: flow.topics,
          fields: flow.fields,
          subscribers: flow.subscribers.map((s) => ({ node: s.node, topic: s.topic, ...(s.filter === undefined ? {} : { filter: s.filter }) })),
        };
        break;
      }
      case 'broadcast':
        if (flow.delivery !== 'at-most-once' || flow.ordered) fail(path('delivery'), 'a broadcast is at-most-once and unordered');
        if (new Set(component).size > 1) fail(path('from'), 'a broadcast needs every node connected, and links leave some apart');
        spec = { ...base, pattern: 'broadcast', method: flow.method, fanout: flow.fanout, rounds: flow.rounds };
        break;
      case 'work-queue': {
        reachable(flow.broker, path('broker'));
        const brokerIndex = nodes.get(flow.broker)!;
        flow.consumers.forEach((consumer, k) => {
          reachable(consumer, path('consumers', k), brokerIndex, flow.broker);
          const other = consumerBroker.get(consumer);
          if (other !== undefined && other !== flow.broker) fail(path('consumers', k), `${consumer} already consumes from ${other}; a node consumes from one broker`);
          consumerBroker.set(consumer, flow.broker);
        });
        spec = {
          ...base,
          pattern: 'work-queue',
          broker: flow.broker,
          consumers: flow.consumers,
          prefetch: flow.prefetch,
          service: flow.service,
          ackTimeoutSeconds: flow.ack_timeout,
        };
        break;
      }
    }
    checkSize(spec, names, codec, headerBytes, path('size'), fail);
    return spec;
  });
}

/** The fields every flow has, with the retry policy completed from the defaults. */
function flowBase(flow: FlowInput, path: (...rest: (string | number)[]) => FieldPath, fail: Fail): FlowBase {
  const retry: RetryPolicy = {
    timeoutSeconds: flow.retry?.timeout ?? DEFAULT_RETRY.timeoutSeconds,
    backoff: flow.retry?.backoff ?? DEFAULT_RETRY.backoff,
    maxTimeoutSeconds: flow.retry?.max_timeout ?? DEFAULT_RETRY.maxTimeoutSeconds,
    maxRetries: flow.retry?.max_retries ?? DEFAULT_RETRY.maxRetries,
    jitter: flow.retry?.jitter ?? DEFAULT_RETRY.jitter,
  };
  if (!(retry.timeoutSeconds > 0)) fail(path('retry', 'timeout'), 'the retransmission timeout must be greater than zero');
  return {
    name: flow.name,
    from: flow.from,
    count: flow.count,
    size: flow.size,
    interval: flow.interval,
    startSeconds: flow.start,
    delivery: flow.delivery,
    ordered: flow.ordered,
    retry,
  };
}

/** A constant size must hold the largest frame the flow pads to it. */
function checkSize(spec: FlowSpec, names: readonly string[], codec: Codec<unknown>, headerBytes: number, path: FieldPath, fail: Fail): void {
  if (spec.size.kind !== 'constant') return;
  const needed = largestWireBytes(codec, headerBytes, sizedFrames(spec, names), spec);
  if (needed > spec.size.value) {
    const what = spec.delivery === 'at-most-once' && !spec.ordered ? 'encoded message' : 'encoded message in its delivery envelope';
    fail(path, `${formatQuantity(spec.size.value, 'size')} is too small: the largest message needs ${needed}B (${what} + ${headerBytes}B header)`);
  }
}
