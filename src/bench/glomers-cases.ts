/**
 * The Gossip Glomers benchmark: the efficient-broadcast challenge (3d) as shipped in
 * scenarios/glomers/broadcast-efficient.yaml — 25 program nodes on a full mesh of 100 ms
 * links, 25 clients at 100 operations a second for 20 s, the reference protocol sending each
 * value to every node — with no recovery wait, so that the run is the 20 s of load and the
 * final reads. Timed: the run (program, clients, network, the exact-stability probe after
 * every step) and, apart, the checks of its record.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseScenario } from '../scenario/load.js';
import { loadScenarioModules } from '../scenario/modules.js';
import { runScenario } from '../scenario/simulation.js';
import { checkRun } from '../stats/checks/index.js';

const SCENARIO = fileURLToPath(new URL('../../scenarios/glomers/broadcast-efficient.yaml', import.meta.url));

/** Runs the benchmark once. */
export async function glomersBroadcast(): Promise<Record<string, number>> {
  const shipped = parseScenario(readFileSync(SCENARIO, 'utf8'), SCENARIO);
  const program = shipped.program!;
  const scenario = { ...shipped, program: { ...program, clients: { ...program.clients, recoverySeconds: 0 } } };
  const modules = await loadScenarioModules(scenario, SCENARIO);
  const start = performance.now();
  const record = await runScenario(scenario, modules);
  const runSeconds = (performance.now() - start) / 1000;
  const checkStart = performance.now();
  const report = checkRun(record);
  const checkSeconds = (performance.now() - checkStart) / 1000;
  const acknowledged = report.workload.find((row) => row.metric === 'acknowledged')?.measured ?? 0;
  if (acknowledged < 500) throw new Error(`glomers-broadcast: only ${acknowledged} broadcasts acknowledged`);
  return {
    virtual_per_wall: record.endTime / runSeconds,
    events_per_s: record.events / runSeconds,
    virtual_s: record.endTime,
    run_s: runSeconds,
    check_s: checkSeconds,
  };
}
