/**
 * `msgsim plot <csv>`: a line chart of one column against another from any result table
 * (aggregate.csv, runs.csv, summary.csv …), as a standalone SVG: series by a grouping
 * column, rows picked with --where, error bars from a mean's interval, the formula's value
 * dashed where the table has an `expected` column, axes in the unit of what they show. A y
 * column that is not numbers, or rows that mix metrics or flows, are refused in one line.
 */
import type { Argv } from 'yargs';
import { writeFilesAtomically } from '../../experiment/atomic-files.js';
import { ChartError, parseTable, tableChart } from '../../sweep/charts.js';
import { ExitCode, UserError } from '../errors.js';
import { readText } from '../files.js';

/** Options of plot. */
export interface PlotArgs {
  csv: string;
  x: string;
  y: string;
  group: string[] | undefined;
  where: string[] | undefined;
  'log-x': boolean;
  'log-y': boolean;
  title: string | undefined;
  out: string | undefined;
}

/** Declares the options of plot. */
export function plotOptions(yargs: Argv): Argv<PlotArgs> {
  return yargs
    .positional('csv', { describe: 'A CSV file with a header row (e.g. results/<sweep>/aggregate.csv)', type: 'string', demandOption: true })
    .option('x', { describe: 'Column for the x axis (numbers, or quantities such as 1KB, 5ms)', type: 'string', demandOption: true })
    .option('y', { describe: 'Column for the y axis (for "mean", ci_low/ci_high give error bars)', type: 'string', demandOption: true })
    .option('group', { describe: 'Column(s) whose values make separate series', type: 'string', array: true })
    .option('where', { describe: 'Keep rows where column=value (repeatable; one column twice: either value), e.g. --where metric=delay_mean', type: 'string', array: true })
    .option('log-x', { describe: 'Logarithmic x axis', type: 'boolean', default: false })
    .option('log-y', { describe: 'Logarithmic y axis', type: 'boolean', default: false })
    .option('title', { describe: 'Chart title', type: 'string' })
    .option('out', { alias: 'o', describe: 'SVG file to write. Default: the CSV file with .svg instead of .csv', type: 'string' }) as unknown as Argv<PlotArgs>;
}

/** Draws the chart; returns the exit code. */
export function plotCommand(args: PlotArgs): number {
  const where = (args.where ?? []).map((condition): [string, string] => {
    const at = condition.indexOf('=');
    if (at <= 0) throw new UserError(`--where: "${condition}" is not column=value`);
    return [condition.slice(0, at), condition.slice(at + 1)];
  });
  const out = args.out ?? `${args.csv.replace(/\.csv$/, '')}.svg`;
  let svg: string;
  try {
    svg = tableChart(parseTable(readText(args.csv)), {
      x: args.x,
      y: args.y,
      ...(args.group === undefined ? {} : { group: args.group }),
      where,
      logX: args['log-x'],
      logY: args['log-y'],
      ...(args.title === undefined ? {} : { title: args.title }),
    });
  } catch (error) {
    if (error instanceof ChartError || error instanceof RangeError) throw new UserError(`${args.csv}: ${error.message}`);
    throw error;
  }
  writeFilesAtomically([[out, svg]]);
  console.log(`wrote ${out}`);
  return ExitCode.Ok;
}
