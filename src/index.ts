/**
 * msgsim's public API: named re-exports only.
 */
export { EventQueue, EventQueueFullError, MAX_PENDING_EVENTS } from './engine/event-queue.js';
export type { EventCallback, EventHandle } from './engine/event-queue.js';
export { RandomStream, RandomStreams } from './engine/random.js';
export { AsyncWorkInSyncRunError, Simulator } from './engine/simulator.js';
export type { RunLimits, RunResult, StopReason } from './engine/simulator.js';
export type { Seconds } from './engine/time.js';
