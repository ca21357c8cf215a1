/**
 * Whether this host can emulate at all, and whether its kernel has netem: checked before a
 * plan is made, so that a missing tool or privilege is one clear line, not a failure half
 * way through building a network.
 */
import { readFile } from 'node:fs/promises';
import { runPrefix } from './addressing.js';
import { CommandError, run } from './commands.js';
import { EmulationUnavailableError } from './errors.js';

/** The tools emulation runs, how to ask each for its version, and the Debian package that has it. */
const TOOLS = [
  { command: 'ip', versionArgs: ['-V'], debianPackage: 'iproute2' },
  { command: 'tc', versionArgs: ['-V'], debianPackage: 'iproute2' },
  { command: 'nft', versionArgs: ['--version'], debianPackage: 'nftables' },
] as const;

/** Capability bits (linux/capability.h): configuring networks, and mounting the namespaces' files. */
const CAP_NET_ADMIN = 12n;
const CAP_SYS_ADMIN = 21n;

/**
 * Throws an EmulationUnavailableError (a user error) when this is not Linux, the process is
 * neither root nor holds CAP_NET_ADMIN and CAP_SYS_ADMIN, or `ip`, `tc` or `nft` is missing.
 */
export async function checkEmulationHost(): Promise<void> {
  if (process.platform !== 'linux') {
    throw new EmulationUnavailableError(`emulation needs Linux network namespaces; this is ${process.platform}`);
  }
  if (!(await privileged())) {
    throw new EmulationUnavailableError('emulation must run as root (or with CAP_NET_ADMIN and CAP_SYS_ADMIN): it creates network namespaces');
  }
  const missing: string[] = [];
  for (const tool of TOOLS) {
    try {
      await run(tool.command, tool.versionArgs);
    } catch (error) {
      if (!(error instanceof CommandError) || error.exitCode !== null) throw error;
      missing.push(`${tool.command} (Debian package ${tool.debianPackage})`);
    }
  }
  if (missing.length > 0) throw new EmulationUnavailableError(`emulation needs ip, tc and nft; not found: ${missing.join(', ')}`);
}

async function privileged(): Promise<boolean> {
  if (process.geteuid?.() === 0) return true;
  const status = await readFile('/proc/self/status', 'utf8');
  const effective = /^CapEff:\s*([0-9a-f]+)$/m.exec(status)?.[1];
  if (effective === undefined) return false;
  const caps = BigInt(`0x${effective}`);
  return ((caps >> CAP_NET_ADMIN) & 1n) === 1n && ((caps >> CAP_SYS_ADMIN) & 1n) === 1n;
}

/**
 * Whether the kernel has the netem qdisc: tries to add one to `lo` in a namespace of its
 * own, which it removes again. Call after {@link checkEmulationHost}.
 */
export async function kernelHasNetem(): Promise<boolean> {
  const namespace = `${runPrefix()}-netem-probe`;
  await run('ip', ['netns', 'add', namespace]);
  try {
    await run('tc', ['-n', namespace, 'qdisc', 'add', 'dev', 'lo', 'root', 'netem', 'delay', '1ms']);
    return true;
  } catch (error) {
    if (error instanceof CommandError && /qdisc kind is unknown|No such file or directory/.test(error.stderr)) return false;
    throw error;
  } finally {
    await run('ip', ['netns', 'delete', namespace]);
  }
}
