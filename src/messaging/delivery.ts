/**
 * Delivery guarantees a send can ask for, and the retry policy of the reliable ones.
 *
 *   at-most-once   sent once, never acknowledged (the default)
 *   at-least-once  acknowledged; retransmitted on timeout with exponential backoff and
 *                  jitter, up to a retry limit; the receiver may see duplicates
 *   exactly-once   at-least-once plus de-duplication by sequence number at the receiver
 *                  (exactly-once processing, within a bounded window)
 *   ordered        (with any of them) FIFO per sender → receiver stream: sequence numbers
 *                  and a reorder buffer; nothing is handed over out of order
 */

/** How hard a send tries. */
export type DeliveryMode = 'at-most-once' | 'at-least-once' | 'exactly-once';

/** When a reliable send retransmits and when it gives up. */
export interface RetryPolicy {
  /** Wait before the first retransmission, in seconds of the sender's clock. @default 0.2 */
  readonly timeoutSeconds: number;
  /** Each further wait is this many times the previous one. @default 2 */
  readonly backoff: number;
  /** Longest wait, in seconds. @default 10 */
  readonly maxTimeoutSeconds: number;
  /** Retransmissions after the first transmission before giving up. @default 5 */
  readonly maxRetries: number;
  /** Each wait is scaled by a uniform factor in [1 − jitter, 1 + jitter]. @default 0.1 */
  readonly jitter: number;
}

/** The default {@link RetryPolicy}. */
export const DEFAULT_RETRY: RetryPolicy = { timeoutSeconds: 0.2, backoff: 2, maxTimeoutSeconds: 10, maxRetries: 5, jitter: 0.1 };

/**
 * Mode bits carried in a reliable frame: acknowledge it, hand it over once, hand it over
 * in order. Each changes what the receiver does; nothing else travels in them.
 */
export const ModeBit = { Ack: 1, Dedupe: 2, Ordered: 4 } as const;

/** The mode bits of a guarantee. */
export function modeBits(mode: DeliveryMode, ordered: boolean): number {
  const base = mode === 'at-most-once' ? 0 : mode === 'at-least-once' ? ModeBit.Ack : ModeBit.Ack | ModeBit.Dedupe;
  return ordered ? base | ModeBit.Ordered : base;
}

/** The wait before retransmission `retry` (0 = the first), before jitter. */
export function retryWait(policy: RetryPolicy, retry: number): number {
  return Math.min(policy.timeoutSeconds * policy.backoff ** retry, policy.maxTimeoutSeconds);
}
