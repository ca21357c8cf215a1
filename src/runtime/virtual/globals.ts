/**
 * The patched globals: `setTimeout`, `setInterval`, `setImmediate` and their clears, `Date`,
 * `performance.now`, `Math.random`, Web Crypto's `getRandomValues` and `randomUUID`, and the
 * same functions of `node:timers`, `node:timers/promises` and `node:crypto`. Each asks which
 * node's code is running: inside a node it answers from that node's virtual clock and
 * random streams; outside any node it is the real function, so code beside the simulation
 * (a test runner, msgsim itself) sees no difference.
 */
import { createRequire, syncBuiltinESMExports } from 'node:module';
import { promisify } from 'node:util';
import { currentNode, shared } from './current.js';
import { stopWatchingEscapes, watchEscapes } from './escapes.js';
import { bytesOf, fillRandomBytes, randomUuid } from './random-bytes.js';
import type { VirtualNode } from './virtual-node.js';

const require = createRequire(import.meta.url);
type Module = Record<string, unknown>;
const timersModule = require('node:timers') as Module;
const timersPromises = require('node:timers/promises') as Module;
const cryptoModule = require('node:crypto') as Module;

type AnyFunction = (...args: never[]) => unknown;

/** One patched property: where it lives, its real value, and whether it was an own property. */
interface Patch {
  readonly target: object;
  readonly key: PropertyKey;
  readonly real: PropertyDescriptor | undefined;
  readonly value: unknown;
}

let patches: Patch[] | undefined;

/** Whether the virtual globals are installed (by this copy of msgsim or another in the process). */
export function virtualGlobalsInstalled(): boolean {
  return shared.uninstall !== undefined;
}

/**
 * Installs the virtual globals (idempotent). Programs run with {@link virtualGlobals} install
 * them when they start; install them earlier when a library keeps a reference to a global
 * (e.g. `const { setTimeout } = globalThis`) when it is imported.
 */
export function installVirtualGlobals(): void {
  if (shared.uninstall !== undefined) return;
  patches = [];
  shared.uninstall = restore;
  try {
    patchAll();
  } catch (error) {
    uninstallVirtualGlobals();
    throw error;
  }
  syncBuiltinESMExports();
  watchEscapes();
}

function patchAll(): void {
  const g = globalThis as unknown as Module;
  const real = {
    setTimeout: g.setTimeout as AnyFunction,
    setInterval: g.setInterval as AnyFunction,
    setImmediate: g.setImmediate as AnyFunction,
    clearTimeout: g.clearTimeout as AnyFunction,
    clearInterval: g.clearInterval as AnyFunction,
    clearImmediate: g.clearImmediate as AnyFunction,
  };
  const timers = virtualTimers(real);
  for (const target of [g, timersModule]) {
    for (const [key, value] of Object.entries(timers)) patch(target, key, value);
  }
  const promises = virtualTimerPromises(timersPromises.setTimeout as AnyFunction, timersPromises.setImmediate as AnyFunction);
  patch(timersPromises, 'setTimeout', promises.setTimeout);
  patch(timersPromises, 'setImmediate', promises.setImmediate);
  patch(timers.setTimeout!, promisify.custom, promises.setTimeout);
  patch(timers.setImmediate!, promisify.custom, promises.setImmediate);
  patch(g, 'Date', virtualDate(g.Date as DateConstructor));
  patch(Math, 'random', virtualMathRandom(Math.random));
  const perf = performance;
  const realNow = perf.now.bind(perf);
  patch(perf, 'now', () => currentNode.getStore()?.performanceNow() ?? realNow());
  patchCrypto();
}

/** Puts every real global back. */
export function uninstallVirtualGlobals(): void {
  shared.uninstall?.();
}

function restore(): void {
  if (patches === undefined) return;
  shared.uninstall = undefined;
  for (const { target, key, real } of patches.reverse()) {
    if (real === undefined) Reflect.deleteProperty(target, key);
    else Object.defineProperty(target, key, real);
  }
  patches = undefined;
  syncBuiltinESMExports();
  stopWatchingEscapes();
}

function patch(target: object, key: PropertyKey, value: unknown): void {
  patches!.push({ target, key, real: Object.getOwnPropertyDescriptor(target, key), value });
  Object.defineProperty(target, key, { value, writable: true, configurable: true, enumerable: Object.getOwnPropertyDescriptor(target, key)?.enumerable ?? false });
}

