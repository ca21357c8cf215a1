/**
 * `msgsim live`: a scenario's nodes, flows, protocol or program on real sockets (UDP or TCP)
 * for the scenario's duration, writing the same result files as `msgsim run`, in real
 * seconds since the start. All nodes run in this process on 127.0.0.1 unless a hosts file
 * says where they listen; `--node` runs some of them, for a deployment over several
 * processes or machines. Ctrl-C ends the run early and writes what ran.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Argv } from 'yargs';
import { makeDirectory, writeFilesAtomically } from '../../experiment/atomic-files.js';
import { HostsFileError, parseHosts, requireHosts } from '../../runtime/real/hosts.js';
import type { TransportKind } from '../../runtime/real/link.js';
import { LINK_OPENERS, TRANSPORT_KINDS } from '../../runtime/real/transports.js';
import { MAX_UDP_DATAGRAM } from '../../runtime/real/udp-link.js';
import { WIRE_HEADER_BYTES } from '../../runtime/real/wire.js';
import type { HostAddress } from '../../runtime/real/sockets.js';
import { locatedMessage } from '../../scenario/errors.js';
import { liveFaultProblem, runScenarioLive } from '../../scenario/live.js';
import { loadScenarioModules } from '../../scenario/modules.js';
import type { Scenario } from '../../scenario/scenario.js';
import type { Distribution } from '../../engine/distributions.js';
import { checkRun } from '../../stats/checks/index.js';
import { ExitCode, UserError } from '../errors.js';
import { gracefulInterrupts } from '../interrupt.js';
import { loadScenario } from '../load.js';
import { checkCounts, violationReport } from '../report.js';
import { parseSeed, printRunReport, runResultFiles } from './run.js';

/** Arguments of live. */
export interface LiveArgs {
  scenario: string;
  transport: TransportKind;
  hosts: string | undefined;
  node: string[] | undefined;
  out: string;
  seed: string | undefined;
  drain: number;
  messages: boolean;
  check: boolean;
}

/** Declares live's positional scenario and its options. */
export function liveOptions(yargs: Argv): Argv<LiveArgs> {
  return yargs
    .positional('scenario', { describe: 'Scenario file (YAML or JSON)', type: 'string' })
    .option('transport', { describe: 'How frames travel: one UDP datagram each, or length-prefixed on one TCP connection per pair of nodes', choices: TRANSPORT_KINDS, default: 'udp' })
    .option('hosts', { describe: 'Hosts file: one "<node> <ip>:<port>" per line (default: every node on 127.0.0.1, free ports)', type: 'string', requiresArg: true })
    .option('node', { describe: 'Run only this node here (repeat for several); the others run elsewhere (needs --hosts)', type: 'string', array: true, requiresArg: true })
    .option('out', { describe: 'Directory for results; the scenario writes <out>/<name>/', type: 'string', default: 'results' })
    .option('seed', { describe: "Root seed of the nodes' random streams, instead of the scenario's", type: 'string', requiresArg: true })
    .option('drain', { describe: 'Seconds to wait after the end for frames on their way (they count as in flight)', type: 'number', default: 0.25 })
    .option('messages', { describe: 'Write messages.csv (one row per frame); --no-messages skips it', type: 'boolean', default: true })
    .option('check', { describe: 'Print every check and exit 1 if one that is judged fails (a workload checker, an invariant)', type: 'boolean', default: false }) as unknown as Argv<LiveArgs>;
}

