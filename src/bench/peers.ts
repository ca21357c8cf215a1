#!/usr/bin/env node
/**
 * `npm run bench:peers`: msgsim measured beside ns-3 and SimPy on the same two models (hold,
 * p2p-saturated). Checks the peers are installed (else one line and exit 2), compiles the
 * ns-3 programs of peers/ (cached), then runs rounds in which every side runs once, each in
 * a fresh process that times its own run, in the order of peers/sides.ts; prints each side's
 * median rate and its ratio to msgsim (median and range over the rounds) and writes
 * results/bench-peers.csv. Not a test: nothing fails on the figures. Ctrl-C ends the
 * children and exits 130.
 */
import { availableParallelism, cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { stringify } from 'csv-stringify/sync';
import { formatTable } from '../cli/table.js';
import { writeFilesAtomically } from '../experiment/atomic-files.js';
import { readable } from './format.js';
import { buildNs3, ns3Flags, removeTemporaries } from './peers/build.js';
import { checkPeers, missingMessage, peerTools } from './peers/check.js';
import { lastJsonLine, runChild, stopChildren } from './peers/children.js';
import { BEST, NS3_PROGRAMS, SIDES, type Model, type Ns3Program, type Programs, type Side } from './peers/sides.js';
import { compareRound, csvRows, summarise, summaryTable, type Compared, type Observation } from './peers/summary.js';

const CSV_PATH = 'results/bench-peers.csv';

/** A mistake in how it was started: one line and exit 2. */
class UsageError extends Error {}

const USAGE = `usage: npm run bench:peers [-- --rounds N]
  runs msgsim, ns-3 and SimPy on the hold and p2p-saturated models, every side once a
  round in a fresh process, prints each side's median rate and msgsim's ratio to it, and
  writes ${CSV_PATH}; how to install the peers: docs/performance.md
  --rounds N   rounds to run (default 5)
  --help       this text`;

/** The number of rounds asked for, or undefined when only the help was. */
function roundsOption(argv: readonly string[]): number | undefined {
  let values;
  try {
    values = parseArgs({ args: [...argv], options: { rounds: { type: 'string', default: '5' }, help: { type: 'boolean' } }, strict: true }).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help === true) return undefined;
  const rounds = Number(values.rounds);
  if (!Number.isInteger(rounds) || rounds < 1) throw new UsageError(`--rounds must be a whole number of at least 1, got ${values.rounds}`);
  return rounds;
}

/** Runs one side and returns its rate. */
async function measure(side: Side, programs: Programs): Promise<number> {
  const label = `${side.model} ${side.name}`;
  const rate = lastJsonLine(await runChild(label, side.command(programs)))[side.figure];
  if (typeof rate !== 'number' || !(rate > 0) || !Number.isFinite(rate)) throw new Error(`${label} printed no positive ${side.figure}`);
  return rate;
}

/** What one run of a side does; a best-of does what the sides it chooses from do. */
function work(model: Model, name: string): string {
  const runs = BEST.find((best) => best.model === model && best.name === name)?.of[0] ?? name;
  return SIDES.find((side) => side.model === model && side.name === runs)?.work ?? '';
}

function roundLine(round: number, rounds: number, seconds: number, rows: readonly Compared[]): string {
  const models = [...new Set(rows.map((row) => row.model))];
  const parts = models.map((model) => `${model}: ${rows.filter((row) => row.model === model).map((row) => `${row.side} ${readable(row.rate, '')}`).join(', ')}`);
  return `round ${round}/${rounds} (${seconds.toFixed(0)} s) ${parts.join('; ')}`;
}

async function main(): Promise<void> {
  const rounds = roundsOption(process.argv.slice(2));
  if (rounds === undefined) {
    console.log(USAGE);
    return;
  }
  const tools = peerTools(process.env);
  const { missing, versions } = checkPeers(tools);
  if (missing.length > 0) throw new UsageError(missingMessage(missing));

  console.log(`msgsim beside ns-3 ${versions.ns3} and SimPy ${versions.simpy}: ${rounds} round${rounds === 1 ? '' : 's'}, each side once a round in a fresh process`);
  console.log(`machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${availableParallelism()} cores, Node.js ${process.version}, ${tools.python}\n`);
  const sources = fileURLToPath(new URL('../../src/bench/peers', import.meta.url));
  const flags = ns3Flags();
  const ns3 = {} as Record<Ns3Program, string>;
  for (const name of NS3_PROGRAMS) ns3[name] = await buildNs3(name, sources, tools.cxx, flags);
  const programs: Programs = { node: process.execPath, msgsimBench: fileURLToPath(new URL('./main.js', import.meta.url)), python: tools.python, sources, ns3 };
  console.log('');

  const compared: Compared[][] = [];
  for (let round = 1; round <= rounds; round++) {
    const start = performance.now();
    const observations: Observation[] = [];
    for (const side of SIDES) observations.push({ round, model: side.model, side: side.name, rate: await measure(side, programs) });
    compared.push(compareRound(observations, BEST));
    console.log(roundLine(round, rounds, (performance.now() - start) / 1000, compared[compared.length - 1]!));
  }
  console.log(`\nmedians over ${rounds} round${rounds === 1 ? '' : 's'}; msgsim ÷ side: msgsim's rate over the side's, within each round\n`);
  console.log(formatTable(summaryTable(summarise(compared), work), ''));
  writeFilesAtomically([[CSV_PATH, stringify(csvRows(compared))]]);
  console.log(`\nwrote ${CSV_PATH}`);
}

let stopping = false;

/** Ends the children, removes half-built binaries and exits; a child killed on the way fails no further. */
async function stop(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  await stopChildren();
  removeTemporaries();
  process.exit(code);
}

function interrupted(signal: string, code: number): void {
  if (!stopping) console.error(`bench:peers: stopped by ${signal}; nothing written`);
  void stop(code);
}

process.on('SIGINT', () => interrupted('SIGINT', 130));
process.on('SIGTERM', () => interrupted('SIGTERM', 143));
main().catch((error: unknown) => {
  // A child killed by a stop fails too; the stop has said why already.
  if (stopping) return;
  console.error(`bench:peers: ${(error as Error).message}`);
  void stop(error instanceof UsageError ? 2 : 1);
});
