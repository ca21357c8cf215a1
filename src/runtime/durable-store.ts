/**
 * The durable store of a node: a key-value map that outlives crashes, copying values in
 * and out so that volatile objects never alias durable ones.
 */
import type { DurableStore } from './seam.js';

/** A {@link DurableStore} in memory (it survives simulated crashes, not the process). */
export class MemoryDurableStore implements DurableStore {
  private readonly entries = new Map<string, unknown>();

  get<T = unknown>(key: string): T | undefined {
    return this.entries.has(key) ? (structuredClone(this.entries.get(key)) as T) : undefined;
  }

  set(key: string, value: unknown): void {
    this.entries.set(key, structuredClone(value));
  }

  delete(key: string): boolean {
    return this.entries.delete(key);
  }

  keys(): string[] {
    return [...this.entries.keys()];
  }
}
