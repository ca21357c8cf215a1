/**
 * `msgsim/internal`: everything msgsim is made of, for tools built on its parts (the event
 * queue, transmitters, journals, envelopes, the reference hop schedule …). Unlike `msgsim`
 * and `msgsim/testing`, these names carry no promise: they change when the code does.
 */
export { EventQueue, EventQueueFullError, MAX_PENDING_EVENTS } from './engine/event-queue.js';
export type { EventCallback, EventHandle } from './engine/event-queue.js';
export { column, ColumnGroup } from './engine/columns.js';
export type { Column, ColumnSchema, ColumnSpec, ColumnsOf } from './engine/columns.js';
export { ItemHeap, MinHeap } from './engine/heap.js';
export { SlotTable } from './engine/slot-table.js';
export type { SlotTableOptions } from './engine/slot-table.js';
export { RandomStream, RandomStreams } from './engine/random.js';
export { AsyncWorkInSyncRunError, Simulator } from './engine/simulator.js';
export type { Exploration, RunLimits, RunResult, SimulatorOptions, StopReason } from './engine/simulator.js';
export type { Seconds } from './engine/time.js';
export { ulp } from './engine/time.js';
export { cdfOf, describeDistribution, meanOf, sample, secondMomentOf } from './engine/distributions.js';
export type { Distribution, UniformSource } from './engine/distributions.js';
export { HopJournal } from './net/hop-journal.js';
export { badStateProbability, longRunLossRate, lossRateVariance } from './net/loss.js';
export type { GilbertElliottLoss, LossSpec } from './net/loss.js';
export { Router } from './net/routing.js';
export type { RouteEdge, RoutingMetric } from './net/routing.js';
export { edgeCountBound, generateTopology } from './net/topology.js';
export type { Edge, TopologySpec } from './net/topology.js';
export { MessageJournal, MAX_MESSAGE_BYTES } from './net/journal.js';
export { assertLinkConfig, Transmitter } from './net/link.js';
export type { LinkConfig, QueueLimit, TransmitterStats } from './net/link.js';
export { Condition, CONDITION_NAMES, LinkState } from './net/link-state.js';
export type { ConditionBit } from './net/link-state.js';
export { Network } from './net/network.js';
export type { DeliveryHandler, NetworkOptions, Partition } from './net/network.js';
export { countsByOutcome, DROP_FATE_NAMES, Fate, FATE_NAMES, FATE_OUTCOME, FATES, isDrop, NO_OUTCOME } from './net/fates.js';
export type { DropFateName, FateCode, FateName, FateRow } from './net/fates.js';
export { Outcome, OUTCOME_NAMES } from './net/outcome.js';
export type { NetworkObserver } from './net/observer.js';
export type { OutcomeCode, OutcomeName } from './net/outcome.js';
export type {
  Clock,
  DurableStore,
  NodeContext,
  NodeProgram,
  RandomSource,
  ReceiveHandler,
  Runtime,
  TimerCallback,
  TimerHandle,
  Transport,
} from './runtime/seam.js';
export { MemoryDurableStore } from './runtime/durable-store.js';
export type { ClockAdjustment } from './runtime/node-clock.js';
export type { RuntimeObserver } from './runtime/observer.js';
export { ProtocolError, SimulatedRuntime } from './runtime/simulated.js';
export type { CountedLabel, SimulatedRuntimeOptions } from './runtime/simulated.js';
// The real runtime's socket links.
export { MAX_UDP_DATAGRAM, openUdpLink, UDP_BUFFER_BYTES } from './runtime/real/udp-link.js';
export type { UdpLink } from './runtime/real/udp-link.js';
export { MAX_TCP_RECORD_BYTES, openTcpLink } from './runtime/real/tcp-link.js';
export type { TcpLink, TcpLinkOptions, TcpLinkStats } from './runtime/real/tcp-link.js';
export { encodeHandshake, RecordReader, recordHeader, RECORD_HEADER_BYTES } from './runtime/real/tcp-records.js';
export { CODECS, DecodeError, jsonCodec, msgpackCodec } from './messaging/codec.js';
export type { Codec } from './messaging/codec.js';
export { DEFAULT_RETRY, ModeBit, modeBits, retryWait } from './messaging/delivery.js';
export type { DeliveryMode, RetryPolicy } from './messaging/delivery.js';
export { DedupeWindow } from './messaging/dedupe.js';
export { dataEnvelopeOverhead, ENVELOPE_MARK, EnvelopeError, EnvelopeKind, readEnvelope, writeAck, writeData } from './messaging/envelope.js';
export type { EnvelopeFields } from './messaging/envelope.js';
export { Kind } from './messaging/frames.js';
export type { Frame, FrameHandler } from './messaging/frames.js';
export { ackLabelOf, labelOf, NO_OBSERVER, Pattern, PATTERN_NAMES, Settlement, SETTLEMENT_NAMES } from './messaging/observer.js';
export type { FrameLabel, FrameRole, KeyScope, KeySpace, MessagingObserver, PatternCode, SettlementCode } from './messaging/observer.js';
export { DeliveryLedger } from './stats/ledger.js';
export type { FrameSink } from './stats/ledger.js';
export { ReliableLayer, REORDER_BUFFER_LIMIT } from './messaging/reliable.js';
export type { Wire } from './messaging/reliable.js';
export { Reply, RequestReply, RequestTimeoutError } from './messaging/request-reply.js';
export type { RequestHandler, RequestOptions, RequestWire } from './messaging/request-reply.js';
export { isTopic, isTopicPattern, topicMatches } from './messaging/topics.js';
export { matchesFilter, PubSubBroker, PubSubPublisher, PubSubSubscriber } from './messaging/pubsub.js';
export type { EventHandler, FieldFilter, SubscribeOptions } from './messaging/pubsub.js';
export { Broadcaster } from './messaging/broadcast.js';
export type { BroadcastHandler, BroadcastMethod, BroadcastOptions } from './messaging/broadcast.js';
export { submitTask, WorkQueueBroker, WorkQueueConsumer } from './messaging/work-queue.js';
export type { TaskHandler } from './messaging/work-queue.js';
export { Endpoint } from './messaging/endpoint.js';
export type { EndpointCore, EndpointOptions, FrameOptions, MessageHandler, SendOptions } from './messaging/endpoint.js';
export { isBackToBack } from './workload/flow.js';
export type { FlowBase, FlowSpec } from './workload/flow.js';
export type { P2pFlowSpec } from './workload/p2p.js';
export type { RequestReplyFlowSpec } from './workload/request-reply.js';
export type { PubSubFlowSpec, SubscriberSpec } from './workload/pubsub.js';
export type { BroadcastFlowSpec } from './workload/broadcast.js';
export type { WorkQueueFlowSpec } from './workload/work-queue.js';
export { runProtocol, scriptMessages } from './workload/protocol.js';
export type { AppObserver } from './workload/protocol.js';
export { WorkloadHost } from './workload/host.js';
export { ProgramHost, SETUP_CLIENT, SHADOW_CLIENT } from './workload/program-host.js';
export type { ClientInbox, ProgramHostOptions } from './workload/program-host.js';
export { Clients } from './workload/clients/clients.js';
export type { ClientOptions, HistoryListener } from './workload/clients/clients.js';
export { replyField } from './workload/clients/workload.js';
export type { ClientWorkload, FinalStep, GeneratorContext, Invocation, SetOperations } from './workload/clients/workload.js';
export { StabilityProbe } from './workload/clients/stability.js';
export { hasWorkload, workloadOf } from './workload/clients/workloads/index.js';
export type { WorkloadSpec } from './workload/clients/workloads/index.js';
export { SERVICE_NAMES, SERVICES } from './workload/services/index.js';
export type { ServiceName } from './workload/services/index.js';
export { workloadRows } from './stats/history/checkers/index.js';
export type { CheckerInput, HistoryChecker } from './stats/history/checkers/context.js';
export { analyseSet, exactStableLatencies, LATENCY_QUANTILES, quantile, setRows } from './stats/history/checkers/set-full.js';
export { applyTargets, OPERATION_TARGETS, SET_TARGETS } from './stats/history/checkers/targets.js';
export type { TargetBound, TargetSpec, WorkloadTargets } from './stats/history/checkers/targets.js';
export type { SetAnalysis } from './stats/history/checkers/set-full.js';
export type { FlowRole, WorkloadMessage } from './workload/host.js';
export { startP2pFlow } from './workload/p2p.js';
export { startRequestReplyFlow } from './workload/request-reply.js';
export { startPubSubFlow } from './workload/pubsub.js';
export { startBroadcastFlow } from './workload/broadcast.js';
export { startWorkQueueFlow } from './workload/work-queue.js';
export { definePattern, firstReceivers, framesPerMessage, patternOf, patterns, registerPattern, RELIABLE_FRAMES_PER_MESSAGE, sizedFrames, startFlow } from './scenario/patterns/index.js';
export type { ExpectedTraffic, FlowValidation, PatternCheck, PatternDefinition, PatternReference, PatternWarning } from './scenario/patterns/index.js';
export { largestWireBytes, runSchedule } from './workload/schedule.js';
export type { Progress } from './workload/schedule.js';
export { TRACE_EVENT_TYPES } from './trace/events.js';
export { CHECKPOINT_EVERY, compareChains, EventHashChain } from './trace/hash.js';
export type { ChainDivergence } from './trace/hash.js';
export { compareTraces, describeDifference, sameEvent, TraceComparison } from './trace/divergence.js';
export type { EventDifference } from './trace/divergence.js';
export { TraceRecorder } from './trace/recorder.js';
export type { TraceOptions, TraceOutcome } from './trace/recorder.js';
export { formatTraceLine, parseTrace, TRACE_FILE_DESCRIPTION, TraceFileError, traceEventProblem } from './trace/jsonl.js';
export { DEFAULT_MAX_EVENTS, sequenceDiagramSvg } from './trace/sequence-diagram.js';
export type { SequenceDiagramOptions } from './trace/sequence-diagram.js';
// Client histories and their linearizability.
export { checkLinearizable, DEFAULT_MAX_STEPS } from './stats/history/check.js';
export type { CheckLinearizableOptions, Counterexample, LinearizabilityResult, NextOperation } from './stats/history/check.js';
export { ENTRY_TYPES, HistoryError, pairOperations } from './stats/history/entry.js';
export type { EntryType, HistoryEntry, Operation, OperationOutcome } from './stats/history/entry.js';
export { keyedModel, valueKey } from './stats/history/model.js';
export type { Model, Problem, StateKey } from './stats/history/model.js';
export { casRegisterModel, kvModel, MODEL_NAMES, MODELS, readWriteRegisterModel } from './stats/history/models.js';
export { HistoryFileError } from './stats/history/history-file.js';
export type { History, HistoryFormat } from './stats/history/history-file.js';
export { detectHistoryFormat, readHistory } from './stats/history/read.js';
export { formatHistoryLine, parseHistoryJsonl } from './stats/history/jsonl.js';
export { parseJepsenEdn, parseJepsenEtcdLog } from './stats/history/jepsen.js';
export { describeOperation, formatLinearizability } from './stats/history/report.js';
export type { FormatLinearizabilityOptions } from './stats/history/report.js';
export { searchLinearization } from './stats/history/search.js';
export type { SearchOutcome } from './stats/history/search.js';
export { CACHE_BYTES_MAX, ConfigurationCache, LinearizedSet } from './stats/history/cache.js';
export { DEFAULT_MODEL_OF_FORMAT } from './stats/history/read.js';
export { HISTORY_JSONL_DESCRIPTION } from './stats/history/jsonl.js';
export { isEtcdLogLine } from './stats/history/jepsen.js';
export { PREFIX_SHOWN } from './stats/history/report.js';
export { allRows, checkRun, EXACT_RELATIVE_TOLERANCE, toleranceText, unitOf } from './stats/checks/index.js';
export type { CheckReport, CheckRow, DeliveryCheck, FlowCheck, IntervalTolerance, MetricUnit } from './stats/checks/index.js';
export { gossipCoverage } from './stats/checks/broadcast.js';
export { deliveryOutcome, endsAtReceiver, ledgerRowsByFlow, measureDeliveries } from './stats/delivery-metrics.js';
export type { DeliveryMetrics } from './stats/delivery-metrics.js';
export { framesOf, rowFrames } from './stats/traces.js';
export type { RowFrames } from './stats/traces.js';
export { scheduleHops } from './stats/hop-schedule.js';
export type { HopSchedule } from './stats/hop-schedule.js';
export { measureFlow, measureFlows } from './stats/flow-metrics.js';
export type { FlowMetrics } from './stats/flow-metrics.js';
export { backToBackThroughput, idleLinkDelay, idlePathDelay, meanWaitMG1, transmissionSeconds } from './stats/formulas.js';
export { batchMeans, CONFIDENCE, effectiveWilsonInterval, normalInterval, wilsonInterval, wilsonScoreInterval, Z_999 } from './stats/intervals.js';
export type { BatchMeans, Interval } from './stats/intervals.js';
export { hopsOf, messagePaths } from './stats/paths.js';
export type { MessagePaths } from './stats/paths.js';
export type { NodeFault, RunRecord, TransmitterRecord } from './stats/record.js';
export type { Scenario } from './scenario/scenario.js';
export { applyFault, FAULTS } from './scenario/faults.js';
export type { FaultSpec, FaultTarget } from './scenario/faults.js';
export { buildSimulation, recordRun, runScenario, startProgram } from './scenario/simulation.js';
export { createSimulation, TestSimulation } from './scenario/builder.js';
export type { ProgramOptions, RunOptions, SimulationNode, SimulationOptions, SimulationProgram } from './scenario/builder.js';
export type { FrameResult, LinkResult, SimulationResults } from './scenario/simulation-results.js';
export type { RunScenarioOptions, Simulation } from './scenario/simulation.js';
export { formatPath, ScenarioError } from './scenario/errors.js';
export type { FieldPath } from './scenario/errors.js';
export { parseScenario, scenarioData, scenarioFromData, withAbsoluteModules } from './scenario/load.js';
export type { ModuleExport } from './scenario/scenario.js';
export { loadExport, loadInvariants, loadProtocol, ModuleLoadError } from './scenario/modules.js';
export { formatReplayFile, parseReplayFile, replay, replayFileOf, REPLAY_FORMAT, REPLAY_TRACE_MAX } from './scenario/replay.js';
export type { ReplayFile, ReplayOutcome } from './scenario/replay.js';
export { scenarioJsonSchema, scenarioJsonSchemaText, scenarioSchema } from './scenario/schema.js';
export type { ScenarioInput } from './scenario/schema.js';
export { formatQuantity, parseQuantity } from './scenario/units.js';
export type { QuantityKind } from './scenario/units.js';
export { numberCell } from './experiment/format.js';
export { LINK_COLUMNS, linksCsv, MESSAGE_COLUMNS, messagesCsv, SUMMARY_COLUMNS, summaryCsv } from './experiment/results.js';
export { BROADCAST_COLUMNS, broadcastsCsv, DELIVERY_COLUMNS, deliveriesCsv } from './experiment/delivery-results.js';
// The part of the testing kit that needs no fast-check (msgsim/testing has all of it).
export * from './testing/core.js';
