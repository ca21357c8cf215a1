/**
 * Removing an emulated network from outside the command that built it: the supervising main
 * thread does so when it had to terminate the command before it tore its network down. Every
 * namespace an emulation makes is named with its run's prefix, and deleting a namespace
 * deletes the veths and rules inside it, so the prefix is all it takes.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Deletes every network namespace whose name starts with `prefix`; never throws. */
export async function removeEmulation(prefix: string): Promise<void> {
  let listing: string;
  try {
    listing = (await run('ip', ['netns', 'list'])).stdout;
  } catch {
    return;
  }
  const names = listing
    .split('\n')
    .map((line) => line.split(' ')[0]!)
    .filter((name) => name.startsWith(prefix));
  await Promise.all(names.map((name) => run('ip', ['netns', 'delete', name]).catch(() => undefined)));
}
