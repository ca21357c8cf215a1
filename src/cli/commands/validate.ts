/**
 * `msgsim validate`: check scenario files without running them: every point of a sweep,
 * and the protocol and invariant modules a scenario names, as well as the file itself.
 */
import type { Argv } from 'yargs';
import { scenarioData } from '../../scenario/load.js';
import { loadScenarioModules } from '../../scenario/modules.js';
import { expandSweep } from '../../scenario/sweep.js';
import { ExitCode } from '../errors.js';
import { loadScenarios } from '../load.js';

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

/** Validates every scenario; the first mistake throws and ends the command with exit code 2. */
export async function validateCommand(args: ValidateArgs): Promise<number> {
  const count = (n: number, what: string): string => `${n} ${what}${n === 1 ? '' : 's'}`;
  for (const { file, text, scenario } of loadScenarios(args.scenarios)) {
    const sweep = expandSweep(scenarioData(text, file), file);
    await loadScenarioModules(scenario);
    const extras = [
      ...(scenario.protocol === undefined ? [] : [`protocol ${scenario.protocol.export}, ${count(scenario.script.length, 'send')}`]),
      ...(sweep === undefined ? [] : [`sweep of ${count(sweep.points.length, 'point')}`]),
    ];
    console.log(
      `ok  ${file}  (${scenario.name}: ${count(scenario.nodes.length, 'node')}, ` +
        `${count(scenario.links.length, 'link')}, ${count(scenario.flows.length, 'flow')}${extras.map((extra) => `; ${extra}`).join('')})`,
    );
  }
  return ExitCode.Ok;
}
