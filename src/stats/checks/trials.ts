/**
 * Independent success/failure trials with known success probabilities, and the check rows
 * that compare their success ratio (or count) with its expectation. The interval is always
 * Wilson's score interval, which stays inside [0, 1]: with one probability for every trial
 * the count is binomial; with several it is Poisson-binomial, whose variance Σ p(1 − p) is at
 * most the binomial n·p̄(1 − p̄) of the same mean, so the score test at the mean p̄ is
 * conservative there.
 *
 * The expectation is summed per distinct probability (count × p), so that many trials add no
 * rounding, and given to 15 significant digits — all a double holds for sure — so that the
 * last bits of a product do not show: 19,992 trials of p = 0.95 expect 18992.4 successes, not
 * 18992.399999999998; one p expects a share of exactly p.
 */
import { wilsonInterval } from '../intervals.js';
import { intervalRow, type CheckRow } from './rows.js';

/** Trials of one kind: how many, how many succeeded, and their success probabilities. */
export class Trials {
  count = 0;
  successes = 0;
  /** Trials per distinct success probability, but for the latest run of one probability. */
  private readonly byProbability = new Map<number, number>();
  /** The latest run of trials with one probability (most trials share the previous one's). */
  private runProbability = NaN;
  private runLength = 0;

  add(successProbability: number, success: boolean): void {
    this.count++;
    if (success) this.successes++;
    if (successProbability !== this.runProbability) {
      this.flush();
      this.runProbability = successProbability;
    }
    this.runLength++;
  }

  /** The expected share of successes: Σ (trials with p / all trials) · p, to 15 digits. */
  expectedShare(): number {
    let share = 0;
    for (const [p, trials] of this.probabilities()) share += (trials / this.count) * p;
    return toFormulaPrecision(share);
  }

  /** The expected number of successes: Σ (trials with p) · p, to 15 digits. */
  expectedCount(): number {
    let count = 0;
    for (const [p, trials] of this.probabilities()) count += trials * p;
    return toFormulaPrecision(count);
  }

  /** Trials per distinct success probability, in the order the probabilities first came. */
  private probabilities(): Map<number, number> {
    this.flush();
    return this.byProbability;
  }

  private flush(): void {
    if (this.runLength === 0) return;
    this.byProbability.set(this.runProbability, (this.byProbability.get(this.runProbability) ?? 0) + this.runLength);
    this.runLength = 0;
  }

  /** The success ratio against its expectation, or undefined without trials. */
  ratioRow(flow: string, metric: string, formula: string): CheckRow | undefined {
    if (this.count === 0) return undefined;
    return intervalRow(flow, metric, this.successes / this.count, this.expectedShare(), wilsonInterval(this.successes, this.count), 'Wilson', formula);
  }

  /** The success count against its expectation (Wilson's interval on the share, times the trials), or undefined without trials. */
  countRow(flow: string, metric: string, formula: string): CheckRow | undefined {
    if (this.count === 0) return undefined;
    const n = this.count;
    const [low, high] = wilsonInterval(this.successes, n);
    return intervalRow(flow, metric, this.successes, this.expectedCount(), [low * n, high * n], 'Wilson', formula);
  }
}

/** `value` to 15 significant digits: every 15-digit decimal survives a round trip through a double. */
function toFormulaPrecision(value: number): number {
  return Number(value.toPrecision(15));
}
