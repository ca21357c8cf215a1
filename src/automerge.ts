/**
 * msgsim/automerge: Automerge Repo on msgsim's seam. A Repo's network is a msgsim byte
 * channel ({@link ChannelNetworkAdapter}) and its storage a node's durable store
 * ({@link DurableStorageAdapter}); run the program that makes the Repo with
 * `virtualGlobals` so the library's timers, clocks and random ids are the node's own.
 * Needs `@automerge/automerge-repo` in the project (an optional peer dependency of msgsim).
 *
 * Importing it installs the virtual globals, first: import it before Automerge Repo, so that
 * what the library keeps of the globals when it loads is the patched kind.
 */
import './runtime/virtual/installed.js';
export { ChannelNetworkAdapter } from './libraries/automerge/network-adapter.js';
export { DurableStorageAdapter } from './libraries/automerge/storage-adapter.js';
