/**
 * Maelstrom's message vocabulary: a message is `{ src, dest, body }`, and a body has a
 * `type`, an optional `msg_id` (a request that expects a reply) and `in_reply_to` (the reply
 * to one), plus whatever fields its type has. Errors are bodies of type `error` with one of
 * Maelstrom's codes (doc/protocol.md of Maelstrom); {@link RPCError} carries one in code.
 */

/** A message body: its type, the ids that pair requests with replies, and the type's own fields. */
export interface Body {
  readonly type: string;
  /** Set on a request that expects a reply; unique per sender. */
  readonly msg_id?: number;
  /** Set on a reply: the `msg_id` of the request it answers. */
  readonly in_reply_to?: number;
  readonly [field: string]: unknown;
}

/** A message between two nodes (or a client and a node). */
export interface Message<B extends Body = Body> {
  readonly src: string;
  readonly dest: string;
  readonly body: B;
}

/** Maelstrom's error codes (codes below 1000 are Maelstrom's; 1000 and above are free for protocols). */
export const ErrorCode = {
  Timeout: 0,
  NodeNotFound: 1,
  NotSupported: 10,
  TemporarilyUnavailable: 11,
  MalformedRequest: 12,
  Crash: 13,
  Abort: 14,
  KeyDoesNotExist: 20,
  KeyAlreadyExists: 21,
  PreconditionFailed: 22,
  TxnConflict: 30,
} as const;

/** The names Maelstrom gives its error codes. */
export const ERROR_NAMES: Readonly<Record<number, string>> = {
  0: 'timeout',
  1: 'node-not-found',
  10: 'not-supported',
  11: 'temporarily-unavailable',
  12: 'malformed-request',
  13: 'crash',
  14: 'abort',
  20: 'key-does-not-exist',
  21: 'key-already-exists',
  22: 'precondition-failed',
  30: 'txn-conflict',
};

/**
 * Codes whose error is definite: the operation certainly did not and will not happen.
 * Every other code (timeout, crash, and all codes of a protocol's own) is indefinite.
 */
const DEFINITE = new Set<number>([1, 10, 11, 12, 14, 20, 21, 22, 30]);

/** Whether an error code means the operation certainly did not take place. */
export function isDefinite(code: number): boolean {
  return DEFINITE.has(code);
}

const RPC_ERROR_MARK: unique symbol = Symbol.for('msgsim.RPCError') as never;

/** An error body. */
export interface ErrorBody extends Body {
  readonly type: 'error';
  readonly code: number;
  readonly text?: string;
}

/**
 * An error as Maelstrom sends it: thrown by a handler, it becomes the error reply; an
 * {@link MaelstromNode.rpc} rejects with one when the reply is an error or the timeout passes.
 */
export class RPCError extends Error {
  override readonly name = 'RPCError';

  /**
   * `instanceof RPCError` holds for an RPCError of any copy of msgsim (a program compiled
   * against its sources, run by the installed package, has two), for they share this mark.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[RPC_ERROR_MARK] === true;
  }

  /** The mark {@link RPCError}'s instanceof looks for. */
  readonly [RPC_ERROR_MARK] = true;

  constructor(
    readonly code: number,
    readonly text: string = ERROR_NAMES[code] ?? `error ${code}`,
    /** The whole error body, when the error came as a reply. */
    readonly body?: Body,
  ) {
    super(`${ERROR_NAMES[code] ?? 'error'} (code ${code}): ${text}`);
  }

  /** Whether the operation certainly did not take place (see {@link isDefinite}). */
  get definite(): boolean {
    return isDefinite(this.code);
  }

  /** The error as a reply body (without `in_reply_to`). */
  toBody(): ErrorBody {
    return { ...this.body, type: 'error', code: this.code, text: this.text };
  }

  /** The error an error body describes. */
  static of(body: Body): RPCError {
    const code = typeof body['code'] === 'number' ? body['code'] : ErrorCode.Crash;
    const text = typeof body['text'] === 'string' ? body['text'] : undefined;
    return new RPCError(code, text, body);
  }

  static timeout(text = 'RPC request timed out'): RPCError {
    return new RPCError(ErrorCode.Timeout, text);
  }
  static notSupported(text = 'not supported'): RPCError {
    return new RPCError(ErrorCode.NotSupported, text);
  }
  static temporarilyUnavailable(text = 'temporarily unavailable'): RPCError {
    return new RPCError(ErrorCode.TemporarilyUnavailable, text);
  }
  static malformedRequest(text = 'malformed request'): RPCError {
    return new RPCError(ErrorCode.MalformedRequest, text);
  }
  static crash(text = 'crash'): RPCError {
    return new RPCError(ErrorCode.Crash, text);
  }
  static abort(text = 'abort'): RPCError {
    return new RPCError(ErrorCode.Abort, text);
  }
  static keyDoesNotExist(text = 'key does not exist'): RPCError {
    return new RPCError(ErrorCode.KeyDoesNotExist, text);
  }
  static keyAlreadyExists(text = 'key already exists'): RPCError {
    return new RPCError(ErrorCode.KeyAlreadyExists, text);
  }
  static preconditionFailed(text = 'precondition failed'): RPCError {
    return new RPCError(ErrorCode.PreconditionFailed, text);
  }
  static txnConflict(text = 'transaction conflict'): RPCError {
    return new RPCError(ErrorCode.TxnConflict, text);
  }
}

/** Whether a value is a body: an object with a string `type`. */
export function isBody(value: unknown): value is Body {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as { type?: unknown }).type === 'string';
}
