/**
 * Checks of a broadcast flow, per method:
 *
 *   unicast  `broadcast_messages`: the origin sends n − 1 messages per broadcast (exact).
 *   flood    `broadcast_messages`: with perfect duplicate suppression on a connected graph
 *            that loses nothing, the origin sends to its deg(o) neighbours and every other
 *            node forwards its first copy to its deg(v) − 1 other neighbours: Σ degree −
 *            (n − 1) messages per broadcast (exact), reaching every node.
 *   gossip   `coverage`: the mean share of the other nodes a broadcast reaches, against the
 *            mean-field (expected-value) recursion of push gossip with fan-out f over R
 *            rounds: of u uninformed nodes, u·(1 − (1 − f/(n−1))^k) hear from the k nodes
 *            informed in the round before. The recursion is an approximation (it replaces
 *            random counts by their means and ignores rounds overlapping in time), so the row
 *            reports the comparison and its interval (Wilson, for trials clustered by
 *            broadcast) without failing.
 */
import { effectiveWilsonInterval, type Interval } from '../intervals.js';
import type { BroadcastFlowSpec } from '../../workload/broadcast.js';
import type { RunRecord } from '../record.js';
import type { DeliveryContext } from './context.js';
import { countRow, informational, intervalRow, type CheckRow } from './rows.js';

/** broadcast_messages or coverage, by method. */
export function broadcastRows(flow: DeliveryContext<BroadcastFlowSpec>): CheckRow[] {
  const { run, spec } = flow;
  if (flow.rows.length === 0) return [];
  const record = run.record;
  const n = record.nodeNames.length;
  const broadcasts = groups(flow);
  const lossless = losslessRun(record);
  switch (spec.method) {
    case 'unicast':
      return [countRow(spec.name, 'broadcast_messages', framesSent(flow), broadcasts.size * (n - 1), 'n - 1 per broadcast')];
    case 'flood': {
      if (!lossless || !connected(record)) return [];
      const degreeSum = record.transmitters.length;
      return [countRow(spec.name, 'broadcast_messages', framesSent(flow), broadcasts.size * (degreeSum - (n - 1)), 'Σ degree - (n - 1) per broadcast')];
    }
    case 'gossip': {
      if (!lossless || n < 2) return [];
      const ledger = record.ledger;
      const coverages = [...broadcasts.values()].map((rows) => rows.filter((row) => ledger.copies[row]! > 0).length / (n - 1));
      const expected = gossipCoverage(n, spec.fanout, spec.rounds);
      const { mean, interval } = coverageInterval(coverages, n - 1);
      return [informational(intervalRow(spec.name, 'coverage', mean, expected, interval, 'Wilson (clustered)', 'mean-field push gossip: u·(1 - (1 - f/(n-1))^k) per round'))];
    }
  }
}

/**
 * Expected share of the other n − 1 nodes reached by push gossip with fan-out `fanout` over
 * `rounds` rounds, by the mean-field recursion (see the header).
 */
export function gossipCoverage(n: number, fanout: number, rounds: number): number {
  if (n < 2) return 1;
  const hit = Math.min(fanout, n - 1) / (n - 1);
  let uninformed = n - 1;
  let pushers = 1;
  for (let round = 0; round < rounds; round++) {
    const informed = uninformed * (1 - (1 - hit) ** pushers);
    uninformed -= informed;
    pushers = informed;
  }
  return (n - 1 - uninformed) / (n - 1);
}

/**
 * The mean coverage of broadcasts and its interval. The nodes a broadcast reaches are trials
 * in clusters (one per broadcast), correlated within one: the share's variance is estimated
 * from the spread of the broadcasts' coverages (s²/B), and the Wilson interval counts the
 * B·(n − 1) trials as that many fewer as the design effect says — never more than they are.
 */
function coverageInterval(coverages: readonly number[], receivers: number): { mean: number; interval: Interval } {
  const broadcasts = coverages.length;
  const mean = coverages.reduce((sum, value) => sum + value, 0) / broadcasts;
  const spread = broadcasts > 1 ? coverages.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (broadcasts - 1) : 0;
  const trials = broadcasts * receivers;
  // Variance per trial, as effectiveWilsonInterval takes it: trials · Var(mean) = trials · s²/B.
  const perTrial = Math.max(spread * receivers, mean * (1 - mean));
  return { mean, interval: effectiveWilsonInterval(mean, trials, perTrial, mean) };
}

/** The flow's ledger rows by broadcast (its block's first row). */
function groups(flow: DeliveryContext): Map<number, number[]> {
  const ledger = flow.run.record.ledger;
  const byGroup = new Map<number, number[]>();
  for (const row of flow.rows) {
    const group = ledger.group[row]!;
    let rows = byGroup.get(group);
    if (rows === undefined) byGroup.set(group, (rows = []));
    rows.push(row);
  }
  return byGroup;
}

/** Frames the flow's nodes sent (copies made by links not included), after the warm-up if any. */
function framesSent(flow: DeliveryContext): number {
  const journal = flow.run.record.journal;
  const label = journal.findFlow(flow.spec.name);
  const since = flow.run.since;
  let count = 0;
  for (const id of label < 0 ? [] : flow.run.idsByLabel[label]!) if (journal.copyOf[id] === -1 && journal.sentAt[id]! >= since) count++;
  return count;
}

/** Whether nothing could stop a message: no loss, corruption, bounded queue, or fault. */
function losslessRun(record: RunRecord): boolean {
  if (record.nodeFaults.some((fault) => fault.kind === 'crash')) return false;
  return record.transmitters.every(({ link, faultedAt }) => {
    const loss = link.loss ?? 0;
    return loss === 0 && (link.corrupt ?? 0) === 0 && link.queue === undefined && faultedAt === Infinity;
  });
}

/** Whether the links connect every node. */
function connected(record: RunRecord): boolean {
  const n = record.nodeNames.length;
  const neighbours: number[][] = Array.from({ length: n }, () => []);
  for (const { from, to } of record.transmitters) neighbours[from]!.push(to);
  const seen = new Uint8Array(n);
  const stack = [0];
  seen[0] = 1;
  let reached = 1;
  while (stack.length > 0) {
    for (const next of neighbours[stack.pop()!]!) {
      if (seen[next] === 0) {
        seen[next] = 1;
        reached++;
        stack.push(next);
      }
    }
  }
  return reached === n;
}
