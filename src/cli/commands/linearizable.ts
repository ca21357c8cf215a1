/**
 * `msgsim linearizable <history>`: checks a client history (msgsim's history.jsonl, a Jepsen
 * etcd log or Jepsen EDN) against a model and prints the verdict; exit 0 linearizable, 1 not
 * (or undecided within --max-steps), 2 a history or option that cannot be used.
 */
import type { Argv } from 'yargs';
import { checkLinearizable, DEFAULT_MAX_STEPS } from '../../stats/history/check.js';
import { HistoryError } from '../../stats/history/entry.js';
import { HistoryFileError, type History } from '../../stats/history/history-file.js';
import { MODEL_NAMES, MODELS, modelForHistory } from '../../stats/history/models.js';
import { DEFAULT_MODEL_OF_FORMAT, readHistory } from '../../stats/history/read.js';
import { formatLinearizability } from '../../stats/history/report.js';
import { ExitCode, UserError } from '../errors.js';
import { readText } from '../files.js';

/** Options of linearizable. */
export interface LinearizableArgs {
  history: string;
  model: string | undefined;
  'max-steps': number;
}

/** Declares the options of linearizable. */
export function linearizableOptions(yargs: Argv): Argv<LinearizableArgs> {
  return yargs
    .positional('history', { describe: 'A history: msgsim history.jsonl, a Jepsen etcd log or Jepsen EDN (told apart by content)', type: 'string', demandOption: true })
    .option('model', {
      describe: 'What the history is of: register (read, write), cas-register (read, write, cas) or kv (get, put, append by key). Default: cas-register for an etcd log, kv for EDN; required for history.jsonl',
      type: 'string',
    })
    .option('max-steps', {
      describe: 'Give up (undecided, exit 1) after this many search steps',
      type: 'number',
      default: DEFAULT_MAX_STEPS,
    }) as unknown as Argv<LinearizableArgs>;
}

/** Checks the history; returns the exit code. */
export function linearizableCommand(args: LinearizableArgs): number {
  const maxSteps = args['max-steps'];
  if (!(Number.isSafeInteger(maxSteps) && maxSteps >= 1)) throw new UserError(`--max-steps: ${maxSteps} is not a count (a whole number >= 1)`);
  const history = readHistoryFile(args.history);
  const modelName = args.model ?? DEFAULT_MODEL_OF_FORMAT[history.format];
  if (modelName === undefined) throw new UserError(`${args.history}: --model: missing; a msgsim history needs one of: ${MODEL_NAMES.join(', ')}`);
  const named = MODELS[modelName];
  if (named === undefined) throw new UserError(`--model: unknown model "${modelName}"; expected one of: ${MODEL_NAMES.join(', ')}`);
  const model = modelForHistory(named, history.entries);
  const lineOf = (index: number): number => history.lines[index]!;
  let result;
  try {
    result = checkLinearizable(history.entries, model, { maxSteps });
  } catch (error) {
    if (error instanceof HistoryError) throw new UserError(`${args.history}:${lineOf(error.index)}: ${error.message}`);
    throw error;
  }
  console.log(formatLinearizability(result, { name: args.history, lineOf }).join('\n'));
  return result.verdict === 'linearizable' ? ExitCode.Ok : ExitCode.CheckFailed;
}

function readHistoryFile(file: string): History {
  try {
    return readHistory(readText(file), file);
  } catch (error) {
    if (error instanceof HistoryFileError) throw new UserError(error.message);
    throw error;
  }
}
