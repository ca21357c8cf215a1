/**
 * msgsim's public API, named re-exports only: what a user needs to run scenario files and
 * check their results, to build simulations from code, to write protocols on the Clock +
 * Transport seam and the messaging patterns, and the part of the testing kit that needs no
 * fast-check (`msgsim/testing` adds the arbitraries and property runners; `msgsim/real` the
 * real runtime, live runs and emulation, which need Node's types). Everything else
 * is in `msgsim/internal`, without a promise. test/public-api.test.ts keeps the list.
 */

// Scenario files: read, run, check, write results.
export { parseScenario, readScenario, scenarioFromData } from './scenario/load.js';
export type { Scenario, ModuleExport } from './scenario/scenario.js';
export { buildSimulation, runScenario } from './scenario/simulation.js';
export type { RunScenarioOptions, Simulation } from './scenario/simulation.js';
export { ScenarioError } from './scenario/errors.js';
export { ModuleLoadError } from './scenario/modules.js';
export { replay, parseReplayFile } from './scenario/replay.js';
export type { ReplayFile, ReplayOutcome } from './scenario/replay.js';
export { formatQuantity, parseQuantity } from './scenario/units.js';
export type { QuantityKind } from './scenario/units.js';
export { MSGSIM_VERSION } from './scenario/version.js';
export { allRows, checkRun } from './stats/checks/index.js';
export type { CheckReport, CheckRow } from './stats/checks/index.js';
export type { NodeFault, RealRunInfo, RunRecord, TransmitterRecord } from './stats/record.js';
export { linksCsv, messagesCsv, summaryCsv } from './experiment/results.js';
export { broadcastsCsv, deliveriesCsv } from './experiment/delivery-results.js';
export { OUTCOME_NAMES } from './net/outcome.js';
export type { OutcomeName } from './net/outcome.js';
export { FATE_NAMES, FATES } from './net/fates.js';
export type { FateName, FateRow } from './net/fates.js';

// Simulations built from code.
export { createSimulation, TestSimulation } from './scenario/builder.js';
export type { ProgramOptions, RunOptions, SimulationNode, SimulationOptions, SimulationProgram } from './scenario/builder.js';
export type { FrameResult, LinkResult, SimulationResults } from './scenario/simulation-results.js';

// The simulator, the network model and the simulated runtime, assembled by hand.
export { Simulator } from './engine/simulator.js';
export type { Exploration, RunLimits, RunResult, RunStatus, SimulatorOptions, StopReason } from './engine/simulator.js';
export { Network } from './net/network.js';
export type { NetworkOptions, Partition } from './net/network.js';
export type { LinkConfig, QueueLimit } from './net/link.js';
export type { GilbertElliottLoss, LossSpec } from './net/loss.js';
export type { RoutingMetric } from './net/routing.js';
export { ProtocolError, SimulatedRuntime } from './runtime/simulated.js';
export type { CountedLabel, SimulatedRuntimeOptions } from './runtime/simulated.js';
export type { ClockAdjustment } from './runtime/node-clock.js';
// Unmodified libraries on simulated nodes: virtual globals, and the channel their sync runs on.
export { virtualGlobals } from './runtime/virtual/program.js';
export { installVirtualGlobals, uninstallVirtualGlobals } from './runtime/virtual/globals.js';
export { VIRTUAL_EPOCH_MS, VirtualTimeEscapeError } from './runtime/virtual/virtual-node.js';
export type { VirtualGlobalsOptions } from './runtime/virtual/virtual-node.js';
export { LIBRARY_RETRY, libraryChannel } from './libraries/channel.js';
export type { ByteChannel, ChannelHandler, LibraryChannelOptions } from './libraries/channel.js';
export { MemoryDurableStore } from './runtime/durable-store.js';

// The seam protocol code is written against.
export { NO_TIMER } from './runtime/seam.js';
export type { Clock, DurableStore, NodeContext, NodeProgram, RandomSource, ReceiveHandler, Runtime, TimerCallback, TimerHandle, Transport } from './runtime/seam.js';

