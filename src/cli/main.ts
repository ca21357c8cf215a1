#!/usr/bin/env node
/**
 * Entry point of the msgsim command. The command itself runs on a worker thread
 * (command-thread.ts) while this thread only supervises it: a run, a check or an expansion
 * may compute for minutes without returning to the event loop, and a signal handler only
 * runs when its thread's loop does. Here it always can, so SIGINT and SIGTERM stop any
 * command within moments: the worker is terminated (and with it every thread it started),
 * the temporary files of writes in progress are removed (results already written stay
 * whole), and the process exits 130 (SIGINT) or 143 (SIGTERM).
 */
import { Worker } from 'node:worker_threads';
import { hideBin } from 'yargs/helpers';
import { watchTemporaries } from '../experiment/atomic-files.js';
import { ExitCode } from './errors.js';
import type { CommandThreadData } from './command-thread.js';

const temporaries = watchTemporaries();
const terminal = (stream: NodeJS.WriteStream) => ({ isTTY: stream.isTTY === true, columns: stream.columns ?? 0 });
const data: CommandThreadData = { argv: hideBin(process.argv), stdout: terminal(process.stdout), stderr: terminal(process.stderr) };
const worker = new Worker(new URL('./command-thread.js', import.meta.url), { workerData: data });
let reported: number | undefined;
let stopping = false;

worker.on('message', (message: { exitCode: number }) => {
  reported = message.exitCode;
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

async function stop(code: number, signal: string): Promise<void> {
  if (stopping) process.exit(code);
  stopping = true;
  process.stderr.write(`\nmsgsim: ${signal}: stopped; results already written are whole\n`);
  await worker.terminate();
  // Notices the stopped threads sent last may still be on their way.
  await new Promise((resolve) => setTimeout(resolve, 20));
  temporaries.removeAll();
  process.exit(code);
}

process.on('SIGINT', () => void stop(ExitCode.Interrupted, 'interrupted'));
process.on('SIGTERM', () => void stop(ExitCode.Terminated, 'terminated'));
