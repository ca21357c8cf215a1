/**
 * Independent success/failure trials with known success probabilities, and the check row
 * that compares their success ratio with its expectation: Wilson's interval when every trial
 * has the same probability, otherwise the normal approximation of the Poisson-binomial count.
 */
import { normalInterval, wilsonInterval } from '../intervals.js';
import { intervalRow, type CheckRow } from './rows.js';

/** Trials of one kind: how many, how many succeeded, and their success probabilities. */
export class Trials {
  count = 0;
  successes = 0;
  private expectedSum = 0;
  private varianceSum = 0;
  private first: number | undefined;
  private uniform = true;

  add(successProbability: number, success: boolean): void {
    this.count++;
    if (success) this.successes++;
    this.expectedSum += successProbability;
    this.varianceSum += successProbability * (1 - successProbability);
    this.first ??= successProbability;
    if (successProbability !== this.first) this.uniform = false;
  }

  /** The success ratio against its expectation, or undefined without trials. */
  ratioRow(flow: string, metric: string, formula: string): CheckRow | undefined {
    if (this.count === 0) return undefined;
    const measured = this.successes / this.count;
    const expected = this.expectedSum / this.count;
    if (this.uniform) return intervalRow(flow, metric, measured, expected, wilsonInterval(this.successes, this.count), 'Wilson', formula);
    const interval = normalInterval(measured, this.varianceSum / this.count, this.count);
    return intervalRow(flow, metric, measured, expected, interval, 'normal', formula);
  }

  /** The success count against its expectation (normal approximation), or undefined without trials. */
  countRow(flow: string, metric: string, formula: string): CheckRow | undefined {
    if (this.count === 0) return undefined;
    const n = this.count;
    const [low, high] = normalInterval(this.successes / n, this.varianceSum / n, n);
    return intervalRow(flow, metric, this.successes, this.expectedSum, [low * n, high * n], 'normal', formula);
  }
}
