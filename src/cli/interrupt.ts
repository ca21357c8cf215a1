/**
 * Graceful interrupts, for commands that wait on the world rather than compute (`live`,
 * `emulate`): such a command asks for them, and then the supervising main thread, on
 * SIGINT or SIGTERM, tells it to stop instead of terminating it at once, so it closes its
 * sockets, writes complete result files of what it did and tears down what it built. If it
 * has not finished within {@link GRACE_MS}, the main thread terminates it after all (and
 * removes what the command said it leaves behind: see {@link announceLeftovers}).
 */
import { isMainThread, parentPort } from 'node:worker_threads';

/** How long the main thread waits for a command that stops gracefully, in milliseconds. */
export const GRACE_MS = 900;

/** Messages between the command thread and the main thread about interrupts. */
export type InterruptMessage =
  /** command → main: stop me gracefully. */
  | { readonly kind: 'graceful' }
  /** command → main: what to remove if I am terminated (e.g. network namespaces by prefix). */
  | { readonly kind: 'leftovers'; readonly emulationPrefix: string }
  /** main → command: stop now, gracefully. */
  | { readonly kind: 'interrupt'; readonly why: 'interrupted' | 'terminated' };

let controller: AbortController | undefined;

/**
 * Asks for graceful interrupts; the signal aborts (with reason "interrupted" or
 * "terminated") when one arrives. Outside the command thread (tests) it never aborts.
 */
export function gracefulInterrupts(): AbortSignal {
  if (controller !== undefined) return controller.signal;
  controller = new AbortController();
  if (isMainThread || parentPort === null) return controller.signal;
  const port = parentPort;
  port.on('message', (message: InterruptMessage) => {
    if (message.kind === 'interrupt') controller!.abort(message.why);
  });
  // The port must not keep the thread alive once the command is done.
  port.unref();
  port.postMessage({ kind: 'graceful' } satisfies InterruptMessage);
  return controller.signal;
}

/** Tells the main thread what to remove should this thread be terminated before it cleans up. */
export function announceLeftovers(emulationPrefix: string): void {
  if (!isMainThread && parentPort !== null) parentPort.postMessage({ kind: 'leftovers', emulationPrefix } satisfies InterruptMessage);
}
