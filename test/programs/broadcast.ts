/**
 * Broadcast programs in Maelstrom's JavaScript style, for tests of programs under workloads
 * (and modules the counterexamples of property tests load again): a correct gossip that
 * retries until each neighbour acknowledges, and two deliberately broken ones. The first two
 * are the Gossip Glomers pack's references for challenges 3c and 3b.
 */
import type { NodeSetup } from '../../src/messaging/maelstrom/node.js';
import flood from '../../scenarios/glomers/protocols/broadcast-flood.js';
import reliable from '../../scenarios/glomers/protocols/broadcast-reliable.js';

/** Correct: tells every neighbour, again and again until it acknowledges, so partitions only delay. */
export const gossip: NodeSetup = reliable;

/** Broken under partitions: tells each neighbour once, so a value sent across a partition is lost. */
export const flooding: NodeSetup = flood;

/** Broken: never tells its last neighbour (an off-by-one over the neighbour list): the gossip, shown a topology without it. */
export const skipsLastNeighbour: NodeSetup = (node) => {
  const on = node.on.bind(node);
  node.on = (type, handler) =>
    on(type, (req) => {
      if (type !== 'topology') return handler(req);
      const topology = req.body['topology'] as Record<string, string[]>;
      return handler({ ...req, body: { ...req.body, topology: { ...topology, [node.id]: (topology[node.id] ?? []).slice(0, -1) } } });
    });
  reliable(node);
};
