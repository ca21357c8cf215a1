/**
 * The part of the property-testing kit that needs no fast-check: the protocol and invariant
 * types and helpers, the trace pieces, cases as data, `simulate()` and, for Maelstrom-style
 * programs, their cases as data and `simulateProgram()`. `msgsim` exports it so
 * that protocols, invariants and single runs work with the simulator alone; `msgsim/testing`
 * exports it together with the arbitraries and property runners, which import fast-check.
 */
export type { AppMessage, Protocol, ProtocolEndpoint, ProtocolNode, ScriptOp } from '../workload/protocol.js';
export {
  asViolation,
  BUILTIN_INVARIANTS,
  everyMessageDelivered,
  fifoPerChannel,
  invariant,
  noDeliveryAcrossPartition,
  noDuplicates,
  repliesMatched,
} from '../trace/invariants.js';
export type { Invariant, InvariantChecker, Violation } from '../trace/invariants.js';
export type * from '../trace/events.js';
export type { FoundViolation } from '../trace/recorder.js';
export { describeEvent, excerpt, formatEvents } from '../trace/explain.js';
export { caseSize, micros, scenarioName } from './case.js';
export type { FaultData, LinkData, ProtocolCase, SendData } from './case.js';
export { caseScenarioData, invariantNames, simulate } from './simulate.js';
export type { ModuleRef, ProtocolMetrics, SimulateSetup, SimulationResult } from './simulate.js';
export { programCaseSize, programScenarioData } from './program-case-data.js';
export type { ClientsData, ProgramCase, ProgramCaseSize, WorkloadData } from './program-case-data.js';
export { simulateProgram } from './simulate-program.js';
export type { HistoryInvariant, ProgramFailure, ProgramRunResult, ProgramSetup } from './simulate-program.js';
