#!/usr/bin/env node
/**
 * `npm run bench`: runs each benchmark case three times, each time in a fresh Node.js
 * process, prints a table of medians against their targets and the figures others report,
 * and writes results/bench.csv (benchmark,metric,value,unit). Not a test: machines are
 * noisy, so figures are medians and nothing fails on them.
 */
import { spawnSync } from 'node:child_process';
import { availableParallelism, cpus } from 'node:os';
import { stringify } from 'csv-stringify/sync';
import { writeFilesAtomically } from '../experiment/atomic-files.js';
import { formatTable } from '../cli/table.js';
import { CASES, type Figures } from './cases.js';
import { median, readable } from './format.js';

const REPETITIONS = 3;

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

function parentMain(): void {
  console.log(`msgsim benchmarks: ${REPETITIONS} runs each, fresh process per run, medians`);
  console.log(`machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${availableParallelism()} cores, Node.js ${process.version}\n`);
  const csvRows: string[][] = [['benchmark', 'metric', 'value', 'unit']];
  const table: string[][] = [['benchmark', 'metric', 'median', 'runs', 'target', 'meets', 'others (same model)']];
  for (const benchmark of CASES) {
    const runs: Figures[] = [];
    for (let i = 0; i < REPETITIONS; i++) runs.push(runInChild(benchmark.name));
    for (const [metric, spec] of Object.entries(benchmark.metrics)) {
      const values = runs.map((run) => run[metric]!);
      const value = median(values);
      const meets = spec.higherIsBetter ? value >= spec.target : value <= spec.target;
      // A target of 0 for more-is-better, or Infinity for less-is-better, is no target: the figure is reported only.
      const held = spec.higherIsBetter ? spec.target > 0 : spec.target < Infinity;
      csvRows.push([benchmark.name, metric, String(value), spec.unit]);
      table.push([
        benchmark.name,
        metric,
        readable(value, spec.unit),
        values.map((v) => readable(v, spec.unit)).join(' / '),
        held ? `${spec.higherIsBetter ? '>=' : '<='} ${readable(spec.target, spec.unit)}` : '-',
        held ? (meets ? 'yes' : 'NO') : '-',
        spec.reference,
      ]);
    }
  }
  console.log(formatTable(table, ''));
  writeFilesAtomically([['results/bench.csv', stringify(csvRows)]]);
  console.log('\nwrote results/bench.csv');
}

const caseIndex = process.argv.indexOf('--case');
if (caseIndex >= 0) await childMain(process.argv[caseIndex + 1]!);
else parentMain();
