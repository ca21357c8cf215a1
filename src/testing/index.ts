/**
 * The property-testing kit, as `msgsim/testing` exports it: arbitraries, `simulate()`, the
 * protocol property runner, and the invariants and trace helpers they work with.
 */
export { faultTimeline, linkParams, protocolCase, script, topology } from './arbitraries.js';
export type { CaseOptions, FaultKind, FaultOptions, LinkOptions, NetworkData, ScriptOptions, TopologyOptions } from './arbitraries.js';
export { caseSize, micros, scenarioName } from './case.js';
export type { FaultData, LinkData, ProtocolCase, SendData } from './case.js';
export { caseScenarioData, invariantNames, simulate } from './simulate.js';
export type { ModuleRef, ProtocolMetrics, SimulateSetup, SimulationResult } from './simulate.js';
export { assertProtocol, checkProtocol } from './property.js';
export type { Counterexample, ProtocolCheckResult, ProtocolPropertyOptions } from './property.js';
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
