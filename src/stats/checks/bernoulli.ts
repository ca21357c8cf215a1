/**
 * Per-hop Bernoulli checks of a flow: `reliability` (each transmission over a link with
 * Bernoulli loss p survives with probability 1 − p: successful over total transmissions)
 * and `corruption` (each surviving transmission over a link that corrupts with probability
 * c arrives intact with probability 1 − c). Trials are hops, the fate of each decided by its
 * own draw (trials.ts gives the interval), tallied with every label's in one pass over the
 * hops (hop-tallies.ts).
 */
import type { FlowContext } from './context.js';
import { hopTally } from './hop-tallies.js';
import type { CheckRow } from './rows.js';

/** reliability (Bernoulli loss) and corruption rows over the flow's hops. */
export function bernoulliRows(flow: FlowContext): CheckRow[] {
  const tally = hopTally(flow.run, flow.index);
  const rows = [tally.loss.ratioRow(flow.name, 'reliability', '1 - loss (per transmission)')];
  if (tally.corrupting) rows.push(tally.corruption.ratioRow(flow.name, 'corruption', '1 - corrupt (per transmission)'));
  return rows.filter((row): row is CheckRow => row !== undefined);
}
