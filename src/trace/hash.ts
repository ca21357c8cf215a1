/**
 * A running hash of a trace: every event is folded into a 64-bit hash (two 32-bit FNV-1a
 * lanes over the event's keys and values) and the value is kept every {@link CHECKPOINT_EVERY}
 * events, so two runs can be compared event for event and a divergence located to within
 * one stretch. Non-cryptographic: it detects accidental non-determinism, not tampering.
 */
import type { TraceEvent } from './events.js';

/** Events between two kept values of the chain. */
export const CHECKPOINT_EVERY = 1024;

const float = new Float64Array(1);
const words = new Uint32Array(float.buffer);

/** The hash chain of a sequence of trace events. */
export class EventHashChain {
  private a = 0x811c9dc5;
  private b = 0x050c5d1f;
  /** Events folded in so far. */
  count = 0;
  /** The chain's value after every {@link CHECKPOINT_EVERY} events. */
  readonly checkpoints: string[] = [];

  /** Folds one event into the chain. */
  add(event: TraceEvent): void {
    const record = event as unknown as Record<string, unknown>;
    for (const key in record) {
      const value = record[key];
      if (value === undefined) continue;
      this.text(key);
      this.value(value);
    }
    this.mix(0xff);
    this.count++;
    if (this.count % CHECKPOINT_EVERY === 0) this.checkpoints.push(this.hex());
  }

  /** The chain's current value, 16 hex digits. */
  hex(): string {
    return (this.a >>> 0).toString(16).padStart(8, '0') + (this.b >>> 0).toString(16).padStart(8, '0');
  }

  private value(value: unknown): void {
    if (typeof value === 'number') {
      float[0] = value;
      this.mix(words[0]!);
      this.mix(words[1]!);
    } else if (typeof value === 'string') {
      this.text(value);
    } else if (typeof value === 'boolean') {
      this.mix(value ? 1 : 2);
    } else if (Array.isArray(value)) {
      this.mix(0xfe);
      for (const item of value) this.value(item);
      this.mix(0xfd);
    }
  }

  private text(text: string): void {
    for (let i = 0; i < text.length; i++) this.mix(text.charCodeAt(i));
    this.mix(0xfc);
  }

  private mix(word: number): void {
    this.a = Math.imul(this.a ^ word, 0x01000193);
    this.b = Math.imul(this.b ^ word, 0x01000193) ^ (this.a >>> 15);
  }
}

/** Where two runs' chains part: undefined when they agree. */
export interface ChainDivergence {
  /** The first stretch of events (0-based event numbers, inclusive) in which they differ. */
  readonly from: number;
  readonly to: number;
}

/**
 * Compares a run's chain with a recorded one: the first checkpoint that differs, else the
 * event counts and final values.
 */
export function compareChains(
  expected: { readonly count: number; readonly hash: string; readonly checkpoints: readonly string[] },
  actual: { readonly count: number; readonly hash: string; readonly checkpoints: readonly string[] },
): ChainDivergence | undefined {
  const shared = Math.min(expected.checkpoints.length, actual.checkpoints.length);
  for (let i = 0; i < shared; i++) {
    if (expected.checkpoints[i] !== actual.checkpoints[i]) return { from: i * CHECKPOINT_EVERY, to: (i + 1) * CHECKPOINT_EVERY - 1 };
  }
  if (expected.count === actual.count && expected.hash === actual.hash) return undefined;
  return { from: shared * CHECKPOINT_EVERY, to: Math.max(expected.count, actual.count) - 1 };
}