/** The arguments of a timer's callback when it is given none. */
const NO_ARGUMENTS: readonly unknown[] = Object.freeze([]);

function virtualTimers(real: Record<string, AnyFunction>): Record<string, AnyFunction> {
  const call = (fn: AnyFunction, args: unknown[]): unknown => (fn as (...a: unknown[]) => unknown)(...args);
  const clear =
    (realClear: AnyFunction) =>
    (handle: unknown): void => {
      if (currentNode.getStore()?.clearTimer(handle) === true) return;
      if (isVirtualHandle(handle)) return;
      call(realClear, [handle]);
    };
  // `arguments` rather than rest parameters: most calls pass no arguments for the callback, and
  // then no array is made for them; outside nodes they go to the real function as they came
  // (Reflect.apply takes `arguments` as it is; Array.from would iterate it, many times slower).
  return {
    setTimeout(callback: unknown, delay?: unknown): unknown {
      const node = currentNode.getStore();
      if (node === undefined) return Reflect.apply(real.setTimeout!, undefined, arguments);
      return node.setTimer(callback, delay ?? 1, arguments.length > 2 ? Array.prototype.slice.call(arguments, 2) : NO_ARGUMENTS, false);
    },
    setInterval(callback: unknown, delay?: unknown): unknown {
      const node = currentNode.getStore();
      if (node === undefined) return Reflect.apply(real.setInterval!, undefined, arguments);
      return node.setTimer(callback, delay ?? 1, arguments.length > 2 ? Array.prototype.slice.call(arguments, 2) : NO_ARGUMENTS, true);
    },
    setImmediate(callback: unknown): unknown {
      const node = currentNode.getStore();
      if (node === undefined) return Reflect.apply(real.setImmediate!, undefined, arguments);
      return node.setTimer(callback, undefined, arguments.length > 1 ? Array.prototype.slice.call(arguments, 1) : NO_ARGUMENTS, false);
    },
    clearTimeout: clear(real.clearTimeout!),
    clearInterval: clear(real.clearInterval!),
    clearImmediate: clear(real.clearImmediate!),
  } as Record<string, AnyFunction>;
}

/** A handle of another node's virtual timer: clearing it from elsewhere does nothing, as clearing a stale id does. */
function isVirtualHandle(handle: unknown): boolean {
  return typeof handle === 'object' && handle !== null && 'owner' in handle && 'repeat' in handle;
}

interface TimerPromiseOptions {
  readonly signal?: AbortSignal;
}

function abortError(signal: AbortSignal): Error {
  return Object.assign(new Error('The operation was aborted', { cause: signal.reason }), { name: 'AbortError', code: 'ABORT_ERR' });
}

function virtualTimerPromises(realSetTimeout: AnyFunction, realSetImmediate: AnyFunction): Record<'setTimeout' | 'setImmediate', AnyFunction> {
  const wait = (node: VirtualNode, delay: unknown, value: unknown, options: TimerPromiseOptions | undefined): Promise<unknown> =>
    new Promise((resolve, reject) => {
      const signal = options?.signal;
      if (signal?.aborted === true) {
        reject(abortError(signal));
        return;
      }
      const timeout = node.setTimer(() => resolve(value), delay, [], false);
      signal?.addEventListener('abort', () => {
        node.clearTimer(timeout);
        reject(abortError(signal));
      }, { once: true });
    });
  return {
    setTimeout(delay?: unknown, value?: unknown, options?: TimerPromiseOptions): unknown {
      const node = currentNode.getStore();
      return node === undefined ? (realSetTimeout as (...a: unknown[]) => unknown)(delay, value, options) : wait(node, delay ?? 1, value, options);
    },
    setImmediate(value?: unknown, options?: TimerPromiseOptions): unknown {
      const node = currentNode.getStore();
      return node === undefined ? (realSetImmediate as (...a: unknown[]) => unknown)(value, options) : wait(node, undefined, value, options);
    },
  } as Record<'setTimeout' | 'setImmediate', AnyFunction>;
}

/**
 * `Date` as a proxy of the real one: `new Date()`, `Date()` and `Date.now()` read the running
 * node's clock; everything else (parsing, `Date.UTC`, `instanceof`, subclasses) is the real Date's.
 */
