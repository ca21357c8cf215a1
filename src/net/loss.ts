/**
 * Loss models: how a link direction decides that a transmitted message is lost.
 *
 * Bernoulli loss loses each message independently with probability p. Gilbert–Elliott
 * loss is bursty: a two-state Markov chain (Good, Bad) steps once per message; in Good a
 * message is lost with probability `lossGood`, in Bad with `lossBad`, and after each message
 * the chain moves Good→Bad with probability `p` and Bad→Good with probability `r`. The chain
 * starts in its stationary distribution, so the long-run loss rate holds from the first
 * message:
 *
 *     π_Bad = p / (p + r)        loss rate = (1 − π_Bad)·lossGood + π_Bad·lossBad
 */
import type { RandomStream } from '../engine/random.js';

/** Parameters of Gilbert–Elliott loss. */
export interface GilbertElliottLoss {
  readonly model: 'gilbert-elliott';
  /** Probability of moving Good → Bad after a message. */
  readonly p: number;
  /** Probability of moving Bad → Good after a message. */
  readonly r: number;
  /** Loss probability in the Good state. @default 0 */
  readonly lossGood: number;
  /** Loss probability in the Bad state. @default 1 */
  readonly lossBad: number;
}

/** A link's loss: a probability (Bernoulli) or a Gilbert–Elliott model. */
export type LossSpec = number | GilbertElliottLoss;

/** Stationary probability of the Bad state. */
export function badStateProbability(loss: GilbertElliottLoss): number {
  return loss.p + loss.r === 0 ? 0 : loss.p / (loss.p + loss.r);
}

/** Long-run fraction of messages lost. */
export function longRunLossRate(loss: LossSpec): number {
  if (typeof loss === 'number') return loss;
  const bad = badStateProbability(loss);
  return (1 - bad) * loss.lossGood + bad * loss.lossBad;
}

/**
 * Asymptotic variance of the loss indicator's running mean, times n: for a stationary
 * two-state chain with eigenvalue λ = 1 − p − r, successive indicators are correlated as
 * Cov(X_0, X_k) = π_G π_B (lossBad − lossGood)² λ^k, so
 *
 *     σ² = q(1 − q) + 2 π_G π_B (lossBad − lossGood)² λ / (1 − λ)        (q = loss rate)
 *
 * For Bernoulli loss it is p(1 − p). Used for the confidence interval of the loss check.
 */
export function lossRateVariance(loss: LossSpec): number {
  const rate = longRunLossRate(loss);
  if (typeof loss === 'number') return rate * (1 - rate);
  const bad = badStateProbability(loss);
  const lambda = 1 - loss.p - loss.r;
  const spread = (1 - bad) * bad * (loss.lossBad - loss.lossGood) ** 2;
  return rate * (1 - rate) + (lambda >= 1 ? Infinity : (2 * spread * lambda) / (1 - lambda));
}

/** The per-message decision of one link direction. */
export interface LossProcess {
  /** True when the message now arriving is lost; advances the model. */
  shouldLose(): boolean;
}

/** The loss process of every direction that loses nothing: it holds no state, so all share it. */
const NEVER_LOSE: LossProcess = { shouldLose: () => false };

/** A loss process drawing from `stream`; draws nothing when the loss can never happen. */
export function lossProcess(loss: LossSpec, stream: () => RandomStream): LossProcess {
  if (typeof loss === 'number') {
    if (loss === 0) return NEVER_LOSE;
    const random = stream();
    return { shouldLose: () => random.uniform() < loss };
  }
  const random = stream();
  let bad = random.uniform() < badStateProbability(loss);
  return {
    shouldLose(): boolean {
      const lost = random.uniform() < (bad ? loss.lossBad : loss.lossGood);
      bad = bad ? random.uniform() >= loss.r : random.uniform() < loss.p;
      return lost;
    },
  };
}
