/**
 * Challenge 3e, efficient broadcast II: fewer messages for more latency. The first node is
 * a hub; every other node sends it, every `INTERVAL_MS`, the values it learnt from its
 * clients since its last batch, and the hub sends each other node, as often, the values it
 * has not yet sent that node (nor learnt from it). A batch is an rpc; values whose batch
 * got no acknowledgement in time go into the next one, so partitions only delay them.
 *
 * Every node's timers tick together (from the start, every INTERVAL), so a value waits for
 * its node's next tick, takes one link delay d to the hub, waits there for the hub's next
 * tick (INTERVAL − d later, when d < INTERVAL: the hub's batch went out at the tick the value
 * left on), and takes one more d: a stable latency from INTERVAL + d up to 2 INTERVAL + d.
 * Per interval at most 4 (N − 1) frames, whatever the rate (a batch and its acknowledgement
 * each way between the hub and every other node): at 25 nodes, 200 ms and 100 operations a
 * second, at most 4.8 messages per operation.
 */
import type { NodeSetup } from '../../../src/index.js';

/** How often every node sends its batches. */
export const INTERVAL_MS = 200;

/** Batches values through the first node. */
const batched: NodeSetup = (node) => {
  const messages = new Set<unknown>();
  /** Per peer: the values it should get in the next batch. */
  const pending = new Map<string, Set<unknown>>();
  node.on('init', () => {
    const hub = node.nodeIds[0]!;
    for (const peer of node.id === hub ? node.nodeIds.filter((id) => id !== hub) : [hub]) pending.set(peer, new Set());
  });
  /** Keeps new values and queues them for every peer but the one they came from. */
  const learn = (values: readonly unknown[], from: string | undefined): void => {
    for (const value of values) {
      if (messages.has(value)) continue;
      messages.add(value);
      for (const [peer, queue] of pending) if (peer !== from) queue.add(value);
    }
  };
  node.on('topology', (req) => node.reply(req, { type: 'topology_ok' }));
  node.on('read', (req) => node.reply(req, { type: 'read_ok', messages: [...messages] }));
  node.on('broadcast', (req) => {
    learn([req.body['message']], undefined);
    node.reply(req, { type: 'broadcast_ok' });
  });
  node.on('gossip', (req) => {
    learn(req.body['messages'] as unknown[], req.src);
    node.reply(req, { type: 'gossip_ok' });
  });
  node.setInterval(() => {
    for (const [peer, queue] of pending) {
      if (queue.size === 0) continue;
      const batch = [...queue];
      queue.clear();
      node.rpc(peer, { type: 'gossip', messages: batch }).catch(() => {
        for (const value of batch) queue.add(value);
      });
    }
  }, INTERVAL_MS);
};
export default batched;