// The messaging core: endpoints, codecs, guarantees, patterns, and what it reports.
export { Endpoint } from './messaging/endpoint.js';
export type { EndpointCore, EndpointOptions, FrameOptions, MessageHandler, SendOptions } from './messaging/endpoint.js';
export { DecodeError, jsonCodec, msgpackCodec } from './messaging/codec.js';
export type { Codec } from './messaging/codec.js';
export { DEFAULT_RETRY } from './messaging/delivery.js';
export type { DeliveryMode, RetryPolicy } from './messaging/delivery.js';
export { Kind } from './messaging/frames.js';
export type { Frame, FrameHandler } from './messaging/frames.js';
export { Reply, RequestTimeoutError } from './messaging/request-reply.js';
export type { RequestHandler, RequestOptions } from './messaging/request-reply.js';
export { isTopic, isTopicPattern, topicMatches } from './messaging/topics.js';
export { matchesFilter, PubSubBroker, PubSubPublisher, PubSubSubscriber } from './messaging/pubsub.js';
export type { EventHandler, FanOutListener, FanOutOptions, FanOutReport, FieldFilter, SubscribeOptions } from './messaging/pubsub.js';
export { Broadcaster } from './messaging/broadcast.js';
export type { BroadcastHandler, BroadcastMethod, BroadcastOptions } from './messaging/broadcast.js';
export { submitTask, WorkQueueBroker, WorkQueueConsumer } from './messaging/work-queue.js';
export type { TaskHandler } from './messaging/work-queue.js';
export { labelOf, NO_OBSERVER, Pattern, PATTERN_NAMES, Settlement, SETTLEMENT_NAMES } from './messaging/observer.js';
export type { FrameLabel, FrameRole, KeyScope, KeySpace, MessagingObserver, PatternCode, SettlementCode } from './messaging/observer.js';
export { DeliveryLedger } from './stats/ledger.js';
export type { FrameSink } from './stats/ledger.js';

// Maelstrom-style programs: the node API, its messages and errors, and what drives them.
export { MaelstromNode } from './messaging/maelstrom/node.js';
export type { BodyHandler, MaelstromNodeOptions, NodeSetup, RpcOptions } from './messaging/maelstrom/node.js';
export { ERROR_NAMES, ErrorCode, isBody, isDefinite, RPCError } from './messaging/maelstrom/body.js';
export type { Body, ErrorBody, Message } from './messaging/maelstrom/body.js';
export { TOPOLOGY_NAMES, topologyOf } from './workload/clients/topologies.js';
export type { Neighbours, TopologyName } from './workload/clients/topologies.js';
export type { ProgramSpec } from './scenario/scenario.js';
export type { ProgramRecord } from './stats/record.js';
export { historyJsonl } from './experiment/results.js';
// Client histories and their linearizability.
export { checkLinearizable, DEFAULT_MAX_STEPS } from './stats/history/check.js';
export type { CheckLinearizableOptions, Counterexample, LinearizabilityResult, NextOperation } from './stats/history/check.js';
export { ENTRY_TYPES, HistoryError, pairOperations } from './stats/history/entry.js';
export type { EntryType, HistoryEntry, Operation, OperationOutcome } from './stats/history/entry.js';
export { keyedModel, valueKey } from './stats/history/model.js';
export type { Model, Problem, StateKey } from './stats/history/model.js';
export { casRegisterModel, kvModel, MODEL_NAMES, MODELS, modelForHistory, readWriteRegisterModel } from './stats/history/models.js';
export { HistoryFileError } from './stats/history/history-file.js';
export type { History, HistoryFormat } from './stats/history/history-file.js';
export { detectHistoryFormat, readHistory } from './stats/history/read.js';
export { formatHistoryLine, parseHistoryJsonl } from './stats/history/jsonl.js';
export { parseJepsenEdn, parseJepsenEtcdLog } from './stats/history/jepsen.js';
export { describeOperation, formatLinearizability } from './stats/history/report.js';
export type { FormatLinearizabilityOptions } from './stats/history/report.js';

// Traces.
export { parseTrace } from './trace/jsonl.js';
export { sequenceDiagramSvg } from './trace/sequence-diagram.js';
export type { SequenceDiagramOptions } from './trace/sequence-diagram.js';

// The part of the testing kit that needs no fast-check (msgsim/testing has all of it).
export * from './testing/core.js';
