/**
 * Challenge 1, echo: answer every `echo` with `echo_ok` carrying the same `echo`.
 *
 * `naive` answers with `send` instead of `reply`: its answer has no `in_reply_to`, so no
 * client can tell which request it answers, every echo times out and availability is 0.
 */
import type { NodeSetup } from '../../../src/index.js';

/** Replies to each echo with its own text. */
const echo: NodeSetup = (node) => {
  node.on('echo', (req) => node.reply(req, { type: 'echo_ok', echo: req.body['echo'] }));
};
export default echo;

/** Answers without `in_reply_to` (fails: no echo completes). */
export const naive: NodeSetup = (node) => {
  node.on('echo', (req) => node.send(req.src, { type: 'echo_ok', echo: req.body['echo'] }));
};
