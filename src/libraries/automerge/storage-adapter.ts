/**
 * Automerge Repo's storage interface on a node's durable store: each chunk is one entry,
 * under a key made of the storage key's parts, so it survives the node's crashes and a
 * restarted Repo loads what it saved.
 */
import type { Chunk, StorageAdapterInterface, StorageKey } from '@automerge/automerge-repo';
import type { DurableStore } from '../../runtime/seam.js';

/** Key parts are joined by a character no part of Automerge Repo's keys holds. */
const SEPARATOR = '\u0000';

/** A storage adapter for Automerge Repo on a msgsim {@link DurableStore}. */
export class DurableStorageAdapter implements StorageAdapterInterface {
  /**
   * @param store - the node's durable store
   * @param prefix - where in the store the chunks live, so other state can share it
   */
  constructor(
    private readonly store: DurableStore,
    private readonly prefix = 'automerge-repo',
  ) {}

  load(key: StorageKey): Promise<Uint8Array | undefined> {
    return Promise.resolve(this.store.get<Uint8Array>(this.keyOf(key)));
  }

  save(key: StorageKey, data: Uint8Array): Promise<void> {
    this.store.set(this.keyOf(key), data);
    return Promise.resolve();
  }

  remove(key: StorageKey): Promise<void> {
    this.store.delete(this.keyOf(key));
    return Promise.resolve();
  }

  loadRange(keyPrefix: StorageKey): Promise<Chunk[]> {
    return Promise.resolve(this.keysIn(keyPrefix).map((stored) => ({ key: this.partsOf(stored), data: this.store.get<Uint8Array>(stored) })));
  }

  removeRange(keyPrefix: StorageKey): Promise<void> {
    for (const stored of this.keysIn(keyPrefix)) this.store.delete(stored);
    return Promise.resolve();
  }

  private keyOf(key: StorageKey): string {
    return [this.prefix, ...key].join(SEPARATOR);
  }

  private partsOf(stored: string): StorageKey {
    return stored.split(SEPARATOR).slice(1);
  }

  /** Stored keys under `keyPrefix`, whole parts only (["a"] holds ["a", "b"], not ["ab"]). */
  private keysIn(keyPrefix: StorageKey): string[] {
    const start = this.keyOf(keyPrefix);
    return this.store.keys().filter((stored) => stored === start || stored.startsWith(start + SEPARATOR));
  }
}
