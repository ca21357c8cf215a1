/**
 * The property-testing kit, as `msgsim/testing` exports it: fast-check arbitraries and the
 * protocol property runners (these import fast-check, a peer dependency: the user's own copy,
 * so its global settings apply), with everything of core.ts that they work with.
 */
export { faultTimeline, script, topology } from './arbitraries.js';
export type { FaultKind, FaultOptions, NetworkData, ScriptOptions, TopologyOptions } from './arbitraries.js';
export { linkParams } from './links.js';
export type { LinkOptions } from './links.js';
export { protocolCase } from './protocol-case.js';
export type { CaseOptions } from './protocol-case.js';
export { assertProtocol, checkProtocol } from './property.js';
export type { Counterexample, ProtocolCheckResult, ProtocolPropertyOptions } from './property.js';
export type { CounterexampleReplayFile, FastCheckPath } from './counterexample-files.js';
export type { RunSettings } from './run-cases.js';
export * from './core.js';
export { programCase } from './program-case.js';
export type { ClientCaseOptions, FullMeshOptions, ProgramCaseOptions, RandomTopologyOptions } from './program-case.js';
export { assertProgram, checkProgram } from './program-property.js';
export type { ProgramCheckResult, ProgramCounterexample, ProgramPropertyOptions } from './program-property.js';
