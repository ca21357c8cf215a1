/**
 * Failures the CLI reports without a stack trace, and its exit codes.
 */

/** Exit codes of the msgsim command. */
export const ExitCode = {
  Ok: 0,
  /** `msgsim check`: a measurement left its tolerance. */
  CheckFailed: 1,
  /** The user's input is wrong (bad scenario, bad option, missing file). */
  UserError: 2,
  /** A bug in msgsim (or in protocol code run by it). */
  InternalError: 3,
  /** Interrupted by SIGINT (Ctrl-C): 128 + 2. */
  Interrupted: 130,
  /** Stopped by SIGTERM: 128 + 15. */
  Terminated: 143,
} as const;

/** A mistake in what the user gave us; its message is printed as one line. */
export class UserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserError';
  }
}
