/**
 * The durable store of a node: a key-value map that outlives crashes, copying values in
 * and out so that volatile objects never alias durable ones.
 */
import type { DurableStore } from './seam.js';

/**
 * A copy of `value` that shares nothing mutable with it. Primitives are their own copies and
 * a byte array (what libraries store: document chunks, encoded state) is copied as bytes,
 * several times faster than a structured clone; anything else is structured-cloned.
 */
function copyOf<T>(value: T): T {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function' && typeof value !== 'symbol')) return value;
  if (Object.getPrototypeOf(value) === Uint8Array.prototype) return (value as unknown as Uint8Array).slice() as T;
  return structuredClone(value);
}

/** A {@link DurableStore} in memory (it survives simulated crashes, not the process). */
export class MemoryDurableStore implements DurableStore {
  private readonly entries = new Map<string, unknown>();

  get<T = unknown>(key: string): T | undefined {
    return this.entries.has(key) ? (copyOf(this.entries.get(key)) as T) : undefined;
  }

  set(key: string, value: unknown): void {
    this.entries.set(key, copyOf(value));
  }

  delete(key: string): boolean {
    return this.entries.delete(key);
  }

  keys(): string[] {
    return [...this.entries.keys()];
  }
}
