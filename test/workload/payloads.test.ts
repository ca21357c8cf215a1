/**
 * Application messages of a protocol's script carry payloads: any value the codec encodes
 * arrives as sent, and a reply brings its request's payload back.
 */
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/load.js';
import { runScenario } from '../../src/scenario/simulation.js';
import type { AppMessage, Protocol } from '../../src/workload/protocol.js';
import { atLeastOnceDeduplicated } from '../protocols/retransmit.js';

describe('script payloads', () => {
  it('arrive as sent, through the protocol and the codec, and come back on replies', async () => {
    const scenario = parseScenario(
      `name: payloads
nodes: [n0, n1]
links: [{ between: [n0, n1], bandwidth: 10Mbps, delay: 1ms }]
protocol: { module: ../protocols/retransmit.ts, export: atLeastOnceDeduplicated }
script:
  - { at: 1ms, from: n0, to: n1, payload: { order: 7, items: [1, 2], note: "fragile" } }
  - { at: 2ms, from: n0, to: n1, request: true, payload: ping }
  - { at: 3ms, from: n1, to: n0 }
`,
      'test/workload/payloads.yaml',
    );
    const delivered: string[] = [];
    const observed: Protocol = (node) =>
      atLeastOnceDeduplicated({
        ...node,
        deliver: (message: AppMessage) => {
          delivered.push(`${node.context.name} got ${message.kind} ${JSON.stringify(message.payload)}`);
          return node.deliver(message);
        },
        deliverReply: (reply: AppMessage) => {
          delivered.push(`${node.context.name} got reply ${JSON.stringify(reply.payload)}`);
          node.deliverReply(reply);
        },
      });
    await runScenario(scenario, { protocol: observed, invariants: [] });
    expect(delivered).toEqual(['n1 got message {"order":7,"items":[1,2],"note":"fragile"}', 'n1 got request "ping"', 'n0 got message undefined', 'n0 got reply "ping"']);
  });
});
