/**
 * Challenge 2, unique ids: every `generate` gets an id no other node or request ever gets,
 * without talking to anyone (so partitions change nothing: total availability). The id is
 * the node's own id and a counter of the node.
 *
 * `naive` uses the counter alone: every node hands out 0, 1, 2, … and ids repeat across
 * nodes.
 */
import type { NodeSetup } from '../../../src/index.js';

/** Ids `<node>-<n>`: unique because node ids are. */
const uniqueIds: NodeSetup = (node) => {
  let next = 0;
  node.on('generate', (req) => node.reply(req, { type: 'generate_ok', id: `${node.id}-${next++}` }));
};
export default uniqueIds;

/** A counter per node (fails: nodes hand out the same ids). */
export const naive: NodeSetup = (node) => {
  let next = 0;
  node.on('generate', (req) => node.reply(req, { type: 'generate_ok', id: next++ }));
};
