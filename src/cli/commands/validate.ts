/**
 * `msgsim validate`: check scenario files without running them: every point of a sweep,
 * and the protocol and invariant modules a scenario names, as well as the file itself.
 * Every file is checked, so one run reports every bad file.
 */
import type { Argv } from 'yargs';
import { ScenarioError } from '../../scenario/errors.js';
import { loadScenarioModules, ModuleLoadError } from '../../scenario/modules.js';
import { expandSweep } from '../../scenario/sweep.js';
import { ExitCode, UserError } from '../errors.js';
import { expandScenarioPaths } from '../files.js';
import { DistinctNames, loadScenario } from '../load.js';

/** Arguments of validate. */
export interface ValidateArgs {
  scenarios: string[];
}

/** Declares the positional scenarios of validate. */
export function validateOptions(yargs: Argv): Argv<ValidateArgs> {
  return yargs.positional('scenarios', {
    describe: 'Scenario files (YAML or JSON), or directories of them',
    type: 'string',
    array: true,
    default: undefined,
  }) as unknown as Argv<ValidateArgs>;
}

/**
 * Validates every scenario file, reporting each mistake on stderr (one line per bad file)
 * and each good file on stdout; exit code 2 if any file was bad.
 */
export async function validateCommand(args: ValidateArgs): Promise<number> {
  const names = new DistinctNames();
  let bad = 0;
  for (const file of expandScenarioPaths(args.scenarios)) {
    try {
      console.log(await validateFile(file, names));
    } catch (error) {
      if (!(error instanceof UserError || error instanceof ScenarioError || error instanceof ModuleLoadError)) throw error;
      console.error(`msgsim: ${error.message}`);
      bad++;
    }
  }
  return bad === 0 ? ExitCode.Ok : ExitCode.UserError;
}

/** Validates one file (its sweep's points and its modules too); returns the line saying it is ok. */
async function validateFile(file: string, names: DistinctNames): Promise<string> {
  const count = (n: number, what: string): string => `${n} ${what}${n === 1 ? '' : 's'}`;
  const { data, scenario } = loadScenario(file);
  names.add(scenario.name, file);
  const sweep = expandSweep(data, file);
  await loadScenarioModules(scenario, file);
  const extras = [
    ...(scenario.protocol === undefined ? [] : [`protocol ${scenario.protocol.export}, ${count(scenario.script.length, 'send')}`]),
    ...(sweep === undefined ? [] : [`sweep of ${count(sweep.points.length, 'point')}`]),
  ];
  return (
    `ok  ${file}  (${scenario.name}: ${count(scenario.nodes.length, 'node')}, ` +
    `${count(scenario.links.length, 'link')}, ${count(scenario.flows.length, 'flow')}${extras.map((extra) => `; ${extra}`).join('')})`
  );
}
