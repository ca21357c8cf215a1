/**
 * Checks of the `flows` section and its conversion to {@link FlowSpec}s: unique names,
 * known senders, constant sizes that fit the messages, and, through each flow's pattern
 * (patterns/), its own fields: receivers known and reachable over the links, and the
 * pattern's rules (a broadcast is at-most-once; a node consumes from one broker).
 */
import type { Codec } from '../messaging/codec.js';
import { DEFAULT_RETRY, type RetryPolicy } from '../messaging/delivery.js';
import type { LinkConfig } from '../net/link.js';
import type { FlowBase, FlowSpec } from '../workload/flow.js';
import { largestWireBytes } from '../workload/schedule.js';
import type { FieldPath } from './errors.js';
import type { FlowInput } from './fields/flow.js';
import { patternOf, type FlowValidation, type PatternDefinition } from './patterns/index.js';
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
  let connected: boolean | undefined;
  const shared = new Map<string, unknown>();
  const byName = new Map<string, number>();
  return input.map((flow, i) => {
    const path = (...rest: (string | number)[]): FieldPath => ['flows', i, ...rest];
    const earlier = byName.get(flow.name);
    if (earlier !== undefined) fail(path('name'), `duplicate flow name "${flow.name}" (also flows[${earlier}])`);
    byName.set(flow.name, i);
    const from = checkKnownNode(nodes, flow.from, path('from'), fail);
    const validation: FlowValidation = {
      path,
      fail,
      get connected() {
        return (connected ??= new Set(component).size <= 1);
      },
      reachable(node, where, originName = flow.from) {
        const origin = originName === flow.from ? from : nodes.get(originName)!;
        const index = checkKnownNode(nodes, node, where, fail);
        if (index === origin) fail(where, `${node} is the sending node; messages must go to another node`);
        if (component[origin] !== component[index]) fail(where, `no path from ${originName} to ${node}: links do not connect them`);
      },
      shared<T>(key: string, make: () => T): T {
        if (!shared.has(key)) shared.set(key, make());
        return shared.get(key) as T;
      },
    };
    const pattern = patternOf(flow.pattern);
    const spec = pattern.spec(flow as never, flowBase(flow, path, fail), validation);
    checkSize(pattern, spec, names, codec, headerBytes, path('size'), fail);
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
function checkSize(pattern: PatternDefinition, spec: FlowSpec, names: readonly string[], codec: Codec<unknown>, headerBytes: number, path: FieldPath, fail: Fail): void {
  if (spec.size.kind !== 'constant') return;
  const needed = largestWireBytes(codec, headerBytes, pattern.sizedFrames(spec, names), spec);
  if (needed > spec.size.value) {
    const what = spec.delivery === 'at-most-once' && !spec.ordered ? 'encoded message' : 'encoded message in its delivery envelope';
    fail(path, `${formatQuantity(spec.size.value, 'size')} is too small: the largest message needs ${needed}B (${what} + ${headerBytes}B header)`);
  }
}
