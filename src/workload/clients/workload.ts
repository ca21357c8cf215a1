/**
 * What a client workload is (Maelstrom's echo, broadcast, g-counter, …): a generator of
 * operations, the request body each operation is sent as, the value an `ok` reply records,
 * and the messages nodes get at the start. Its checker lives in stats/history/checkers/,
 * which reads the history the clients record.
 */
import type { Body } from '../../messaging/maelstrom/body.js';
import type { RandomSource } from '../../runtime/seam.js';

/** One operation a client invokes: its function, its argument, the key it acts on (keyed workloads). */
export interface Invocation {
  readonly f: string;
  readonly value: unknown;
  readonly key?: string | number;
}

/** What an operation generator is told. */
export interface GeneratorContext {
  /** The workload's random stream. */
  readonly random: RandomSource;
  /** The client process asking (Jepsen's process number). */
  readonly process: number;
  /** Operations generated so far, by all clients. */
  readonly count: number;
  /** Virtual time, in seconds. */
  readonly time: number;
  /** Client threads in all (process p runs on thread p mod threads). */
  readonly threads: number;
  /** The nodes clients talk to (thread i talks to nodes[i mod n]). */
  readonly nodes: readonly string[];
}

/** A final operation decided as the final phase goes: the operation, issued `delaySeconds` after the previous one completed. */
export interface FinalStep {
  readonly op: Invocation;
  /** Wait before issuing it, in seconds (≥ 0). */
  readonly delaySeconds: number;
}

/** How a grow-only set workload (broadcast, g-set) writes its operations. */
export interface SetOperations {
  /** The function that adds its value to the set (`broadcast`, `add`). */
  readonly add: string;
  /** The function whose `ok` value is the whole set (`read`). */
  readonly read: string;
}

/** A client workload; see the module comment. */
export interface ClientWorkload {
  /** The workload's name, as scenario files write it (`broadcast`). */
  readonly name: string;
  /** Messages every program node gets right after `init`, at every start (e.g. `topology`). */
  setup?(node: string, nodes: readonly string[]): readonly Body[];
  /** The next operation of the main phase. */
  next(context: GeneratorContext): Invocation;
  /** Operations each client runs, in order, after the main phase and the recovery wait (e.g. a final read). */
  readonly finalOps: readonly Invocation[];
  /**
   * Further final operations, decided one at a time after `finalOps` (kafka's polls until
   * every acknowledged offset is read): the process's next one, or undefined when it is done.
   * It must return undefined eventually (bound it by time or count): the run ends only when
   * every client is done.
   */
  finalNext?(context: GeneratorContext): FinalStep | undefined;
  /** The request body that carries an operation. */
  request(op: Invocation): Body;
  /** The value an `ok` completion records, from the reply. Throws a TypeError if the reply is malformed. */
  complete(op: Invocation, reply: Body): unknown;
  /**
   * Functions without effect (reads): an indefinite error or a timeout completes them as
   * `fail`, not `info`, for they cannot have taken effect.
   */
  readonly readOnly: ReadonlySet<string>;
  /** For a grow-only set workload, its set operations: the run then measures when each value is on every node (clients/stability.ts). */
  readonly set?: SetOperations;
}

/** A reply field, checked: `reply[field]`, which `test` accepts, or a TypeError naming what is wrong. */
export function replyField<T>(reply: Body, field: string, test: (value: unknown) => value is T, expected: string): T {
  const value = reply[field];
  if (!test(value)) throw new TypeError(`a ${reply.type} reply needs "${field}": ${expected}, got ${JSON.stringify(value)}`);
  return value;
}
