/**
 * `simulate()`: runs a protocol on one generated case and returns its trace, the invariant
 * violation if any, and the run's metrics. The case goes through the same validation as a
 * scenario file, so what `simulate()` runs is exactly what the written counterexample replays.
 */
import { Outcome } from '../net/outcome.js';
import { scenarioFromData } from '../scenario/load.js';
import type { Scenario } from '../scenario/scenario.js';
import { runScenario } from '../scenario/simulation.js';
import type { RunRecord } from '../stats/record.js';
import type { TraceEvent } from '../trace/events.js';
import { BUILTIN_INVARIANTS, type Invariant } from '../trace/invariants.js';
import type { FoundViolation } from '../trace/recorder.js';
import type { Protocol } from '../workload/protocol.js';
import { scenarioName, type ProtocolCase } from './case.js';

/** Where a protocol's module is, for files that must load it again. */
export interface ModuleRef {
  /** Path or file: URL of the module (e.g. `import.meta.url` of the module itself). */
  readonly module: string;
  /** Name of the export. @default 'default' */
  readonly export?: string;
}

/** What {@link simulate} runs. */
export interface SimulateSetup {
  /** The protocol under test. */
  readonly protocol: Protocol;
  /** The generated case (see the arbitraries). */
  readonly case: ProtocolCase;
  /** Checked after every event; the run stops at the first violation. @default none */
  readonly invariants?: readonly Invariant[];
  /** Keep the trace's events (else only counts and hashes). @default true */
  readonly keepTrace?: boolean;
  /** Leave timer events out of the trace. @default false */
  readonly omitTimers?: boolean;
  /** Scenario name. @default 'case' */
  readonly name?: string;
}

/** Counts of a protocol run. */
export interface ProtocolMetrics {
  /** Application messages sent, delivered (duplicates included) and replies received. */
  readonly appSent: number;
  readonly appDelivered: number;
  readonly appReplies: number;
  /** Frames the protocol put on the network, and how many reached their destination. */
  readonly framesSent: number;
  readonly framesDelivered: number;
  /** Bytes on the wire of all frames sent. */
  readonly bytesSent: number;
  /** Virtual time at the end, in seconds, and events run. */
  readonly endTime: number;
  readonly events: number;
}

/** What {@link simulate} returns. */
export interface SimulationResult {
  readonly scenario: Scenario;
  readonly record: RunRecord;
  /** The trace (empty unless kept), cut at the violation if there was one. */
  readonly trace: readonly TraceEvent[];
  readonly violation: FoundViolation | undefined;
  /** Final value of the trace's hash chain: equal runs have equal hashes. */
  readonly hash: string;
  readonly metrics: ProtocolMetrics;
}

/**
 * The scenario data of a case: what a scenario file for it holds. `protocol` and
 * `invariants` say where replays load them from.
 */
export function caseScenarioData(
  c: ProtocolCase,
  options: { name?: string; protocol?: { module: string; export: string }; invariants?: readonly (string | { module: string; export: string })[] } = {},
): Record<string, unknown> {
  return {
    name: options.name ?? 'case',
    seed: c.seed,
    until: c.until,
    nodes: c.nodes,
    links: c.links,
    ...(c.faults.length > 0 ? { faults: c.faults } : {}),
    protocol: options.protocol ?? { module: 'protocol.js', export: 'default' },
    script: c.script,
    ...(options.invariants !== undefined && options.invariants.length > 0 ? { invariants: options.invariants } : {}),
    ...(c.explore === undefined ? {} : { explore: c.explore }),
  };
}

/** Names of the built-in invariants among `invariants`, the others' names apart. */
export function invariantNames(invariants: readonly Invariant[]): { builtin: string[]; custom: Invariant[] } {
  const builtin: string[] = [];
  const custom: Invariant[] = [];
  for (const inv of invariants) {
    if (BUILTIN_INVARIANTS.get(inv.name) === inv) builtin.push(inv.name);
    else custom.push(inv);
  }
  return { builtin, custom };
}

/** Runs `setup.protocol` on `setup.case`, deterministically; never throws for a violation. */
export async function simulate(setup: SimulateSetup): Promise<SimulationResult> {
  const scenario = scenarioFromData(caseScenarioData(setup.case, { name: scenarioName(setup.name ?? 'case') }), 'case.yaml');
  const record = await runScenario(scenario, {
    protocol: setup.protocol,
    invariants: setup.invariants ?? [],
    trace: { keep: setup.keepTrace ?? true, omitTimers: setup.omitTimers ?? false },
  });
  const trace = record.trace!;
  return { scenario, record, trace: trace.events, violation: trace.violation, hash: trace.hash, metrics: metricsOf(record) };
}

function metricsOf(record: RunRecord): ProtocolMetrics {
  const journal = record.journal;
  let delivered = 0;
  let bytes = 0;
  for (let id = 0; id < journal.length; id++) {
    if (journal.outcome[id] === Outcome.Delivered) delivered++;
    bytes += journal.bytes[id]!;
  }
  const counts = record.trace!.counts;
  return { appSent: counts.app_send, appDelivered: counts.app_deliver, appReplies: counts.app_reply, framesSent: journal.length, framesDelivered: delivered, bytesSent: bytes, endTime: record.endTime, events: record.events };
}
