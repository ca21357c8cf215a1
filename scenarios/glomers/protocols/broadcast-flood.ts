/**
 * Challenge 3b, multi-node broadcast: flood each new value over the topology Maelstrom
 * suggests, to every neighbour but the one it came from, without acknowledgements. With no
 * faults every value reaches every node of a connected topology, each node forwarding it
 * once: Σ_v deg(v) − (N − 1) frames per broadcast (the origin sends to all its neighbours,
 * every other node to all but one). A frame lost to a partition is never sent again, so
 * under partitions (3c) values go missing.
 */
import type { Body, MaelstromNode, NodeSetup } from '../../../src/index.js';

/** Sends one forward of a value to a neighbour. */
export type Forward = (node: MaelstromNode, peer: string, body: Body) => void;

/** Floods each value once over the suggested topology, each forward sent by `forward`. */
export function floodWith(forward: Forward): NodeSetup {
  return (node) => {
    let neighbours: readonly string[] = [];
    const messages = new Set<unknown>();
    node.on('topology', (req) => {
      neighbours = (req.body['topology'] as Record<string, string[]>)[node.id] ?? [];
      node.reply(req, { type: 'topology_ok' });
    });
    node.on('read', (req) => node.reply(req, { type: 'read_ok', messages: [...messages] }));
    node.on('broadcast', (req) => {
      const message = req.body['message'];
      if (!messages.has(message)) {
        messages.add(message);
        for (const peer of neighbours) if (peer !== req.src) forward(node, peer, { type: 'broadcast', message });
      }
      // Clients ask (with a msg_id), and so does an rpc; a plain send only tells.
      if (req.body.msg_id !== undefined) node.reply(req, { type: 'broadcast_ok' });
    });
  };
}

/** Floods each value once over the suggested topology, fire and forget. */
export default floodWith((node, peer, body) => node.send(peer, body));
