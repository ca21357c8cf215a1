/**
 * The broadcast pattern: from one node to every node, by unicast fan-out, flooding or push
 * gossip; always at most once, over links that connect every node.
 */
import * as z from 'zod';
import { broadcastRows } from '../../stats/checks/broadcast.js';
import { broadcastFrames, startBroadcastFlow, type BroadcastFlowSpec } from '../../workload/broadcast.js';
import { expected, wholeNumber } from '../fields/values.js';
import { definePattern } from './definition.js';

const fields = {
  method: z.enum(['unicast', 'flood', 'gossip'], { error: expected('a broadcast method (unicast, flood, gossip)') }),
  fanout: wholeNumber('a fan-out (a whole number >= 1)', 1).default(3).meta({ description: 'Gossip: nodes each informed node pushes to. Default 3.' }),
  rounds: wholeNumber('a number of rounds (a whole number >= 1)', 1).default(5).meta({ description: 'Gossip: rounds of pushing. Default 5.' }),
};

/** Broadcast flows. */
export const broadcastPattern = definePattern<BroadcastFlowSpec, typeof fields>({
  name: 'broadcast',
  title: 'From one node to every node.',
  description: 'A broadcast flow (at-most-once).',
  fields,
  reference: {
    keys: '`method` (`unicast`, `flood`, `gossip`), `fanout` (`3`), `rounds` (`5`)',
    does: 'From `from` to every node. `unicast`: one copy to each node. `flood`: to every neighbour; each node forwards its first copy to all neighbours but the sender and ignores later copies. `gossip`: push to `fanout` random nodes; a node first reached in round k < `rounds` pushes on in round k + 1. Always at-most-once.',
  },
  spec(input, base, flow) {
    if (base.delivery !== 'at-most-once' || base.ordered) flow.fail(flow.path('delivery'), 'a broadcast is at-most-once and unordered');
    if (!flow.connected) flow.fail(flow.path('from'), 'a broadcast needs every node connected, and links leave some apart');
    return { ...base, pattern: 'broadcast', method: input.method, fanout: input.fanout, rounds: input.rounds };
  },
  // At most once: one frame and one ledger row per broadcast and other node (relays come on top).
  expectedTraffic: (spec, nodes) => ({ frames: spec.count * (nodes - 1), rows: spec.count * (nodes - 1) }),
  sizedFrames: broadcastFrames,
  start: startBroadcastFlow,
  firstReceivers: () => [],
  // Its own label carries every copy to every node.
  oncePerSend: () => false,
  checks: [broadcastRows],
});
