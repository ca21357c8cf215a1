/**
 * `msgsim validate`: check scenario files without running them.
 */
import type { Argv } from 'yargs';
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
export function validateCommand(args: ValidateArgs): number {
  for (const { file, scenario } of loadScenarios(args.scenarios)) {
    const count = (n: number, what: string): string => `${n} ${what}${n === 1 ? '' : 's'}`;
    console.log(
      `ok  ${file}  (${scenario.name}: ${count(scenario.nodes.length, 'node')}, ` +
        `${count(scenario.links.length, 'link')}, ${count(scenario.flows.length, 'flow')})`,
    );
  }
  return ExitCode.Ok;
}
