/**
 * msgsim's public API: named re-exports only.
 */
export { EventQueue, EventQueueFullError, MAX_PENDING_EVENTS } from './engine/event-queue.js';
export type { EventCallback, EventHandle } from './engine/event-queue.js';
export { RandomStream, RandomStreams } from './engine/random.js';
export { AsyncWorkInSyncRunError, Simulator } from './engine/simulator.js';
export type { RunLimits, RunResult, StopReason } from './engine/simulator.js';
export type { Seconds } from './engine/time.js';
export { ulp } from './engine/time.js';
export { MessageJournal, MAX_MESSAGE_BYTES } from './net/journal.js';
export { Transmitter } from './net/link.js';
export type { LinkConfig, QueueLimit, TransmitterStats } from './net/link.js';
export { Network, NoRouteError } from './net/network.js';
export type { DeliveryHandler } from './net/network.js';
export { Outcome, OUTCOME_NAMES } from './net/outcome.js';
export type { OutcomeCode, OutcomeName } from './net/outcome.js';
export type { Clock, NodeContext, ReceiveHandler, SendMeta, TimerCallback, TimerHandle, Transport } from './runtime/seam.js';
export { ProtocolError, SimulatedRuntime } from './runtime/simulated.js';
export type { SimulatedRuntimeOptions } from './runtime/simulated.js';
export { CODECS, DecodeError, jsonCodec } from './messaging/codec.js';
export type { Codec } from './messaging/codec.js';
export { Endpoint } from './messaging/endpoint.js';
export type { MessageHandler, SendOptions } from './messaging/endpoint.js';
export type { FlowSpec, P2pFlowSpec } from './workload/flow.js';
export { WorkloadHost } from './workload/host.js';
export type { WorkloadMessage } from './workload/host.js';
export { startP2pFlow } from './workload/p2p.js';
export { startFlow, WORKLOADS } from './workload/registry.js';
export type { Workload } from './workload/registry.js';
