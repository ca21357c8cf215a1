/**
 * `msgsim emulate`: a scenario on the Linux network stack — a namespace per node, a shaped
 * veth pair per link, loss and faults as nftables rules — against the same scenario in the
 * simulator. Writes <out>/<name>/emulated/ (the real run's result files), simulated/ (the
 * simulation's, with each link's delay set to its veth's measured latency) and
 * emulation.csv, prints the comparison, and exits 1 when a judged row disagrees. Needs
 * Linux, root, and ip, tc and nft; refuses what the kernel cannot emulate honestly.
 */
import { join } from 'node:path';
import type { Argv } from 'yargs';
import { makeDirectory, writeFilesAtomically } from '../../experiment/atomic-files.js';
import { emulateScenario } from '../../emulation/emulate.js';
import { assertEmulable } from '../../emulation/emulable.js';
import { checkEmulationHost, kernelHasNetem } from '../../emulation/tools.js';
import { emulationCsv } from '../../emulation/emulation-csv.js';
import type { ComparisonRow } from '../../emulation/compare.js';
import type { TransportKind } from '../../runtime/real/link.js';
import { TRANSPORT_KINDS } from '../../runtime/real/transports.js';
import { loadScenarioModules } from '../../scenario/modules.js';
import { checkRun } from '../../stats/checks/index.js';
import { ExitCode } from '../errors.js';
import { announceLeftovers, gracefulInterrupts } from '../interrupt.js';
import { loadScenarios } from '../load.js';
import { formatTable } from '../table.js';
import { runResultFiles } from './run.js';

/** Arguments of emulate. */
export interface EmulateArgs {
  scenarios: string[];
  transport: TransportKind;
  out: string;
}

/** Declares emulate's positional scenarios and its options. */
export function emulateOptions(yargs: Argv): Argv<EmulateArgs> {
  return yargs
    .positional('scenarios', { describe: 'Scenario files (YAML or JSON), or directories of them', type: 'string', array: true, default: undefined })
    .option('transport', { describe: 'How frames travel between the namespaces', choices: TRANSPORT_KINDS, default: 'udp' })
    .option('out', { describe: 'Directory for results; each scenario writes <out>/<name>/', type: 'string', default: 'results' }) as unknown as Argv<EmulateArgs>;
}

/** Emulates every scenario named, one after another. */
export async function emulateCommand(args: EmulateArgs): Promise<number> {
  const loaded = loadScenarios(args.scenarios);
  // Whether this host and every scenario can be emulated is known before anything runs or is written.
  await checkEmulationHost();
  const netem = await kernelHasNetem();
  for (const { scenario } of loaded) assertEmulable(scenario, { netem });
  const signal = gracefulInterrupts();
  let disagreed = 0;
  for (const { scenario, file } of loaded) {
    if (signal.aborted) break;
    const modules = await loadScenarioModules(scenario, file);
    const dir = join(args.out, scenario.name);
    makeDirectory(dir);
    const emulation = await emulateScenario(scenario, {
      transport: args.transport,
      signal,
      onPrefix: announceLeftovers,
      onStep: (step) => console.error(`msgsim: ${scenario.name}: ${step}`),
      ...modules,
    });
    const simulatedChecks = checkRun(emulation.simulated);
    const emulatedChecks = checkRun(emulation.emulated);
    writeFilesAtomically([
      ...runResultFiles(emulation.emulated, emulatedChecks, join(dir, 'emulated'), true),
      ...runResultFiles(emulation.simulated, simulatedChecks, join(dir, 'simulated'), true),
      [join(dir, 'emulation.csv'), emulationCsv(emulation.rows)],
    ].map(([path, content]) => {
      makeDirectory(join(path, '..'));
      return [path, content] as const;
    }));
    const failed = emulation.rows.filter((row) => !row.ok);
    disagreed += failed.length;
    const latency = [...emulation.latencies].map(([link, measured]) => `${link} ${(measured.oneWaySeconds * 1e6).toFixed(1)} µs`).join(', ');
    console.log(`${scenario.name}: emulated over ${args.transport} -> ${dir}`);
    console.log(`  veth latency (one way, median): ${latency}${emulation.netem ? '' : '; no netem: link delays are that latency alone'}`);
    console.log(comparisonTable(emulation.rows));
    console.log(`  agreement: ${emulation.rows.filter((row) => row.tolerance !== 'informational').length - failed.length} rows agree, ${failed.length} disagree${failed.length === 0 ? '' : ` (${failed.map((row) => `${row.flow} ${row.metric}`).join(', ')})`}`);
    console.log('');
  }
  return disagreed > 0 ? ExitCode.CheckFailed : ExitCode.Ok;
}

/** The comparison for people: simulated, emulated, their difference and the verdict per row. */
function comparisonTable(rows: readonly ComparisonRow[]): string {
  const cell = (value: number): string => (Number.isNaN(value) ? '-' : Number.isInteger(value) ? String(value) : value.toPrecision(6));
  return formatTable([
    ['flow', 'metric', 'simulated', 'emulated', 'difference', 'tolerance', 'ok'],
    ...rows.map((row) => [row.flow, row.metric, cell(row.simulated), cell(row.emulated), cell(row.difference), row.tolerance, row.tolerance === 'informational' ? '-' : row.ok ? 'ok' : 'NO']),
  ]);
}
