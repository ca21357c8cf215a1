/**
 * The thread the msgsim command runs on (see main.ts, which supervises it): runs the CLI
 * on the arguments it was given and reports the exit code.
 *
 * A worker's stdout and stderr are pipes to the main thread, so they do not know whether
 * they end in a terminal; the main thread says so, and they are made to tell the truth
 * (progress bars and help text read `isTTY` and `columns`).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { runCli } from './app.js';

/** What the main thread hands the command thread. */
export interface CommandThreadData {
  /** The command's arguments (without node and the script). */
  readonly argv: readonly string[];
  /** For stdout and stderr: whether they go to a terminal, and how wide it is (0: not one). */
  readonly stdout: { readonly isTTY: boolean; readonly columns: number };
  readonly stderr: { readonly isTTY: boolean; readonly columns: number };
}

const data = workerData as CommandThreadData;
for (const [stream, terminal] of [[process.stdout, data.stdout], [process.stderr, data.stderr]] as const) {
  if (terminal.isTTY) Object.assign(stream, { isTTY: true, columns: terminal.columns });
}
const exitCode = await runCli(data.argv);
parentPort!.postMessage({ exitCode });
