/**
 * What the command knows of the terminal it runs in. The command runs on a worker thread
 * whose stdout and stderr are pipes to the main thread, so whether stderr is a terminal (and
 * how wide) is read on the main thread and handed over.
 */
import { isMainThread, workerData } from 'node:worker_threads';

/** What the main thread hands the command thread. */
export interface CommandThreadData {
  /** The command's arguments (without node and the script). */
  readonly argv: readonly string[];
  readonly stderrIsTTY: boolean;
  /** Width of the terminal stderr goes to; 0 if it is not one. */
  readonly stderrColumns: number;
}

/** Whether stderr goes to a terminal, and how wide it is (0 when it does not). */
export function stderrTerminal(): { isTTY: boolean; columns: number } {
  const data = isMainThread ? undefined : (workerData as Partial<CommandThreadData> | undefined);
  if (data?.stderrIsTTY !== undefined) return { isTTY: data.stderrIsTTY, columns: data.stderrColumns ?? 0 };
  return { isTTY: process.stderr.isTTY === true, columns: process.stderr.columns ?? 0 };
}
