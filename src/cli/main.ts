#!/usr/bin/env node
/**
 * Entry point of the msgsim command: runs the CLI, sets the exit code, and on SIGINT or
 * SIGTERM removes the temporary files of writes in progress before exiting.
 */
import { hideBin } from 'yargs/helpers';
import { runCli } from './app.js';
import { ExitCode } from './errors.js';
import { removePendingTemporaries } from '../experiment/atomic-files.js';

function interrupted(): void {
  removePendingTemporaries();
  process.exit(ExitCode.Interrupted);
}

process.on('SIGINT', interrupted);
process.on('SIGTERM', interrupted);
process.exitCode = await runCli(hideBin(process.argv));
