/**
 * A grow-only counter on seq-kv with a lost update: `add` reads the counter, adds the delta
 * and writes the sum back, without a compare-and-set, so two adds that overlap both read
 * the same value and one of them is lost.
 */
import { ErrorCode, RPCError } from '../../src/messaging/maelstrom/body.js';
import type { NodeSetup } from '../../src/messaging/maelstrom/node.js';

const KEY = 'counter';

/** The counter's value in seq-kv; 0 before the first write. */
async function current(node: Parameters<NodeSetup>[0]): Promise<number> {
  try {
    return (await node.rpc('seq-kv', { type: 'read', key: KEY }))['value'] as number;
  } catch (error) {
    if (error instanceof RPCError && error.code === ErrorCode.KeyDoesNotExist) return 0;
    throw error;
  }
}

/** Read-modify-write without cas: overlapping adds lose updates. */
export const naiveCounter: NodeSetup = (node) => {
  node.on('add', async (req) => {
    const value = await current(node);
    await node.rpc('seq-kv', { type: 'write', key: KEY, value: value + (req.body['delta'] as number) });
    node.reply(req, { type: 'add_ok' });
  });
  node.on('read', async (req) => node.reply(req, { type: 'read_ok', value: await current(node) }));
};
