/**
 * Runs a Maelstrom-style program from a scenario written as data, for tests: the program is
 * given as a function, so no module has to be loaded.
 */
import type { NodeSetup } from '../../src/messaging/maelstrom/node.js';
import { scenarioFromData } from '../../src/scenario/load.js';
import { runScenario } from '../../src/scenario/simulation.js';
import type { RunRecord } from '../../src/stats/record.js';

/** Runs `program` in the scenario `data` describes (its `program` key is filled in). */
export function runProgram(data: Record<string, unknown>, program: NodeSetup, options: { seed?: number } = {}): Promise<RunRecord> {
  const scenario = scenarioFromData({ name: 'program', program: { module: '/dev/null' }, ...data }, 'program.yaml');
  return runScenario(scenario, { program, ...options });
}

/** Flooding broadcast in Maelstrom's JavaScript style: every new value goes to every neighbour but its sender, once. */
export { flooding } from '../programs/broadcast.js';

/** Maelstrom's echo, in its JavaScript style. */
export const echoNode: NodeSetup = (node) => {
  node.on('echo', (req) => node.reply(req, { type: 'echo_ok', echo: req.body['echo'] }));
};
