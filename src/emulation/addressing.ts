/**
 * Names and addresses of an emulated network, all derived from node and link indices, so a
 * plan is a pure function of the scenario and nothing has to be asked of the kernel.
 *
 * Why these ranges are safe: every address lives only inside network namespaces that the
 * emulation creates and removes. No namespace has a link to the host's namespace (veths
 * join node namespaces to each other only), so no packet can leave and no host route
 * changes, whatever the host itself uses 10.200.0.0/15 for. Both ranges are private
 * (RFC 1918), so nothing outside could be addressed by mistake either.
 *
 *   node i      10.200.0.0/16, host number i + 1, as a /32 on the namespace's `lo`
 *   link j      10.201.0.0/16, the /31 (RFC 3021) 10.201.x.2j and .2j+1, end 0 and end 1
 *   MAC         02:6d:73:JJ:JJ:0E  (locally administered; "ms", link j, end E)
 *   interface   l<j> at both ends (interface names are per namespace, ≤ 15 bytes)
 *   namespace   <prefix>-<i>
 */
import { threadId } from 'node:worker_threads';

/** Most nodes a plan can address: host numbers 1 … 65534 of 10.200.0.0/16. */
export const MAX_NODES = 65_534;
/** Most links a plan can address: /31s of 10.201.0.0/16. */
export const MAX_LINKS = 32_768;

/** The address of node `index`, e.g. 10.200.0.1 for node 0. */
export function nodeAddress(index: number): string {
  const host = index + 1;
  return `10.200.${host >> 8}.${host & 0xff}`;
}

/** The address of end `end` (0: the link's first node, 1: its second) of link `index`. */
export function linkEndAddress(index: number, end: 0 | 1): string {
  const host = 2 * index + end;
  return `10.201.${host >> 8}.${host & 0xff}`;
}

/** The MAC address of end `end` of link `index`. */
export function linkEndMac(index: number, end: 0 | 1): string {
  const hex = (byte: number) => byte.toString(16).padStart(2, '0');
  return `02:6d:73:${hex(index >> 8)}:${hex(index & 0xff)}:${hex(end)}`;
}

/** The interface name of link `index` at either end, inside that end's namespace. */
export function linkInterfaceName(index: number): string {
  return `l${index}`;
}

/** The namespace of node `index` in a run whose names start with `prefix`. */
export function namespaceName(prefix: string, index: number): string {
  return `${prefix}-${index}`;
}

/** Namespace names may be file names in /run/netns; a prefix keeps to these characters. */
const PREFIX_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/;

/** Throws a RangeError unless `prefix` can start namespace names. */
export function assertPrefix(prefix: string): void {
  if (!PREFIX_PATTERN.test(prefix)) throw new RangeError(`namespace prefix "${prefix}" must match ${PREFIX_PATTERN}`);
}

/** The prefix every emulation this process starts has: `msgsim-<pid>`. */
export function processPrefix(pid: number = process.pid): string {
  return `msgsim-${pid}`;
}

let runs = 0;

/**
 * A prefix for one more run of this thread, `msgsim-<pid>-<thread>.<n>`. Threads of one
 * process share the pid, so a supervising thread that did not start the run can still
 * remove what it left with `removeStaleEmulation(processPrefix())`.
 */
export function runPrefix(pid: number = process.pid): string {
  return `${processPrefix(pid)}-${threadId}.${runs++}`;
}
