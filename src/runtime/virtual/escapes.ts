/**
 * What node code starts besides virtual work, watched by one async hook: promises, ticks and
 * microtasks mark that a node's step left work for the microtask queue (so the runtime lets
 * it run before the next event); anything else started as a node's code (a real timer, a
 * file read, a socket) is an escape from virtual time, reported to the node.
 */
import { createHook, type AsyncHook } from 'node:async_hooks';
import { currentNode, shared } from './current.js';

/** Kinds of asynchronous work that stay inside a step: they run in the microtask drain after it. */
const VIRTUAL_WORK = new Set(['PROMISE', 'TickObject', 'Microtask']);

/** Whether the node code running since the flag was last cleared queued microtask work. */
export const asyncWork = shared.asyncWork;

let hook: AsyncHook | undefined;

/** Starts watching (idempotent). */
export function watchEscapes(): void {
  hook ??= createHook({
    init(_id, type) {
      // A promise adds nothing once the step is known to have left work (most steps make many).
      if (asyncWork.started && type === 'PROMISE') return;
      const node = currentNode.getStore();
      if (node === undefined) return;
      if (VIRTUAL_WORK.has(type)) asyncWork.started = true;
      else node.escaped(type);
    },
    promiseResolve() {
      if (!asyncWork.started && currentNode.getStore() !== undefined) asyncWork.started = true;
    },
  });
  hook.enable();
}

/** Stops watching. */
export function stopWatchingEscapes(): void {
  hook?.disable();
}
