/**
 * What a pattern is: one definition object that holds everything msgsim knows of it — its
 * fields in scenario files, their conversion to its flow spec with the pattern's own rules,
 * the traffic it puts on the wire (to size the journals), its largest frames, its workload,
 * the nodes its messages go to first, whether its own label carries one frame per scheduled
 * send, its own checks, its warnings and how the README describes it. The heavy parts live
 * in workload/ and stats/; the list of them lives here, once per pattern.
 */
import type * as z from 'zod';
import type { Frame } from '../../messaging/frames.js';
import type { PatternCheck, PatternAnalysis } from '../../stats/checks/pattern.js';
import type { FlowBase, FlowSpec } from '../../workload/flow.js';
import type { WorkloadHost } from '../../workload/host.js';
import type { FieldPath } from '../errors.js';
import type { Fail } from '../references.js';

/**
 * Frames on the wire per message sent under a delivery guarantee, to size the journals up
 * front: the message and its acknowledgement, plus room for one retransmission (with its
 * acknowledgement) in eight messages, so a lossy run seldom has to grow them. Only the
 * reservation depends on it; the journals grow past it when a run needs more.
 */
export const RELIABLE_FRAMES_PER_MESSAGE = 2 + 2 / 8;

/** Frames on the wire a flow's messages take each: one at most once, else {@link RELIABLE_FRAMES_PER_MESSAGE}. */
export function framesPerMessage(flow: FlowBase): number {
  return flow.delivery === 'at-most-once' ? 1 : RELIABLE_FRAMES_PER_MESSAGE;
}

/** About how much a flow puts on the wire and in the ledger, to size them up front. */
export interface ExpectedTraffic {
  /** Frames (messages in the journal). */
  readonly frames: number;
  /** Ledger rows (logical messages). */
  readonly rows: number;
}

/** What a definition's {@link PatternDefinition.spec} may check with, for one flow of a scenario. */
export interface FlowValidation {
  /** The field path of a field of this flow (`flows[i].…`). */
  path(...rest: (string | number)[]): FieldPath;
  /** Reports a problem at a path, in one line; never returns. */
  readonly fail: Fail;
  /**
   * Checks that `node` is a node, is not `origin` and can be reached from it over the links;
   * `origin` is the flow's sender unless given (a node already checked).
   */
  reachable(node: string, where: FieldPath, origin?: string): void;
  /** Whether the links connect every node. */
  readonly connected: boolean;
  /**
   * State the flows of one scenario share while they are checked (for rules across flows,
   * such as "a node consumes from one broker"), made on first use under `key`.
   */
  shared<T>(key: string, make: () => T): T;
}

/** Something in a valid flow that is probably not what its author meant (see warnings.ts). */
export interface PatternWarning {
  /** The field, inside the flow (e.g. `['topics', 0]`). */
  readonly path: FieldPath;
  readonly detail: string;
}

/** A row of the README's table of patterns (markdown). */
export interface PatternReference {
  /** The pattern's own keys, with their defaults. */
  readonly keys: string;
  /** What a flow of the pattern does. */
  readonly does: string;
}

/**
 * A pattern: `S` its flow spec, `F` its own fields (zod schemas by key, beside the fields
 * every flow has). Made with {@link definePattern} and added with `registerPattern`
 * (patterns/index.ts).
 */
export interface PatternDefinition<S extends FlowSpec = FlowSpec, F extends z.ZodRawShape = z.ZodRawShape> extends PatternAnalysis<S> {
  /** The name scenario files give as `pattern`. */
  readonly name: S['pattern'];
  /** What the pattern does in a line: the JSON Schema's description of its `pattern` value. */
  readonly title: string;
  /** The JSON Schema's description of a flow of the pattern. */
  readonly description: string;
  /** Its own fields, after those of every flow in the schema; their errors are the user's. */
  readonly fields: F;
  /** The README's row for it. */
  readonly reference: PatternReference;
  /**
   * The flow spec of a flow whose fields the schema accepted: `input` its own fields, `base`
   * what every flow has. Checks the pattern's rules and names the nodes it uses through
   * `flow`; reports a mistake with `flow.fail`.
   */
  spec(input: z.output<z.ZodObject<F>>, base: FlowBase, flow: FlowValidation): S;
  /** About how many frames and ledger rows a flow puts out (`nodes`: how many nodes the scenario has). */
  expectedTraffic(spec: S, nodes: number): ExpectedTraffic;
  /** Adds a flow's roles to the host's nodes (`nodes`: every node of the scenario). */
  start(spec: S, host: WorkloadHost, nodes: readonly string[]): void;
  /** The nodes a flow's messages are addressed to first (receiver, server, broker, subscribers; none for a broadcast). */
  firstReceivers(spec: S): readonly string[];
  /** Warnings about a valid flow, in the order of its fields. @default none */
  warnings?(spec: S): PatternWarning[];
}

/**
 * A definition, typed by its spec and fields while it is written and as any pattern once it
 * is made: the registry and the checks see every pattern alike.
 */
export function definePattern<S extends FlowSpec, F extends z.ZodRawShape>(definition: PatternDefinition<S, F>): PatternDefinition {
  return definition as unknown as PatternDefinition;
}

export type { PatternCheck };
