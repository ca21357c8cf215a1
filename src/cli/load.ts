/**
 * Loading the scenarios named on the command line: expand directories, read and validate
 * every file before anything runs, so a mistake in the last file stops the command before
 * the first one writes results.
 */
import { readScenario } from '../scenario/load.js';
import type { Scenario } from '../scenario/scenario.js';
import { UserError } from './errors.js';
import { expandScenarioPaths, readText } from './files.js';

/** A scenario, the file it came from, the file's text and its data as parsed. */
export interface LoadedScenario {
  readonly file: string;
  readonly text: string;
  readonly data: object;
  readonly scenario: Scenario;
}

/** Reads and validates every scenario named by `args`; scenario names must be distinct. */
export function loadScenarios(args: readonly string[]): LoadedScenario[] {
  const loaded = expandScenarioPaths(args).map(loadScenario);
  const names = new DistinctNames();
  for (const { file, scenario } of loaded) names.add(scenario.name, file);
  return loaded;
}

/** Reads and validates one scenario file, printing its warnings on stderr. */
export function loadScenario(file: string): LoadedScenario {
  const text = readText(file);
  const { scenario, warnings, data } = readScenario(text, file);
  for (const warning of warnings) console.error(`msgsim: warning: ${warning}`);
  return { file, text, data, scenario };
}

/** Scenario names seen so far: two files of one name would write over each other's results. */
export class DistinctNames {
  private readonly fileByName = new Map<string, string>();

  /** Records a scenario's name; throws if another file has it. */
  add(name: string, file: string): void {
    const other = this.fileByName.get(name);
    if (other !== undefined) throw new UserError(`${file}: name "${name}" is also the name of ${other}; results would collide`);
    this.fileByName.set(name, file);
  }
}
