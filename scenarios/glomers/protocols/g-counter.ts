/**
 * Challenge 4, grow-only counter on Maelstrom's `seq-kv` (a sequentially consistent store:
 * reads may return a past state; an operation that changes the store acts on its latest
 * state, and a requester never sees the store go back past what it last saw).
 *
 * Each node counts its own adds and keeps that total in seq-kv under its own id, the only
 * writer of that key, so a write never races another: an add is acknowledged once seq-kv
 * holds a total that includes it (one write at a time, of the latest total; a write that
 * times out, say in a partition, is tried again). A read first writes a fresh value to a key
 * of its own (a change, so it takes place on the latest state and brings this node's view
 * up to it), then reads every node's total and sums them.
 *
 * `naive` keeps one shared total and adds by reading it and writing it back plus the delta:
 * two adds that read the same total lose one of them, and a stale read loses more.
 */
import type { MaelstromNode, NodeSetup } from '../../../src/index.js';

const KV = 'seq-kv';

/** Error code of seq-kv's answer to a read of a key nobody wrote. */
const KEY_DOES_NOT_EXIST = 20;

/** The value of `key`, or 0 if no one wrote it yet. */
async function readOr0(node: MaelstromNode, key: string): Promise<number> {
  try {
    return (await node.rpc(KV, { type: 'read', key })).value as number;
  } catch (error) {
    if ((error as { code?: number }).code === KEY_DOES_NOT_EXIST) return 0;
    throw error;
  }
}

/** A total per node in seq-kv, written only by its node; reads sum them after a fresh write. */
const gCounter: NodeSetup = (node) => {
  /** This node's adds, summed. */
  let total = 0;
  /** The largest total seq-kv has acknowledged. */
  let stored = 0;
  let writing = false;
  let syncs = 0;
  const waiting: { readonly total: number; readonly resolve: () => void }[] = [];

  /** Writes the latest total until seq-kv holds it, settling the adds it covers as it goes. */
  const flush = async (): Promise<void> => {
    if (writing) return;
    writing = true;
    for (;;) {
      for (let i = waiting.length - 1; i >= 0; i--) {
        if (waiting[i]!.total <= stored) waiting.splice(i, 1)[0]!.resolve();
      }
      if (stored >= total) break;
      const value = total;
      try {
        await node.rpc(KV, { type: 'write', key: node.id, value });
        stored = value;
      } catch {
        // Not acknowledged (a timeout, say in a partition): write the latest total again.
      }
    }
    writing = false;
  };

  node.on('add', async (req) => {
    total += req.body['delta'] as number;
    const mine = total;
    await new Promise<void>((resolve) => {
      waiting.push({ total: mine, resolve });
      void flush();
    });
    node.reply(req, { type: 'add_ok' });
  });
  node.on('read', async (req) => {
    await node.rpc(KV, { type: 'write', key: `sync-${node.id}`, value: syncs++ });
    const totals = await Promise.all(node.nodeIds.map((id) => readOr0(node, id)));
    node.reply(req, { type: 'read_ok', value: totals.reduce((a, b) => a + b, 0) });
  });
};
export default gCounter;

/** Read, add, write back one shared total (fails: concurrent or stale adds are lost). */
export const naive: NodeSetup = (node) => {
  node.on('add', async (req) => {
    const value = await readOr0(node, 'counter');
    await node.rpc(KV, { type: 'write', key: 'counter', value: value + (req.body['delta'] as number) });
    node.reply(req, { type: 'add_ok' });
  });
  node.on('read', async (req) => node.reply(req, { type: 'read_ok', value: await readOr0(node, 'counter') }));
};
