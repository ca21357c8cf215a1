/**
 * A worker thread of a parallel sweep: expands the sweep from the scenario text it is given,
 * then runs the runs it is sent, one at a time in the order they came (the main thread sends
 * a run ahead, so the worker never waits for the next), and posts each result back.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { scenarioData } from '../scenario/load.js';
import { expandSweep } from '../scenario/sweep.js';
import { executeRun } from './execute.js';
import type { PlannedRun } from './plan.js';

const { text, file } = workerData as { text: string; file: string };
const sweep = expandSweep(scenarioData(text, file), file)!;
const port = parentPort!;
const queue: (PlannedRun | null)[] = [];
let busy = false;

async function drain(): Promise<void> {
  busy = true;
  for (let run = queue.shift(); run !== undefined; run = queue.shift()) {
    if (run === null) {
      port.close();
      return;
    }
    try {
      port.postMessage({ ok: true, run, result: await executeRun(sweep, run) });
    } catch (error) {
      port.postMessage({ ok: false, run, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    }
  }
  busy = false;
}

port.on('message', (run: PlannedRun | null) => {
  queue.push(run);
  if (!busy) void drain();
});
