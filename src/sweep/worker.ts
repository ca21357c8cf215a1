/**
 * A worker thread of a parallel sweep: expands the sweep from the scenario text it is given,
 * then runs the runs it is sent, one at a time, and posts each result back.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { scenarioData } from '../scenario/load.js';
import { expandSweep } from '../scenario/sweep.js';
import { executeRun } from './execute.js';
import type { PlannedRun } from './plan.js';

const { text, file } = workerData as { text: string; file: string };
const sweep = expandSweep(scenarioData(text, file), file)!;
const port = parentPort!;
port.on('message', (run: PlannedRun | null) => {
  if (run === null) {
    port.close();
    return;
  }
  executeRun(sweep, run).then(
    (result) => port.postMessage({ ok: true, run, result }),
    (error: unknown) => port.postMessage({ ok: false, run, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
  );
});
