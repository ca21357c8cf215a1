/**
 * Which node's code is running: the async context that virtual globals read. Every call
 * into a node's code runs inside it, and promise continuations inherit it, so code resumed
 * after an await is still that node's.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { VirtualNode } from './virtual-node.js';

/** The node whose code is running, if any. */
export const currentNode = new AsyncLocalStorage<VirtualNode>();
