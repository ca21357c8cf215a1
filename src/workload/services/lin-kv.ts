/**
 * Maelstrom's `lin-kv` service: one linearizable key-value store (read, write, cas as
 * kv.ts answers them). Every request takes effect at the moment it arrives: a single copy,
 * so linearizable.
 */
import type { MaelstromNode } from '../../messaging/maelstrom/node.js';
import { answerKv, KV_REQUESTS } from './kv.js';

export { answerKv, sameValue, storeKey } from './kv.js';

/** The lin-kv service on a node. */
export function linKv(node: MaelstromNode): void {
  const store = new Map<string, unknown>();
  for (const type of KV_REQUESTS) node.on(type, (request) => answerKv(node, store, request));
}
