/**
 * Maelstrom's `lin-kv` service: one linearizable key-value store. `read {key}` answers
 * `read_ok {value}` (or error 20 for a missing key), `write {key, value}` answers `write_ok`,
 * and `cas {key, from, to, create_if_not_exists?}` answers `cas_ok`, error 22 when the value
 * is not `from`, or error 20 for a missing key it may not create. Every request takes effect
 * at the moment it arrives: a single copy, so linearizable.
 */
import { RPCError, type Message } from '../../messaging/maelstrom/body.js';
import type { MaelstromNode } from '../../messaging/maelstrom/node.js';

/** Key of a store entry: the key's JSON text, so that 1 and "1" stay distinct. */
export function storeKey(key: unknown): string {
  return JSON.stringify(key ?? null);
}

/** Whether two values are equal as JSON values (deep, for lists and maps). */
export function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** A key-value store's operations on one map: read, write and cas, as Maelstrom's KV services answer them. */
export function answerKv(node: MaelstromNode, store: Map<string, unknown>, request: Message): void {
  const body = request.body;
  const key = storeKey(body['key']);
  switch (body.type) {
    case 'read': {
      if (!store.has(key)) throw RPCError.keyDoesNotExist(`key ${key} does not exist`);
      node.reply(request, { type: 'read_ok', value: store.get(key) });
      return;
    }
    case 'write':
      store.set(key, body['value']);
      node.reply(request, { type: 'write_ok' });
      return;
    case 'cas': {
      if (!store.has(key)) {
        if (body['create_if_not_exists'] !== true) throw RPCError.keyDoesNotExist(`key ${key} does not exist`);
        store.set(key, body['to']);
        node.reply(request, { type: 'cas_ok' });
        return;
      }
      const current = store.get(key);
      if (!sameValue(current, body['from'])) throw RPCError.preconditionFailed(`expected ${JSON.stringify(body['from'])}, but had ${JSON.stringify(current)}`);
      store.set(key, body['to']);
      node.reply(request, { type: 'cas_ok' });
      return;
    }
  }
}

/** The lin-kv service on a node. */
export function linKv(node: MaelstromNode): void {
  const store = new Map<string, unknown>();
  for (const type of ['read', 'write', 'cas']) node.on(type, (request) => answerKv(node, store, request));
}
