/**
 * The services a program can call, as Maelstrom offers them: each runs on the node named
 * after it (`node.rpc('lin-kv', { type: 'read', key })`).
 */
import type { NodeSetup } from '../../messaging/maelstrom/node.js';
import { linKv } from './lin-kv.js';
import { lwwKv } from './lww-kv.js';
import { seqKv } from './seq-kv.js';

/** The services' names. */
export const SERVICE_NAMES = ['lin-kv', 'seq-kv', 'lww-kv'] as const;

/** A service's name. */
export type ServiceName = (typeof SERVICE_NAMES)[number];

/** Each service's program. */
export const SERVICES: Readonly<Record<ServiceName, NodeSetup>> = {
  'lin-kv': linKv,
  'seq-kv': seqKv,
  'lww-kv': lwwKv,
};
