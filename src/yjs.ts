/**
 * msgsim/yjs: Yjs on msgsim's seam. {@link connectYjs} keeps a document in sync with its
 * replicas over a msgsim byte channel, by y-protocols' sync and awareness protocols framed as
 * y-websocket frames them; {@link persistYjs} keeps it in a node's durable store. Run the
 * program that makes the documents with `virtualGlobals`, so their client ids, awareness
 * timers and clocks are the node's own. Needs `yjs`, `y-protocols` and `lib0` in the project
 * (optional peer dependencies of msgsim).
 *
 * Importing it installs the virtual globals, first: import it before Yjs, so that what lib0
 * keeps of the globals when it loads (`Math.random`, `Date.now`, crypto's random values) is
 * the patched kind.
 */
import './runtime/virtual/installed.js';
export { connectYjs, MESSAGE_AWARENESS, MESSAGE_SYNC } from './libraries/yjs/sync.js';
export type { ConnectYjsOptions, YjsConnection } from './libraries/yjs/sync.js';
export { persistYjs } from './libraries/yjs/persistence.js';
export type { PersistYjsOptions, YjsPersistence } from './libraries/yjs/persistence.js';
