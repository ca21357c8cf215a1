/**
 * The thread the msgsim command runs on (see main.ts, which supervises it): runs the CLI
 * on the arguments it was given and reports the exit code.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { runCli } from './app.js';
import type { CommandThreadData } from './terminal.js';

const data = workerData as CommandThreadData;
const exitCode = await runCli(data.argv);
parentPort!.postMessage({ exitCode });