function virtualDate(RealDate: DateConstructor): DateConstructor {
  const now = (): number => {
    const node = currentNode.getStore();
    return node === undefined ? RealDate.now() : node.dateNow();
  };
  return new Proxy(RealDate, {
    construct(target, args, newTarget) {
      const node = currentNode.getStore();
      if (args.length === 0 && node !== undefined) return Reflect.construct(target, [node.dateNow()], newTarget) as object;
      return Reflect.construct(target, args, newTarget) as object;
    },
    apply(target) {
      const node = currentNode.getStore();
      return node === undefined ? target() : new target(node.dateNow()).toString();
    },
    get(target, key, receiver) {
      if (key === 'now') return now;
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
}

function virtualMathRandom(realRandom: () => number): () => number {
  return () => {
    const node = currentNode.getStore();
    return node === undefined ? realRandom() : node.math.uniform();
  };
}

/** Web Crypto's and node:crypto's random functions. */
function patchCrypto(): void {
  const web = globalThis.crypto;
  const realGetRandomValues = web.getRandomValues.bind(web);
  const realRandomUuid = web.randomUUID.bind(web);
  const getRandomValues = <T extends ArrayBufferView | null>(array: T): T => {
    const node = currentNode.getStore();
    if (node === undefined || array === null || !ArrayBuffer.isView(array)) return realGetRandomValues(array as never) as T;
    fillRandomBytes(node.crypto, bytesOf(array));
    return array;
  };
  const randomUUID = (): string => {
    const node = currentNode.getStore();
    return node === undefined ? realRandomUuid() : randomUuid(node.crypto);
  };
  patch(web, 'getRandomValues', getRandomValues);
  patch(web, 'randomUUID', randomUUID);
  // node:crypto's getRandomValues (a fixed getter) calls Web Crypto's, patched above.
  const real = {
    randomUUID: cryptoModule.randomUUID as AnyFunction,
    randomBytes: cryptoModule.randomBytes as AnyFunction,
    randomFillSync: cryptoModule.randomFillSync as AnyFunction,
    randomFill: cryptoModule.randomFill as AnyFunction,
    randomInt: cryptoModule.randomInt as AnyFunction,
  };
  const passThrough = (fn: AnyFunction, args: unknown[]): unknown => (fn as (...a: unknown[]) => unknown)(...args);
  const later = (node: VirtualNode, callback: unknown, ...args: unknown[]): void => {
    node.setTimer(callback, undefined, args, false);
  };
  patch(cryptoModule, 'randomUUID', (...args: unknown[]) => {
    const node = currentNode.getStore();
    return node === undefined ? passThrough(real.randomUUID, args) : randomUuid(node.crypto);
  });
  patch(cryptoModule, 'randomBytes', (size: number, callback?: unknown) => {
    const node = currentNode.getStore();
    if (node === undefined) return passThrough(real.randomBytes, callback === undefined ? [size] : [size, callback]);
    const bytes = Buffer.alloc(size);
    fillRandomBytes(node.crypto, bytes);
    if (callback === undefined) return bytes;
    later(node, callback, null, bytes);
    return undefined;
  });
  patch(cryptoModule, 'randomFillSync', (buffer: ArrayBufferView, offset?: number, size?: number) => {
    const node = currentNode.getStore();
    if (node === undefined) return passThrough(real.randomFillSync, [buffer, offset, size].filter((a) => a !== undefined));
    fillRandomBytes(node.crypto, bytesOf(buffer, offset ?? 0, size));
    return buffer;
  });
  patch(cryptoModule, 'randomFill', (buffer: ArrayBufferView, ...rest: unknown[]) => {
    const node = currentNode.getStore();
    if (node === undefined) return passThrough(real.randomFill, [buffer, ...rest]);
    const callback = rest.pop();
    const [offset, size] = rest as [number | undefined, number | undefined];
    fillRandomBytes(node.crypto, bytesOf(buffer, offset ?? 0, size));
    later(node, callback, null, buffer);
    return undefined;
  });
  patch(cryptoModule, 'randomInt', (...args: unknown[]) => {
    const node = currentNode.getStore();
    if (node === undefined) return passThrough(real.randomInt, args);
    const callback = typeof args[args.length - 1] === 'function' ? args.pop() : undefined;
    const [min, max] = args.length === 1 ? [0, args[0] as number] : (args as [number, number]);
    const value = min + Math.floor(node.crypto.uniform() * (max - min));
    if (callback === undefined) return value;
    later(node, callback, null, value);
    return undefined;
  });
}
