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

const REPETITIONS = 3;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function readable(value: number, unit: string): string {
  if (value === Infinity) return '-';
  if (unit === 'bytes') return `${(value / 1e6).toFixed(1)} MB`;
  // Latencies are microseconds: three decimals of a second would show them as 0.
  if (unit === 's') return value < 0.01 ? `${(value * 1e6).toFixed(0)} µs` : `${value.toFixed(3)} s`;
  if (unit === 'x') return `${value.toFixed(2)}×`;
  if (unit === 'share') return `${(value * 100).toFixed(1)}%`;
  // Small rates (cases/s) would round to a whole number; counts stay whole.
  if (value < 10 && !Number.isInteger(value)) return value.toFixed(2);
  if (value < 1e3) return value.toFixed(0);
  return value >= 1e6 ? `${(value / 1e6).toFixed(2)} M` : `${(value / 1e3).toFixed(1)} k`;
}

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