/** Runs the scenario live and writes its results. */
export async function liveCommand(args: LiveArgs): Promise<number> {
  const { scenario, file } = loadScenario(args.scenario);
  const problem = liveFaultProblem(scenario, file, false) ?? datagramProblem(scenario, file, args.transport);
  if (problem !== undefined) throw new UserError(problem);
  if (!(args.drain >= 0)) throw new UserError(`--drain: expected seconds ≥ 0, got ${args.drain}`);
  const seed = args.seed === undefined ? undefined : parseSeed(args.seed);
  const hosts = args.hosts === undefined ? undefined : readHosts(args.hosts, scenario);
  const local = localNodes(args, scenario, hosts !== undefined);
  const modules = await loadScenarioModules(scenario, file);
  const dir = join(args.out, scenario.name);
  makeDirectory(dir);
  const where = hosts === undefined ? 'loopback' : `hosts of ${args.hosts}`;
  const record = await runScenarioLive(scenario, {
    transport: args.transport,
    openLink: LINK_OPENERS[args.transport],
    network: where,
    ...(hosts === undefined ? {} : { hosts }),
    ...(local === undefined ? {} : { local }),
    ...(seed === undefined ? {} : { seed }),
    ...modules,
    drainSeconds: args.drain,
    signal: gracefulInterrupts(),
    onTrouble: (node, message) => console.error(`msgsim: ${node}: ${message}`),
    onOpen: (addresses) => {
      if (local !== undefined) console.log(`${scenario.name}: ${[...addresses].map(([node, address]) => `${node} on ${address.host}:${address.port}`).join(', ')}`);
    },
  });
  const checks = checkRun(record);
  writeFilesAtomically(runResultFiles(record, checks, dir, args.messages));
  console.log(`${scenario.name}: live over ${args.transport} (${where})`);
  printRunReport(scenario, record, checks, dir, args.check);
  if (record.trace !== undefined && scenario.protocol !== undefined) console.log(violationReport(record.trace));
  const violation = record.trace?.violation;
  return violation !== undefined || (args.check && checkCounts(checks).failed > 0) ? ExitCode.CheckFailed : ExitCode.Ok;
}

/** Reads a hosts file that must name every node of the scenario. */
function readHosts(file: string, scenario: Scenario): Map<string, HostAddress> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UserError(`--hosts: ${file}: cannot read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  try {
    const hosts = parseHosts(text, file);
    requireHosts(hosts, scenario.nodes, file);
    return hosts;
  } catch (error) {
    if (error instanceof HostsFileError) throw new UserError(`--hosts: ${error.message}`);
    throw error;
  }
}

/** The nodes --node names, checked; undefined for all. */
function localNodes(args: LiveArgs, scenario: Scenario, hasHosts: boolean): string[] | undefined {
  if (args.node === undefined) return undefined;
  if (!hasHosts) throw new UserError('--node: the other nodes run elsewhere, so --hosts must say where every node listens');
  for (const node of args.node) {
    if (!scenario.nodes.includes(node)) throw new UserError(`--node: "${node}" is not a node of ${scenario.name} (nodes: ${scenario.nodes.join(', ')})`);
  }
  if (scenario.program?.workload !== undefined) {
    throw new UserError(`--node: a workload's clients need every node in one process (their history is one history); run ${scenario.name} without --node`);
  }
  return args.node;
}

/**
 * A flow whose messages cannot each be one UDP datagram, as one line; undefined if all fit.
 * Every size a flow gives (`size`, and a pattern's own, such as `reply_size`) is looked at.
 */
function datagramProblem(scenario: Scenario, file: string, transport: TransportKind): string | undefined {
  if (transport !== 'udp') return undefined;
  for (const [index, flow] of scenario.flows.entries()) {
    for (const [key, value] of Object.entries(flow)) {
      if (!/(^s|S)ize$/.test(key) || (value as Distribution | undefined)?.kind !== 'constant') continue;
      const bytes = (value as Extract<Distribution, { kind: 'constant' }>).value;
      if (WIRE_HEADER_BYTES + bytes - scenario.headerBytes <= MAX_UDP_DATAGRAM) continue;
      const field = key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
      return locatedMessage(file, ['flows', index, field], `${bytes} bytes do not fit one UDP datagram (at most ${MAX_UDP_DATAGRAM - WIRE_HEADER_BYTES + scenario.headerBytes} with header ${scenario.headerBytes}); use --transport tcp`);
    }
  }
  return undefined;
}
