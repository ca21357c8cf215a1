/**
 * Test helpers: scenarios written as objects (no file), for one link between "a" and "b".
 */
import { DEFAULT_RETRY } from '../../src/messaging/delivery.js';
import type { LinkConfig } from '../../src/net/link.js';
import type { Scenario } from '../../src/scenario/scenario.js';
import type { P2pFlowSpec } from '../../src/workload/p2p.js';

/** A constant distribution. */
export const constant = (value: number) => ({ kind: 'constant', value }) as const;

/** A p2p flow a → b with the given overrides. */
export function flow(overrides: Partial<P2pFlowSpec> = {}): P2pFlowSpec {
  return {
    name: 'f',
    pattern: 'p2p',
    from: 'a',
    to: 'b',
    count: 10,
    size: { kind: 'constant', value: 1000 },
    interval: { kind: 'constant', value: 0.001 },
    startSeconds: 0,
    delivery: 'at-most-once',
    ordered: false,
    retry: DEFAULT_RETRY,
    ...overrides,
  };
}

/** A scenario with nodes a and b, one link, and the given flows. */
export function oneLinkScenario(
  link: Partial<Omit<LinkConfig, 'name' | 'between'>>,
  flows: readonly P2pFlowSpec[],
  overrides: Partial<Scenario> = {},
): Scenario {
  return {
    name: 'test',
    seed: 1,
    maxEvents: 1e9,
    headerBytes: 0,
    codec: 'json',
    routing: 'hops',
    faults: [],
    script: [],
    invariants: [],
    nodes: ['a', 'b'],
    links: [{ name: 'a-b', between: ['a', 'b'], bandwidthBitsPerSecond: 1e7, delaySeconds: 0.01, loss: 0, ...link }],
    flows,
    ...overrides,
  };
}
