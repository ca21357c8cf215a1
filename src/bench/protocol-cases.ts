/**
 * The property-testing benchmark: how many generated cases per second a property run gets
 * through, for a 5-node protocol with 100 messages per case on lossy links with faults. The
 * protocol is a user protocol as the kit expects one, built on msgsim's own reliable
 * endpoint (exactly-once, ordered), so the figure covers the messaging core as well.
 */
import { performance } from 'node:perf_hooks';
import fc from 'fast-check';
import { msgpackCodec } from '../messaging/codec.js';
import { Endpoint } from '../messaging/endpoint.js';
import { protocolCase } from '../testing/protocol-case.js';
import { simulate } from '../testing/simulate.js';
import { fifoPerChannel, noDeliveryAcrossPartition, noDuplicates } from '../trace/invariants.js';
import type { AppMessage, Protocol } from '../workload/protocol.js';

/** Exactly-once, ordered delivery through an Endpoint; replies go back the same way. */
const endpointProtocol: Protocol = (node) => {
  const endpoint = new Endpoint<AppMessage>(node.context, msgpackCodec);
  const options = { delivery: 'exactly-once', ordered: true, flow: 'app' } as const;
  endpoint.onMessage((message) => {
    if (message.kind === 'reply') {
      node.deliverReply(message);
      return;
    }
    const reply = node.deliver(message);
    if (reply !== undefined) endpoint.send(reply.to, reply, options);
  });
  return { send: (message) => endpoint.send(message.to, message, options) };
};

/** 1,000 cases of 5 nodes and 100 messages, generated and run as a property run would. */
export async function propertyCases(): Promise<Record<string, number>> {
  const cases = 1000;
  const arbitrary = protocolCase({
    topology: { minNodes: 5, maxNodes: 5, link: { maxLoss: 0.05 } },
    script: { minMessages: 100, maxMessages: 100 },
    faults: { kinds: ['partition', 'link-down', 'degrade'] },
  });
  const invariants = [noDuplicates, fifoPerChannel, noDeliveryAcrossPartition];
  let events = 0;
  let violations = 0;
  const start = performance.now();
  await fc.assert(
    fc.asyncProperty(arbitrary, async (c) => {
      const result = await simulate({ protocol: endpointProtocol, case: c, invariants, keepTrace: false });
      events += result.record.events;
      if (result.violation !== undefined) violations++;
      return true;
    }),
    { numRuns: cases, seed: 1 },
  );
  const seconds = (performance.now() - start) / 1000;
  if (violations > 0) throw new Error(`the benchmark protocol broke an invariant in ${violations} cases`);
  return { cases_per_s: cases / seconds, events_per_s: events / seconds, seconds };
}
