/**
 * Removing what emulation made, also when the run that made it cannot: by name prefix.
 *
 * Everything a network creates is inside its namespaces (veth ends are created in them,
 * never in the host's namespace), so deleting the namespaces whose names start with a
 * prefix removes it all — once the processes inside (socket helpers) are gone, since a
 * namespace lives on, unnamed, while a process or socket holds it. {@link removeStaleEmulation}
 * does both. A supervisor that did not start the run can call it: threads of a process share
 * its pid, and every run's prefix starts with `processPrefix()` (addressing.ts).
 *
 * {@link onExit} is the safety net of a process that ends with networks still up: on exit
 * and, in the main thread, on SIGINT and SIGTERM, each is removed synchronously. A worker
 * thread gets no signals and may be terminated without any hook running (its helpers then
 * stay until the process exits); its supervisor removes by prefix. What a killed process
 * left, {@link removeOrphanedEmulations} finds by the pid in the names.
 */
import { isMainThread } from 'node:worker_threads';
import { processPrefix } from './addressing.js';
import { run, runSync } from './commands.js';

/**
 * Deletes every namespace whose name is `prefix` followed by `-`, after killing the
 * processes in it. Resolves to the names deleted.
 */
export async function removeStaleEmulation(prefix: string): Promise<string[]> {
  const names = namespacesOf(await run('ip', ['netns', 'list']), prefix);
  for (const name of names) for (const pid of pidsOf(await run('ip', ['netns', 'pids', name]).catch(() => ''))) kill(pid);
  if (names.length > 0) await run('ip', ['-force', '-batch', '-'], deletions(names)).catch(() => '');
  return names;
}

/**
 * Removes what runs of processes that are gone left behind (a SIGKILL, a crash): the
 * namespaces `msgsim-<pid>-…` of every pid that no longer exists. Resolves to the names deleted.
 */
export async function removeOrphanedEmulations(): Promise<string[]> {
  const listing = await run('ip', ['netns', 'list']);
  const pids = new Set(namespacesOf(listing, 'msgsim').map((name) => Number(/^msgsim-(\d+)-/.exec(name)?.[1])));
  const removed: string[] = [];
  for (const pid of pids) if (Number.isSafeInteger(pid) && !alive(pid)) removed.push(...(await removeStaleEmulation(processPrefix(pid))));
  return removed;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** {@link removeStaleEmulation}, blocking: for exit and signal hooks. */
export function removeStaleEmulationSync(prefix: string): string[] {
  const names = namespacesOf(runSync('ip', ['netns', 'list']), prefix);
  for (const name of names) for (const pid of pidsOf(tryRunSync('ip', ['netns', 'pids', name]))) kill(pid);
  if (names.length > 0) tryRunSync('ip', ['-force', '-batch', '-'], deletions(names));
  return names;
}

/** The namespaces of `ip netns list` output ("name" or "name (id: 3)") that belong to `prefix`. */
export function namespacesOf(listing: string, prefix: string): string[] {
  return listing
    .split('\n')
    .map((line) => line.trim().split(/\s/)[0] ?? '')
    .filter((name) => name.startsWith(`${prefix}-`));
}

function pidsOf(listing: string): number[] {
  return listing
    .split('\n')
    .map((line) => Number(line.trim()))
    .filter((pid) => Number.isSafeInteger(pid) && pid > 0 && pid !== process.pid);
}

function kill(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // Gone already.
  }
}

function deletions(names: readonly string[]): string {
  return `${names.map((name) => `netns delete ${name}`).join('\n')}\n`;
}

function tryRunSync(command: string, args: readonly string[], input?: string): string {
  try {
    return runSync(command, args, input);
  } catch {
    return '';
  }
}

const live = new Set<string>();
const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

function removeAllSync(): void {
  for (const prefix of live) removeStaleEmulationSync(prefix);
  live.clear();
  unhook();
}

function onSignal(signal: NodeJS.Signals): void {
  removeAllSync();
  // Ours was the only handler: die of the signal, as the process would have without it.
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}

function hook(): void {
  process.on('exit', removeAllSync);
  if (isMainThread) for (const signal of SIGNALS) process.on(signal, onSignal);
}

function unhook(): void {
  process.off('exit', removeAllSync);
  for (const signal of SIGNALS) process.off(signal, onSignal);
}

/** Removes the namespaces of `prefix` if the process ends before {@link offExit} is called. */
export function onExit(prefix: string): void {
  if (live.size === 0) hook();
  live.add(prefix);
}

/** The network of `prefix` was removed: no hook needed for it any more. */
export function offExit(prefix: string): void {
  live.delete(prefix);
  if (live.size === 0) unhook();
}
