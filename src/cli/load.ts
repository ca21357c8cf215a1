/**
 * Loading the scenarios named on the command line: expand directories, read and validate
 * every file before anything runs, so a mistake in the last file stops the command before
 * the first one writes results.
 */
import { parseScenario } from '../scenario/load.js';
import type { Scenario } from '../scenario/scenario.js';
import { UserError } from './errors.js';
import { expandScenarioPaths, readText } from './files.js';

/** A scenario, the file it came from and the file's text. */
export interface LoadedScenario {
  readonly file: string;
  readonly text: string;
  readonly scenario: Scenario;
}

/** Reads and validates every scenario named by `args`; scenario names must be distinct. */
export function loadScenarios(args: readonly string[]): LoadedScenario[] {
  const loaded = expandScenarioPaths(args).map((file) => {
    const text = readText(file);
    return { file, text, scenario: parseScenario(text, file) };
  });
  const fileByName = new Map<string, string>();
  for (const { file, scenario } of loaded) {
    const other = fileByName.get(scenario.name);
    if (other !== undefined) {
      throw new UserError(`${file}: name "${scenario.name}" is also the name of ${other}; results would collide`);
    }
    fileByName.set(scenario.name, file);
  }
  return loaded;
}
