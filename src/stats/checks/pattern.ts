/**
 * What the checks need to know of a flow's pattern, and nothing more: whether the flow's own
 * label carries one frame per scheduled send, the largest frames it pads to its size, and the
 * pattern's own checks of its logical messages. A pattern's definition (scenario/patterns/)
 * provides it and the run record carries it ({@link RunRecord.patterns}), so that no check
 * tells patterns apart by name and a pattern added later is checked like the built-ins.
 */
import type { Frame } from '../../messaging/frames.js';
import type { FlowSpec } from '../../workload/flow.js';
import type { RunRecord } from '../record.js';
import type { DeliveryContext } from './context.js';
import type { CheckRow } from './rows.js';

/** A check of one pattern's flows' logical messages (their ledger rows). */
export type PatternCheck<S extends FlowSpec = FlowSpec> = (flow: DeliveryContext<S>) => CheckRow[];

/** What the checks need of a pattern. */
export interface PatternAnalysis<S extends FlowSpec = FlowSpec> {
  /** The pattern's name, as its flows' `pattern`. */
  readonly name: string;
  /**
   * Whether a flow's own label carries exactly one frame per scheduled send when the flow is
   * at most once and unordered: then the flow's interval and size describe those frames, and
   * the queueing and closed-form throughput formulas apply to them.
   */
  oncePerSend(spec: S): boolean;
  /** The largest frames a flow pads to its `size` (a constant size must fit them). */
  sizedFrames(spec: S, nodes: readonly string[]): Frame[];
  /** The pattern's own checks of a flow's logical messages, in the order their rows appear. */
  readonly checks: readonly PatternCheck<S>[];
}

/** The pattern of one of a run's flows, as the run's record carries it. */
export function patternOf(record: RunRecord, spec: FlowSpec): PatternAnalysis {
  const pattern = record.patterns.get(spec.pattern);
  if (pattern === undefined) throw new Error(`the record of "${record.name}" has no pattern "${spec.pattern}" for flow "${spec.name}"`);
  return pattern;
}
