#!/usr/bin/env node
/**
 * Entry point of the msgsim command. The command itself runs on a worker thread
 * (command-thread.ts) while this thread only supervises it: a run, a check or an expansion
 * may compute for minutes without returning to the event loop, and a signal handler only
 * runs when its thread's loop does. Here it always can, so SIGINT and SIGTERM stop any
 * command within moments: the worker is terminated (and with it every thread it started),
 * the temporary files of writes in progress are removed (results already written stay
 * whole), and the process exits 130 (SIGINT) or 143 (SIGTERM); likewise, quietly, with
 * 141 when its output is a pipe that was closed (`msgsim … | head`).
 */
import { Worker } from 'node:worker_threads';
import { hideBin } from 'yargs/helpers';
import { watchTemporaries } from '../experiment/atomic-files.js';
import { ExitCode } from './errors.js';
import type { CommandThreadData } from './command-thread.js';
import { GRACE_MS, type InterruptMessage } from './interrupt.js';
import { removeStaleEmulation } from '../emulation/cleanup.js';

const temporaries = watchTemporaries();
const terminal = (stream: NodeJS.WriteStream) => ({ isTTY: stream.isTTY === true, columns: stream.columns ?? 0 });
const data: CommandThreadData = { argv: hideBin(process.argv), stdout: terminal(process.stdout), stderr: terminal(process.stderr) };
const worker = new Worker(new URL('./command-thread.js', import.meta.url), { workerData: data });
let reported: number | undefined;
let stopping = false;

/** Whether the command stops gracefully on an interrupt (see interrupt.ts). */
let graceful = false;
/** What the command leaves behind if terminated. */
let leftovers: string | undefined;

worker.on('message', (message: { exitCode: number } | InterruptMessage) => {
  if ('exitCode' in message) reported = message.exitCode;
  else if (message.kind === 'graceful') graceful = true;
  else if (message.kind === 'leftovers') leftovers = message.emulationPrefix;
});
worker.on('error', (error) => {
  // An error nothing in the command caught: a bug, shown with its stack trace.
  process.stderr.write(`msgsim: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  reported = ExitCode.InternalError;
});
worker.on('exit', (code) => {
  if (stopping) return;
  temporaries.removeAll();
  // A command reports its exit code; --help and --version end the thread with theirs.
  process.exitCode = reported ?? code;
});

/** Interrupted: a graceful command is told to stop and given a moment; anything else is terminated. */
async function stop(code: number, why: 'interrupted' | 'terminated' | undefined): Promise<void> {
  if (stopping) process.exit(code);
  stopping = true;
  if (why !== undefined && graceful) {
    process.stderr.write(`\nmsgsim: ${why}: stopping; writing what ran\n`);
    worker.postMessage({ kind: 'interrupt', why } satisfies InterruptMessage);
    const exited = await Promise.race([
      new Promise<boolean>((resolve) => worker.once('exit', () => resolve(true))),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), GRACE_MS).unref()),
    ]);
    if (exited) {
      temporaries.removeAll();
      process.exit(code);
    }
  }
  if (why !== undefined) process.stderr.write(`\nmsgsim: ${why}: stopped; results already written are whole\n`);
  await worker.terminate();
  if (leftovers !== undefined) await removeStaleEmulation(leftovers).catch(() => undefined);
  // Notices the stopped threads sent last may still be on their way.
  await new Promise((resolve) => setTimeout(resolve, 20));
  temporaries.removeAll();
  process.exit(code);
}

process.on('SIGINT', () => void stop(ExitCode.Interrupted, 'interrupted'));
process.on('SIGTERM', () => void stop(ExitCode.Terminated, 'terminated'));
// Output piped into a reader that stopped reading (msgsim … | head): stop quietly, as SIGPIPE would.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    void stop(ExitCode.BrokenPipe, undefined);
  });
}
