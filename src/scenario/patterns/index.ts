/**
 * The patterns flows may have, by name: the built-ins, and any that code adds with
 * {@link registerPattern}. Everything that depends on a flow's pattern asks its definition
 * here; adding a pattern is one module (a {@link PatternDefinition}) plus one entry below,
 * or one call for a pattern of one's own.
 */
import type { Frame } from '../../messaging/frames.js';
import type { FlowSpec } from '../../workload/flow.js';
import type { WorkloadHost } from '../../workload/host.js';
import { COMMON_FLOW_FIELDS } from '../fields/flow.js';
import { broadcastPattern } from './broadcast.js';
import type { PatternDefinition } from './definition.js';
import { p2pPattern } from './p2p.js';
import { pubsubPattern } from './pubsub.js';
import { requestReplyPattern } from './request-reply.js';
import { workQueuePattern } from './work-queue.js';

/** Definitions by name, in the order scenario errors and the JSON Schema list them. */
const definitions = new Map<string, PatternDefinition>(
  [p2pPattern, requestReplyPattern, pubsubPattern, broadcastPattern, workQueuePattern].map((pattern) => [pattern.name, pattern]),
);

/** Told after each registration (the scenario schema is rebuilt then). */
const listeners: (() => void)[] = [];

/**
 * Adds a pattern: from then on scenario files may use it as `pattern`, with its fields
 * validated like the built-ins' (did-you-mean, unknown keys, one line per mistake), and its
 * runs are checked with its own checks. A definition is made with `definePattern`
 * (`msgsim/internal`) and holds every hook of the pattern; see docs/architecture.md,
 * "Patterns". Registration holds in this thread only: sweep workers know the built-ins.
 *
 * @param definition - the pattern, whose `name` no registered pattern has
 * @throws Error if the name is taken or its fields reuse a field every flow has
 */
export function registerPattern(definition: PatternDefinition): void {
  if (definitions.has(definition.name)) throw new Error(`a pattern named "${definition.name}" is already registered`);
  const reused = Object.keys(definition.fields).filter((field) => COMMON_FLOW_FIELDS.includes(field));
  if (reused.length > 0) throw new Error(`pattern "${definition.name}" redefines ${reused.join(', ')}, which every flow has`);
  definitions.set(definition.name, definition);
  for (const listener of listeners) listener();
}

/** Calls `listener` after every {@link registerPattern}. */
export function onPatternRegistered(listener: () => void): void {
  listeners.push(listener);
}

/** Every pattern, built-ins first, then in the order registered. */
export function patterns(): PatternDefinition[] {
  return [...definitions.values()];
}

/** The definition of a pattern; throws for a name no pattern has (validated flows always have one). */
export function patternOf(name: string): PatternDefinition {
  const definition = definitions.get(name);
  if (definition === undefined) throw new Error(`no pattern named "${name}" (patterns: ${[...definitions.keys()].join(', ')})`);
  return definition;
}

/** Adds a flow to the host with the workload of its pattern. */
export function startFlow(spec: FlowSpec, host: WorkloadHost, nodes: readonly string[]): void {
  patternOf(spec.pattern).start(spec, host, nodes);
}

/** The largest frames a flow pads to its size. */
export function sizedFrames(spec: FlowSpec, nodes: readonly string[]): Frame[] {
  return patternOf(spec.pattern).sizedFrames(spec, nodes);
}

/** The nodes a flow's messages are addressed to first (receiver, server, broker, or subscribers; none for a broadcast). */
export function firstReceivers(spec: FlowSpec): readonly string[] {
  return patternOf(spec.pattern).firstReceivers(spec);
}

export { definePattern, framesPerMessage, RELIABLE_FRAMES_PER_MESSAGE } from './definition.js';
export type { ExpectedTraffic, FlowValidation, PatternCheck, PatternDefinition, PatternReference, PatternWarning } from './definition.js';
