/**
 * Broadcast programs in Maelstrom's JavaScript style, for tests of programs under workloads
 * (and modules the counterexamples of property tests load again): a correct gossip that
 * retries until each neighbour acknowledges, and two deliberately broken ones.
 */
import type { NodeSetup } from '../../src/messaging/maelstrom/node.js';

/** The topology's neighbours of the node, from a `topology` message; [] for none. */
function neighboursOf(topology: unknown, node: string): readonly string[] {
  return (topology as Record<string, string[]>)[node] ?? [];
}

/**
 * Broadcast in which every new value goes to every neighbour but its sender, once;
 * `neighbours` picks whom a node tells (all of them, in the correct program).
 */
function broadcast(options: { retry: boolean; neighbours?: (all: readonly string[]) => readonly string[] }): NodeSetup {
  return (node) => {
    let peers: readonly string[] = [];
    const messages = new Set<unknown>();
    node.on('topology', (req) => {
      const all = neighboursOf(req.body['topology'], node.id);
      peers = options.neighbours === undefined ? all : options.neighbours(all);
      node.reply(req, { type: 'topology_ok' });
    });
    node.on('read', (req) => node.reply(req, { type: 'read_ok', messages: [...messages] }));
    node.on('broadcast', (req) => {
      const message = req.body['message'];
      if (!messages.has(message)) {
        messages.add(message);
        for (const peer of peers) {
          if (peer === req.src) continue;
          if (options.retry) void node.retryRPC(peer, { type: 'broadcast', message });
          else node.send(peer, { type: 'broadcast', message });
        }
      }
      if (req.body.msg_id !== undefined) node.reply(req, { type: 'broadcast_ok' });
    });
  };
}

/** Correct: tells every neighbour, again and again until it acknowledges, so partitions only delay. */
export const gossip: NodeSetup = broadcast({ retry: true });

/** Broken under partitions: tells each neighbour once, so a value sent across a partition is lost. */
export const flooding: NodeSetup = broadcast({ retry: false });

/** Broken: never tells its last neighbour (an off-by-one over the neighbour list). */
export const skipsLastNeighbour: NodeSetup = broadcast({ retry: true, neighbours: (all) => all.slice(0, -1) });
