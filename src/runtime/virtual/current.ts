/**
 * Which node's code is running: the async context that virtual globals read. Every call
 * into a node's code runs inside it, and promise continuations inherit it, so code resumed
 * after an await is still that node's.
 *
 * The state lives on the global object, under a registered symbol, so that two copies of
 * msgsim in one process (the installed package and a scenario module's own import of it)
 * share one context, one set of patches and one escape watch: a library that kept a
 * reference to a global patched by either copy still finds the running node.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { VirtualNode } from './virtual-node.js';

/** What every copy of msgsim in the process shares about virtual globals. */
interface SharedState {
  /** The node whose code is running, if any. */
  readonly currentNode: AsyncLocalStorage<VirtualNode>;
  /** Whether the node code running since the flag was last cleared queued microtask work. */
  readonly asyncWork: { started: boolean };
  /** Undoes the patches, while they are installed. */
  uninstall: (() => void) | undefined;
}

const KEY = Symbol.for('msgsim.virtualGlobals');
const global = globalThis as { [KEY]?: SharedState };

/** The process's one shared state. */
export const shared: SharedState = (global[KEY] ??= { currentNode: new AsyncLocalStorage<VirtualNode>(), asyncWork: { started: false }, uninstall: undefined });

/** The node whose code is running, if any. */
export const currentNode = shared.currentNode;

/**
 * Calls `action(a, b, c, d)` as no node's code: msgsim's own work done for a node (arming its
 * timers, sending its frames), and whatever that work starts. `AsyncLocalStorage.exit` says
 * the same, but on Node.js 20 it disables the process's async hooks and enables them again
 * around every call (two rounds of `setPromiseHooks`), which costs many times the call;
 * running with no store costs a property write.
 */
export function outsideNodes<A, B, C, D, R>(action: (a: A, b: B, c: C, d: D) => R, a: A, b: B, c: C, d: D): R {
  return currentNode.run(undefined as unknown as VirtualNode, action, a, b, c, d);
}
