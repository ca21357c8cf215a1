/**
 * `simulateProgram()`: runs a Maelstrom-style program on one generated case and judges what
 * its clients observed: the workload checker's verdicts (its rows in summary.csv that do not
 * hold) and the history invariants of your own. The case goes through the same validation
 * and the same run as a scenario file, so what it finds is what `msgsim run` of the written
 * counterexample finds.
 */
import type { NodeSetup } from '../messaging/maelstrom/node.js';
import { scenarioFromData } from '../scenario/load.js';
import { REPLAY_TRACE_MAX } from '../scenario/replay.js';
import type { Scenario } from '../scenario/scenario.js';
import { runScenario } from '../scenario/simulation.js';
import type { CheckRow } from '../stats/checks/rows.js';
import { workloadRows } from '../stats/history/checkers/index.js';
import type { RunRecord } from '../stats/record.js';
import type { HistoryEntry } from '../workload/clients/history.js';
import { scenarioName } from './case.js';
import { programScenarioData, type ProgramCase } from './program-case-data.js';

/**
 * What must hold of a program's history besides the workload's own verdicts: undefined when
 * it holds, else what is wrong. The function's name names it in reports.
 */
export type HistoryInvariant = (history: readonly HistoryEntry[], record: RunRecord) => string | undefined;

/** What {@link simulateProgram} runs. */
export interface ProgramSetup {
  /** The program under test: it sets up each node. */
  readonly program: NodeSetup;
  /** The generated case (see `programCase()`). */
  readonly case: ProgramCase;
  /** Checked on the history once the run is over. @default none */
  readonly invariants?: readonly HistoryInvariant[];
  /** Record the trace's hash chain (and at most 2,048 of its events), as a replay file needs. @default false */
  readonly trace?: boolean;
  /** Scenario name. @default 'case' */
  readonly name?: string;
}

/** One thing that does not hold in a program's run. */
export interface ProgramFailure {
  /** What failed: a workload row (`workload:broadcast lost`), or a history invariant by its name. */
  readonly check: string;
  /** What is wrong, for people. */
  readonly message: string;
  /** The workload's row, for one of its verdicts. */
  readonly row?: CheckRow;
}

/** What {@link simulateProgram} returns. */
export interface ProgramRunResult {
  readonly scenario: Scenario;
  readonly record: RunRecord;
  /** What the clients observed, in the order it happened. */
  readonly history: readonly HistoryEntry[];
  /** The workload's rows (summary.csv's `workload:<kind>`): verdicts and measurements. */
  readonly workload: readonly CheckRow[];
  /** The verdicts that do not hold, then the invariants that do not; empty when all hold. */
  readonly failures: readonly ProgramFailure[];
}

/** Runs `setup.program` on `setup.case`, deterministically; never throws for a failed verdict. */
export async function simulateProgram(setup: ProgramSetup): Promise<ProgramRunResult> {
  const scenario = scenarioFromData(programScenarioData(setup.case, { name: scenarioName(setup.name ?? 'case') }), 'case.yaml');
  const record = await runScenario(scenario, { program: setup.program, ...(setup.trace === true ? { trace: { keep: REPLAY_TRACE_MAX } } : {}) });
  const history = record.history ?? [];
  const workload = workloadRows(record);
  const verdicts = workload.filter((row) => !row.ok).map((row) => ({ check: `${row.flow} ${row.metric}`, message: verdictMessage(row), row }));
  const invariants = (setup.invariants ?? []).flatMap((invariant, i) => {
    const message = invariant(history, record);
    return message === undefined ? [] : [{ check: invariant.name === '' ? `invariants[${i}]` : invariant.name, message }];
  });
  return { scenario, record, history, workload, failures: [...verdicts, ...invariants] };
}

/** What a verdict that does not hold found: `measured 2, expected 0; evidence: 3 7`. */
function verdictMessage(row: CheckRow): string {
  const target = row.tolerance === 'exact' ? String(row.expected) : row.tolerance;
  const evidence = row.evidence === undefined || row.evidence === '' ? '' : `; evidence: ${row.evidence}`;
  return `measured ${row.measured}, expected ${target}${evidence}`;
}
