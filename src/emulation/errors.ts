/**
 * The two ways emulation can be refused because of the user's situation rather than a bug:
 * this host cannot emulate (not Linux, not root, a tool missing), or this scenario asks for
 * something the Linux network stack cannot do honestly. Both are user errors: the CLI prints
 * the message as one line and exits 2.
 */
import { formatPath, type FieldPath } from '../scenario/errors.js';

/** This machine cannot run an emulated network; the message says why and what to install. */
export class EmulationUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EmulationUnavailableError';
  }
}

/** A part of a scenario that cannot be emulated honestly (netem missing, or no kernel equivalent). */
export class NotEmulableError extends Error {
  /**
   * @param scenario the scenario's name
   * @param path the field, e.g. ["links", 0, "delay"]
   * @param what the field's value as the file writes it, e.g. "5ms"
   * @param reason why, and what to do instead
   */
  constructor(
    readonly scenario: string,
    readonly path: FieldPath,
    readonly what: string,
    readonly reason: string,
  ) {
    super(`${scenario}: ${notEmulableDetail(path, what, reason)}`);
    this.name = 'NotEmulableError';
  }
}

/** "cannot emulate links[0].delay = 5ms: why", without the scenario's name. */
export function notEmulableDetail(path: FieldPath, what: string, reason: string): string {
  return `cannot emulate ${formatPath(path)}${what === '' ? '' : ` = ${what}`}: ${reason}`;
}
