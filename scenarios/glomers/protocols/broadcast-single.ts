/**
 * Challenge 3a, single-node broadcast: keep every value broadcast to the node and return
 * them all on `read`. On one node that is the whole job; on several (3b) it fails, for
 * nothing reaches the other nodes.
 *
 * `naive` keeps only the latest value, so reads miss the earlier ones.
 */
import type { NodeSetup } from '../../../src/index.js';

/** Keeps the values in a set. */
const single: NodeSetup = (node) => {
  const messages = new Set<unknown>();
  node.on('topology', (req) => node.reply(req, { type: 'topology_ok' }));
  node.on('read', (req) => node.reply(req, { type: 'read_ok', messages: [...messages] }));
  node.on('broadcast', (req) => {
    messages.add(req.body['message']);
    node.reply(req, { type: 'broadcast_ok' });
  });
};
export default single;

/** Keeps the latest value only (fails: reads miss acknowledged values). */
export const naive: NodeSetup = (node) => {
  let latest: unknown[] = [];
  node.on('topology', (req) => node.reply(req, { type: 'topology_ok' }));
  node.on('read', (req) => node.reply(req, { type: 'read_ok', messages: latest }));
  node.on('broadcast', (req) => {
    latest = [req.body['message']];
    node.reply(req, { type: 'broadcast_ok' });
  });
};
