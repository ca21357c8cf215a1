/**
 * The msgsim command line as a function: parses arguments with yargs, dispatches to a
 * command, and maps every outcome to an exit code. User mistakes print one line (no stack
 * trace) and give exit code 2; anything else is a bug and prints its stack trace (exit 3).
 */
import yargs from 'yargs';
import { EmulationUnavailableError, NotEmulableError } from '../emulation/errors.js';
import { WriteError } from '../experiment/atomic-files.js';
import { ScenarioError } from '../scenario/errors.js';
import { ModuleLoadError } from '../scenario/modules.js';
import { MSGSIM_VERSION } from '../scenario/version.js';
import { linearizableCommand, linearizableOptions } from './commands/linearizable.js';
import { liveCommand, liveOptions } from './commands/live.js';
import { emulateCommand, emulateOptions } from './commands/emulate.js';
import { runCommand, runOptions } from './commands/run.js';
import { plotCommand, plotOptions } from './commands/plot.js';
import { replayCommand, replayOptions } from './commands/replay.js';
import { schemaCommand } from './commands/schema.js';
import { mergeCommand, mergeOptions, sweepCommand, sweepOptions } from './commands/sweep.js';
import { traceCommand, traceOptions } from './commands/trace.js';
import { validateCommand, validateOptions } from './commands/validate.js';
import { ExitCode, UserError } from './errors.js';
import { userFrames } from './user-frames.js';
import { ProtocolError } from '../runtime/simulated.js';


/** Runs the CLI on `argv` (without node and script); resolves to the exit code. */
export async function runCli(argv: readonly string[]): Promise<number> {
  try {
    return await dispatch(argv);
  } catch (error) {
    return report(error);
  }
}

async function dispatch(argv: readonly string[]): Promise<number> {
  let exitCode: number = ExitCode.Ok;
  const parser = yargs([...argv])
    .scriptName('msgsim')
    .usage('msgsim <command> [options]\n\nDeterministic network simulator for messaging protocols.')
    .command(
      'run <scenarios..>',
      'Run scenarios and write results to <out>/<name>/ (messages.csv, deliveries.csv, broadcasts.csv, links.csv, summary.csv)',
      runOptions,
      async (args) => {
        exitCode = await runCommand(args, false);
      },
    )
    .command(
      'check <scenarios..>',
      'Run scenarios, compare them with the formulas, exit 1 if any check fails',
      runOptions,
      async (args) => {
        exitCode = await runCommand(args, true);
      },
    )
    .command('sweep <scenario>', "Run a scenario's sweep (points × replications) and write runs.csv and aggregate.csv", sweepOptions, async (args) => {
      exitCode = await sweepCommand(args);
    })
    .command('merge <shards..>', 'Merge the results of sweep shards into what one run of the sweep writes', mergeOptions, (args) => {
      exitCode = mergeCommand(args);
    })
    .command('plot <csv>', 'Draw one column of a result table against another as an SVG line chart', plotOptions, (args) => {
      exitCode = plotCommand(args);
    })
    .command('live <scenario>', "Run a scenario's nodes on real sockets (UDP or TCP) and write its results in real time", liveOptions, async (args) => {
      exitCode = await liveCommand(args);
    })
    .command('emulate <scenarios..>', 'Run scenarios on the Linux network stack (namespaces, veth, shapers, nftables) and compare them with the simulator (Linux, root)', emulateOptions, async (args) => {
      exitCode = await emulateCommand(args);
    })
    .command('replay <file>', 'Run a replay file again and compare the event sequence with the recording', replayOptions, async (args) => {
      exitCode = await replayCommand(args);
    })
    .command('trace <file>', 'Render a trace (trace.jsonl) as a message sequence diagram (SVG)', traceOptions, (args) => {
      exitCode = traceCommand(args);
    })
    .command('validate <scenarios..>', 'Check scenario files without running them', validateOptions, async (args) => {
      exitCode = await validateCommand(args);
    })
    .command('linearizable <history>', 'Check a client history for linearizability against a model, exit 1 if it is not', linearizableOptions, (args) => {
      exitCode = linearizableCommand(args);
    })
    .command('schema', 'Print the JSON Schema of scenario files (for editors)', {}, () => {
      exitCode = schemaCommand();
    })
    .example('msgsim run scenarios', 'run every scenario in scenarios/')
    .example('msgsim check scenarios/p2p-basic.yaml --seed 7', 'run one scenario with another seed and check it')
    .example('msgsim sweep scenarios/sweeps/delay-vs-size.yaml --workers 2', 'run a sweep on two threads')
    .example(
      'msgsim plot results/delay-vs-size/aggregate.csv --x "flows[0].size" --y mean --where metric=delay_mean',
      'chart one metric of it',
    )
    .example('msgsim run scenarios/p2p-basic.yaml --trace', 'also write results/p2p-basic/trace.jsonl')
    .example('msgsim trace results/p2p-basic/trace.jsonl', 'draw it as results/p2p-basic/trace.svg')
    .example('msgsim replay results/p2p-basic/replay.json', 'rerun a recorded run and compare its events')
    .example('msgsim live scenarios/request-reply.yaml --transport tcp', 'run it on real sockets on 127.0.0.1')
    .example('sudo msgsim emulate scenarios/emulation', 'run them in network namespaces and compare with the simulator')
    .example('msgsim linearizable etcd_000.log', 'check a Jepsen etcd log against the cas-register model')
    .demandCommand(1, 'name a command: run, check, live, emulate, sweep, merge, plot, replay, trace, validate, linearizable or schema')
    .strict()
    .version(MSGSIM_VERSION)
    .help()
    .alias('h', 'help')
    .wrap(Math.min(100, process.stdout.columns || 100))
    .fail((message, error) => {
      if (error !== undefined && error !== null) throw error;
      throw new UserError(`${message} (see msgsim --help)`);
    });
  await parser.parseAsync();
  return exitCode;
}

function report(error: unknown): number {
  if (error instanceof ProtocolError) {
    // The user's protocol failed: what, where and when, and the protocol's own stack frames.
    const frames = userFrames(error.cause);
    console.error([`msgsim: ${error.message}`, ...frames.map((frame) => `    ${frame}`)].join('\n'));
    return ExitCode.ProtocolFailed;
  }
  if (
    error instanceof UserError ||
    error instanceof ScenarioError ||
    error instanceof ModuleLoadError ||
    error instanceof WriteError ||
    error instanceof EmulationUnavailableError ||
    error instanceof NotEmulableError
  ) {
    console.error(`msgsim: ${error.message}`);
    return ExitCode.UserError;
  }
  console.error(error);
  return ExitCode.InternalError;
}
