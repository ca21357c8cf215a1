#!/usr/bin/env node
/**
 * `npm run bench`: runs each benchmark case three times, each time in a fresh Node.js
 * process, prints a table of medians against their targets, then the ratios of cases to
 * one another (from the same medians), and writes results/bench.csv
 * (benchmark,metric,value,unit). `-- --cases a,b` runs only those cases (and the ratios
 * among them). Not a test: machines are noisy, so figures are medians and nothing fails on
 * them. How msgsim compares with other simulators is `npm run bench:peers` (peers.ts).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { writeFilesAtomically } from '../experiment/atomic-files.js';
import { formatTable } from '../cli/table.js';
import { CASES, RATIOS, type Figures } from './cases.js';
import { median, readable } from './format.js';

const REPETITIONS = 3;
const BENCH_CSV = 'results/bench.csv';

/** Runs one case in a child process and returns its figures. */
function runInChild(name: string): Figures {
  const child = spawnSync(process.execPath, [new URL(import.meta.url).pathname, '--case', name], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (child.status !== 0) throw new Error(`benchmark ${name} failed (exit ${child.status})`);
  return JSON.parse(child.stdout) as Figures;
}

async function childMain(name: string): Promise<void> {
  const benchmark = CASES.find((c) => c.name === name);
  if (benchmark === undefined) throw new Error(`no benchmark named ${name}`);
  process.stdout.write(JSON.stringify(await benchmark.run()));
}

function parentMain(only: readonly string[] | undefined): void {
  const unknown = only?.filter((name) => !CASES.some((c) => c.name === name)) ?? [];
  if (unknown.length > 0) {
    console.error(`npm run bench: no benchmark named ${unknown.join(', ')} (there are ${CASES.map((c) => c.name).join(', ')})`);
    process.exit(2);
  }
  console.log(`msgsim benchmarks: ${REPETITIONS} runs each, fresh process per run, medians`);
  console.log(`machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${availableParallelism()} cores, Node.js ${process.version}\n`);
  const csvRows: string[][] = [['benchmark', 'metric', 'value', 'unit']];
  const table: string[][] = [['benchmark', 'metric', 'median', 'runs', 'target', 'meets']];
  const medians = new Map<string, number>();
  const row = (benchmark: string, metric: string, value: number, unit: string, values: readonly number[], target: number, higherIsBetter: boolean): void => {
    const meets = higherIsBetter ? value >= target : value <= target;
    // A target of 0 for more-is-better, or Infinity for less-is-better, is no target: the figure is reported only.
    const held = higherIsBetter ? target > 0 : target < Infinity;
    csvRows.push([benchmark, metric, String(value), unit]);
    table.push([
      benchmark,
      metric,
      readable(value, unit),
      values.map((v) => readable(v, unit)).join(' / '),
      held ? `${higherIsBetter ? '>=' : '<='} ${readable(target, unit)}` : '-',
      held ? (meets ? 'yes' : 'NO') : '-',
    ]);
  };
  for (const benchmark of CASES) {
    if (only !== undefined && !only.includes(benchmark.name)) continue;
    const runs: Figures[] = [];
    for (let i = 0; i < REPETITIONS; i++) runs.push(runInChild(benchmark.name));
    for (const [metric, spec] of Object.entries(benchmark.metrics)) {
      const values = runs.map((run) => run[metric]!);
      const value = median(values);
      medians.set(`${benchmark.name}/${metric}`, value);
      row(benchmark.name, metric, value, spec.unit, values, spec.target, spec.higherIsBetter);
    }
  }
  for (const ratio of RATIOS) {
    const numerator = medians.get(ratio.numerator.join('/'));
    const denominator = medians.get(ratio.denominator.join('/'));
    if (numerator === undefined || denominator === undefined) continue;
    row('ratios', ratio.name, numerator / denominator, 'x', [], ratio.target, true);
  }
  console.log(formatTable(table, ''));
  writeFilesAtomically([[BENCH_CSV, stringify(only === undefined ? csvRows : keptRows(csvRows))]]);
  console.log('\nwrote results/bench.csv');
}

/**
 * A run of some cases replaces their rows (and the ratios) in an earlier results/bench.csv
 * and keeps the other cases' rows.
 */
function keptRows(rows: string[][]): string[][] {
  if (!existsSync(BENCH_CSV)) return rows;
  const ran = new Set(rows.slice(1).map(([benchmark]) => benchmark));
  const earlier = (parse(readFileSync(BENCH_CSV, 'utf8')) as string[][]).slice(1).filter(([benchmark]) => !ran.has(benchmark!) && benchmark !== 'ratios');
  return [rows[0]!, ...earlier, ...rows.slice(1)];
}

const USAGE = `usage: npm run bench [-- --cases a,b]
  runs each benchmark case ${REPETITIONS} times, each in a fresh process, prints medians
  against their targets and writes ${BENCH_CSV}
  --cases a,b   only these cases (${CASES.map((c) => c.name).join(', ')})
  --case name   one run of one case, its figures as a JSON line (what each child runs)
  --help        this text`;

let options;
try {
  options = parseArgs({ args: process.argv.slice(2), options: { case: { type: 'string' }, cases: { type: 'string' }, help: { type: 'boolean' } }, strict: true }).values;
} catch (error) {
  console.error(`npm run bench: ${(error as Error).message}`);
  process.exit(2);
}
if (options.help === true) console.log(USAGE);
else if (options.case !== undefined) await childMain(options.case);
else parentMain(options.cases?.split(',').filter((name) => name !== ''));
