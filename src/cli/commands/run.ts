/**
 * `msgsim run` and `msgsim check`: run scenarios, write their results, print a summary;
 * `check` also prints every formula check and fails when one is out of tolerance.
 */
import { join } from 'node:path';
import type { Argv } from 'yargs';
import { broadcastsCsv, deliveriesCsv } from '../../experiment/delivery-results.js';
import { linksCsv, messagesCsv, summaryCsv } from '../../experiment/results.js';
import { runScenario } from '../../scenario/simulation.js';
import { checkRun } from '../../stats/checks/index.js';
import { ExitCode, UserError } from '../errors.js';
import { writeFilesAtomically, type Content } from '../files.js';
import { loadScenarios } from '../load.js';
import { checkCounts, checkTable, deliveryTable, flowTable, runHeadline } from '../report.js';

/** Options shared by run and check. */
export interface RunArgs {
  scenarios: string[];
  seed: number | undefined;
  out: string;
  messages: boolean;
}

/** Declares the positional scenarios and the options of run and check. */
export function runOptions(yargs: Argv): Argv<RunArgs> {
  return yargs
    .positional('scenarios', {
      describe: 'Scenario files (YAML or JSON), or directories of them',
      type: 'string',
      array: true,
      default: undefined,
    })
    .option('seed', {
      describe: "Root seed for every run, instead of each scenario's own",
      type: 'number',
    })
    .option('out', {
      describe: 'Directory for results; each scenario writes <out>/<name>/',
      type: 'string',
      default: 'results',
    })
    .option('messages', {
      describe: 'Write messages.csv (one row per message); --no-messages skips it',
      type: 'boolean',
      default: true,
    }) as unknown as Argv<RunArgs>;
}

/**
 * Runs every scenario and writes its results; with `strict`, prints all checks and returns
 * {@link ExitCode.CheckFailed} when any fails.
 */
export async function runCommand(args: RunArgs, strict: boolean): Promise<number> {
  const seed = args.seed;
  if (seed !== undefined && !(Number.isSafeInteger(seed) && seed >= 0)) {
    throw new UserError(`--seed: ${seed} is not a seed (a whole number >= 0)`);
  }
  const loaded = loadScenarios(args.scenarios);
  let failed = 0;
  let passed = 0;
  for (const { scenario } of loaded) {
    const record = await runScenario(scenario, seed === undefined ? {} : { seed });
    const checks = checkRun(record);
    const dir = join(args.out, scenario.name);
    const files: [string, Content][] = [
      [join(dir, 'links.csv'), linksCsv(record)],
      [join(dir, 'deliveries.csv'), deliveriesCsv(record)],
      [join(dir, 'broadcasts.csv'), broadcastsCsv(record)],
      [join(dir, 'summary.csv'), summaryCsv(checks)],
    ];
    if (args.messages) files.unshift([join(dir, 'messages.csv'), messagesCsv(record)]);
    writeFilesAtomically(files);
    const counts = checkCounts(checks);
    passed += counts.passed;
    failed += counts.failed;
    console.log(runHeadline(record, dir));
    console.log(flowTable(checks));
    const deliveries = deliveryTable(checks);
    if (deliveries !== undefined) console.log(deliveries);
    if (strict) console.log(checkTable(checks));
    console.log(`  checks: ${counts.passed} passed, ${counts.failed} failed${strict ? '' : ' (details: summary.csv, msgsim check)'}`);
    console.log('');
  }
  if (strict) console.log(`${loaded.length} scenario(s): ${passed} checks passed, ${failed} failed`);
  return strict && failed > 0 ? ExitCode.CheckFailed : ExitCode.Ok;
}
