/**
 * The error of protocol code, on any runtime: which node's code failed, when, and doing what.
 */

/**
 * An error raised by protocol code, with where, when and in what: the node, the time (virtual
 * in a simulation, seconds since the start on a real runtime), and the event it was handling (e.g. "handling a frame from n0", "in a timer").
 * `cause` is the error itself, with the protocol's own stack frames.
 */
export class ProtocolError extends Error {
  constructor(
    readonly node: string,
    readonly time: number,
    readonly event: string,
    cause: unknown,
  ) {
    const detail = cause instanceof Error ? `${cause.name}: ${cause.message}` : `threw ${String(cause)}`;
    super(`protocol code on node "${node}" failed at t=${time}s ${event}: ${detail}`, { cause });
    this.name = 'ProtocolError';
  }
}
