/**
 * The key-value operations Maelstrom's KV services share (lin-kv, seq-kv, lww-kv), as one
 * pure step over whatever state a service lets a request see: `read {key}` answers
 * `read_ok {value}` (error 20 for a missing key), `write {key, value}` answers `write_ok`,
 * and `cas {key, from, to, create_if_not_exists?}` answers `cas_ok`, error 22 when the value
 * is not `from`, or error 20 for a missing key it may not create. The services differ only
 * in which state a request sees and where its write lands.
 */
import { RPCError, type Body, type Message } from '../../messaging/maelstrom/body.js';
import type { MaelstromNode } from '../../messaging/maelstrom/node.js';

/** Key of a store entry: the key's JSON text, so that 1 and "1" stay distinct. */
export function storeKey(key: unknown): string {
  return JSON.stringify(key ?? null);
}

/** Whether two values are equal as JSON values (deep, for lists and maps). */
export function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The state a KV request sees, by {@link storeKey} (a `Map` is one). */
export interface KvView {
  has(key: string): boolean;
  get(key: string): unknown;
}

/** A write a KV request makes: the key (by {@link storeKey}) and its new value. */
export interface KvWrite {
  readonly key: string;
  readonly value: unknown;
}

/** What a KV request does on a state: its reply and the write it makes, if any, or its error. */
export type KvOutcome = { readonly reply: Body; readonly write?: KvWrite } | { readonly error: RPCError };

/** The KV request types the services answer. */
export const KV_REQUESTS = ['read', 'write', 'cas'] as const;

/** What `body` (a read, write or cas) does on the state `view`; the caller applies the write. */
export function kvStep(view: KvView, body: Body): KvOutcome {
  const key = storeKey(body['key']);
  switch (body.type) {
    case 'read':
      if (!view.has(key)) return { error: RPCError.keyDoesNotExist(`key ${key} does not exist`) };
      return { reply: { type: 'read_ok', value: view.get(key) } };
    case 'write':
      return { reply: { type: 'write_ok' }, write: { key, value: body['value'] } };
    case 'cas': {
      if (!view.has(key)) {
        if (body['create_if_not_exists'] !== true) return { error: RPCError.keyDoesNotExist(`key ${key} does not exist`) };
        return { reply: { type: 'cas_ok' }, write: { key, value: body['to'] } };
      }
      const current = view.get(key);
      if (!sameValue(current, body['from'])) return { error: RPCError.preconditionFailed(`expected ${JSON.stringify(body['from'])}, but had ${JSON.stringify(current)}`) };
      return { reply: { type: 'cas_ok' }, write: { key, value: body['to'] } };
    }
    default:
      return { error: RPCError.notSupported(`a KV service does not answer ${body.type}`) };
  }
}

/** Answers `request` with an outcome: its reply, or its error thrown for the node to send back. */
export function answerOutcome(node: MaelstromNode, request: Message, outcome: KvOutcome): void {
  if ('error' in outcome) throw outcome.error;
  node.reply(request, outcome.reply);
}

/** A key-value store's operations on one map, applied at once: read, write and cas. */
export function answerKv(node: MaelstromNode, store: Map<string, unknown>, request: Message): void {
  const outcome = kvStep(store, request.body);
  if ('write' in outcome && outcome.write !== undefined) store.set(outcome.write.key, outcome.write.value);
  answerOutcome(node, request, outcome);
}
