/**
 * The seam between protocol code and the world: a Clock and a Transport per node.
 * Only what a real network carries crosses it: frames of bytes (with their padding) and who
 * sent them. What analysis needs to know besides (which flow a frame belongs to, which
 * logical message) the messaging layer tells an observer (messaging/observer.ts).
 *
 * Messaging code sees only these two interfaces, never the engine or the network, so the
 * same protocol runs on the simulated runtime (virtual time, simulated links) and, later, on
 * a real one (timers and sockets). Rule for deterministic runs: asynchronous protocol code
 * awaits only promises that come from here (timers, sleeps, and what is built on receives).
 */

/** Opaque handle of a timer, for {@link Clock.cancelTimer}. */
export type TimerHandle = number;

/**
 * A handle that names no timer, for a field that will hold one: {@link Clock.cancelTimer}
 * of it is false, and a node that is down hands it out. It is not an integer, and that is the
 * point: V8 keeps a field that has held only small integers in a form of its own, and the
 * first handle too large for that form (handles grow as timers are reused) changes the field
 * for every object of its shape, converting, one by one, the objects that code compiled
 * earlier goes on making. A record made per message with a handle field that starts at -1
 * can cost a third of a run that way; one that starts at NO_TIMER never changes form.
 */
export const NO_TIMER: TimerHandle = -Infinity;

/**
 * A timer's action, called with the data given to setTimer. It may be async: a returned
 * promise is awaited (deterministically) before the next event. Any other return value is
 * ignored.
 */
export type TimerCallback<D = undefined> = (data: D) => unknown;

/** A node's view of time. */
export interface Clock {
  /** Current time on this node's clock, in seconds. */
  now(): number;
  /**
   * Calls `callback(data)` once after `delaySeconds` (≥ 0) of this node's time. Passing data
   * instead of capturing it in a closure saves an allocation per timer on hot paths.
   */
  setTimer<D = undefined>(delaySeconds: number, callback: TimerCallback<D>, data?: D): TimerHandle;
  /** Cancels a timer; false when it already fired or was cancelled. */
  cancelTimer(handle: TimerHandle): boolean;
  /** Resolves after `delaySeconds` (≥ 0) of this node's time. */
  sleep(delaySeconds: number): Promise<void>;
}

/** Receives one frame and the name of the node that sent it. It may be async, like a {@link TimerCallback}. */
export type ReceiveHandler = (frame: Uint8Array, from: string) => unknown;

/** A node's way to exchange frames (encoded messages) with other nodes. */
export interface Transport {
  /** This node's address (its name). */
  readonly address: string;
  /** Bytes every frame carries on the wire besides its own (headers). */
  readonly headerBytes: number;
  /**
   * Sends a frame to another node without waiting for it, followed on the wire by
   * `paddingBytes` zero bytes (to give it a size of its own, as a workload does): its size on
   * the wire is frame.length + headerBytes + paddingBytes. The receiver gets `frame` alone.
   * (A transport on sockets sends the zeros; a simulated one only counts them, as ns-3 counts
   * a packet's virtual zero bytes.)
   */
  send(to: string, frame: Uint8Array, paddingBytes?: number): void;
  /** Sets the handler for frames arriving at this node (one handler; a later call replaces it). */
  onReceive(handler: ReceiveHandler): void;
}

/** A deterministic source of uniform random numbers in [0, 1). */
export interface RandomSource {
  uniform(): number;
}

/**
 * State that survives a crash. Everything else a node's program holds is volatile: after a
 * restart the program starts again from scratch with only this. Values are copied in and out
 * (structured clone), so later changes to an object do not reach the store unless set again.
 */
export interface DurableStore {
  get<T = unknown>(key: string): T | undefined;
  set(key: string, value: unknown): void;
  delete(key: string): boolean;
  /** Keys in insertion order. */
  keys(): string[];
}

/** The seam for one node: everything protocol code may use. */
export interface NodeContext {
  /** This node's name. */
  readonly name: string;
  readonly clock: Clock;
  readonly transport: Transport;
  /** Storage that survives crashes and restarts. */
  readonly storage: DurableStore;
  /** Every node of the system, this one included, in a fixed order. */
  readonly peers: readonly string[];
  /** The nodes this one has a direct link to, in a fixed order. */
  readonly neighbours: readonly string[];
  /** A named random stream of this node; the same name always gives the same stream. */
  random(name: string): RandomSource;
}

/**
 * A node's program: sets up handlers and timers on the context it is given. The runtime
 * runs it when the node starts and again, with a fresh context, after every restart.
 */
export type NodeProgram = (context: NodeContext) => void;

/** Where node programs run: the simulated runtime, or later a real one. */
export interface Runtime {
  /** Runs `program` on a node now, and again after every restart of the node. */
  spawn(node: string, program: NodeProgram): void;
  /** Bytes every frame carries on the wire besides its own. */
  readonly headerBytes: number;
  /**
   * The runtime's own clock, true time that no clock fault skews and no crash stops: for
   * what runs beside the nodes rather than on one (clients that drive a workload).
   */
  readonly clock: Clock;
  /** Whether a node is up (not crashed). */
  isUp(node: string): boolean;
  /**
   * Runs `action` as code of `node` (e.g. hands it a client's request): an error it throws
   * or rejects with is the node's, and a promise it returns settles before the next event.
   * `event` says what it was doing, for that error.
   */
  invoke(node: string, action: () => unknown, event?: string): void;
}
