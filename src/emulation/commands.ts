/**
 * Running the system's network tools (`ip`, `tc`, `nft`, `sh` inside a namespace): one call
 * with its standard input and output as strings, failures as errors that quote the command
 * and what it printed, and a bounded number of calls at once. Commands go through execFile
 * semantics (no shell) unless `sh` is what is run.
 */
import { execFileSync, spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';

/** A tool that exited with an error (or could not be started). */
export class CommandError extends Error {
  constructor(
    readonly command: string,
    readonly args: readonly string[],
    readonly stderr: string,
    readonly exitCode: number | null,
  ) {
    const firstLine = stderr.trim().split('\n')[0] ?? '';
    super(`${command} ${args.join(' ')}: ${firstLine === '' ? `exit code ${exitCode}` : firstLine}`);
    this.name = 'CommandError';
  }
}

/** Runs `command` with `args`, feeding it `input`; resolves to its standard output. */
export function run(command: string, args: readonly string[], input?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', (error) => reject(new CommandError(command, args, error.message, null)));
    child.on('close', (code) => {
      if (code === 0) resolve(Buffer.concat(out).toString('utf8'));
      else reject(new CommandError(command, args, Buffer.concat(err).toString('utf8'), code));
    });
    // A tool that exits before reading all its input must not make this an EPIPE crash.
    child.stdin.on('error', () => {});
    child.stdin.end(input ?? '');
  });
}

/** Like {@link run}, blocking: for exit hooks, where nothing asynchronous runs any more. */
export function runSync(command: string, args: readonly string[], input?: string): string {
  return execFileSync(command, args, { input: input ?? '', encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
}

/** Commands at once in {@link inParallel}: enough to hide process start-up, not more. */
const PARALLEL_COMMANDS = Math.max(2, Math.min(8, 2 * availableParallelism()));

/** Calls `task` on every item, at most a few at once; rejects with the first failure once all have settled. */
export async function inParallel<T>(items: readonly T[], task: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  const failures: unknown[] = [];
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++]!;
      try {
        await task(item);
      } catch (error) {
        failures.push(error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL_COMMANDS, items.length) }, worker));
  if (failures.length > 0) throw failures[0];
}

/** `ip netns exec <namespace> <command> <args…>`. */
export function inNamespace(namespace: string, command: string, args: readonly string[], input?: string): Promise<string> {
  return run('ip', ['netns', 'exec', namespace, command, ...args], input);
}
