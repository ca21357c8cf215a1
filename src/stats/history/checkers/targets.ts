/**
 * Targets a workload must meet, such as a Gossip Glomers challenge's ("fewer than 30
 * messages per operation, median stable latency under 400 ms"): each turns the workload's
 * informational rows of that metric into verdicts, so `msgsim check` fails when a target is
 * missed. One table says which rows a target judges and how.
 */
import { boundRow, type CheckRow } from '../../checks/rows.js';

/** How a target judges its rows: the measurement must be below it, or at least it. */
export type TargetBound = 'less-than' | 'at-least';

/** What one target judges. */
export interface TargetSpec {
  readonly bound: TargetBound;
  /** The metrics of the rows it judges. */
  readonly rows: readonly string[];
  /** For the schema's description. */
  readonly description: string;
}

/** The stable latency quantiles a set workload's targets may bound. */
const STABLE_QUANTILES = ['p50', 'p95', 'p99', 'max'] as const;

/** Targets of every workload. */
export const OPERATION_TARGETS = {
  availability: { bound: 'at-least', rows: ['availability'], description: 'Least share of operations that must succeed (1: total availability).' },
  msgs_per_op: { bound: 'less-than', rows: ['msgs_per_op'], description: 'Messages between nodes per operation must be fewer than this.' },
} as const satisfies Readonly<Record<string, TargetSpec>>;

/**
 * Targets of set workloads (broadcast, g-set) besides: a stable latency quantile bounds both
 * the read-sampled row (what Maelstrom reports) and the exact one (never lower).
 */
export const SET_TARGETS: Readonly<Record<string, TargetSpec>> = Object.fromEntries(
  STABLE_QUANTILES.map((q) => [
    `stable_latency_${q}`,
    {
      bound: 'less-than',
      rows: [`stable_latency_read_${q}`, `stable_latency_exact_${q}`],
      description: `Stable latency, quantile ${q}, must be below this duration (read-sampled and exact).`,
    },
  ]),
);

/** Every target by name. */
const TARGETS: Readonly<Record<string, TargetSpec>> = { ...OPERATION_TARGETS, ...SET_TARGETS };

/** Targets as a scenario gives them: name → value (seconds for latencies). */
export type WorkloadTargets = Readonly<Partial<Record<string, number>>>;

/**
 * The rows with each targeted metric judged against its target (the row's formula and
 * evidence kept); a measurement that is missing (NaN) is not judged: it passes, with the
 * evidence "nothing measured".
 */
export function applyTargets(rows: readonly CheckRow[], targets: WorkloadTargets | undefined): CheckRow[] {
  if (targets === undefined) return [...rows];
  const byMetric = new Map<string, { bound: TargetBound; value: number }>();
  for (const [name, value] of Object.entries(targets)) {
    const spec = TARGETS[name];
    if (spec === undefined || value === undefined) continue;
    for (const metric of spec.rows) byMetric.set(metric, { bound: spec.bound, value });
  }
  return rows.map((row) => {
    const target = byMetric.get(row.metric);
    if (target === undefined) return row;
    const judged = boundRow(row.flow, row.metric, row.measured, target.value, target.bound, `${row.formula}; target`);
    // Nothing to judge (no operation, no stable value): the run shows nothing against the
    // target, so it does not fail it; whatever left the row empty fails its own verdict.
    if (Number.isNaN(row.measured)) return { ...judged, ok: true, evidence: 'nothing measured' };
    return row.evidence === undefined ? judged : { ...judged, evidence: row.evidence };
  });
}
