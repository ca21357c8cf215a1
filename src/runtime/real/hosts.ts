/**
 * Hosts files: where each node of a real deployment listens. One node per line, its name
 * and its address as `host:port` (an IPv4 address), separated by spaces; `#` starts a
 * comment. The same file serves every process of a deployment, whether its nodes run in
 * one process, in several on one machine, or on several machines:
 *
 *     # node  address
 *     n0      127.0.0.1:7000
 *     n1      127.0.0.1:7001
 */
import net from 'node:net';
import type { HostAddress } from './sockets.js';

/** A mistake in a hosts file, located by file and line. */
export class HostsFileError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    readonly detail: string,
  ) {
    super(`${line === undefined ? file : `${file}:${line}`}: ${detail}`);
    this.name = 'HostsFileError';
  }
}

/** Reads a hosts file's text; `file` names it in errors. */
export function parseHosts(text: string, file: string): Map<string, HostAddress> {
  const hosts = new Map<string, HostAddress>();
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = index + 1;
    const content = raw.replace(/#.*$/, '').trim();
    if (content === '') return;
    const fields = content.split(/\s+/);
    if (fields.length !== 2) throw new HostsFileError(file, line, `expected "<node> <host>:<port>", got "${content}"`);
    const [name, address] = fields as [string, string];
    const match = /^(.+):(\d+)$/.exec(address);
    if (match === null) throw new HostsFileError(file, line, `"${address}" is not an address (expected <host>:<port>, e.g. 127.0.0.1:7000)`);
    const host = match[1]!;
    const port = Number(match[2]);
    if (!net.isIPv4(host)) throw new HostsFileError(file, line, `"${host}" is not an IPv4 address`);
    if (port < 1 || port > 65535) throw new HostsFileError(file, line, `port ${port} is not between 1 and 65535`);
    if (hosts.has(name)) throw new HostsFileError(file, line, `node "${name}" is listed twice`);
    hosts.set(name, { host, port });
  });
  return hosts;
}

/** Checks that a hosts file lists every node of `nodes`; throws naming the first missing one. */
export function requireHosts(hosts: ReadonlyMap<string, HostAddress>, nodes: readonly string[], file: string): void {
  const missing = nodes.filter((node) => !hosts.has(node));
  if (missing.length > 0) throw new HostsFileError(file, undefined, `no address for node${missing.length > 1 ? 's' : ''} ${missing.map((node) => `"${node}"`).join(', ')}`);
}

/** Addresses for nodes of one process on loopback: 127.0.0.1, each on a free port picked when it binds. */
export function loopbackHosts(nodes: readonly string[]): Map<string, HostAddress> {
  return new Map(nodes.map((node) => [node, { host: '127.0.0.1', port: 0 }]));
}

/** A hosts file's text for these addresses (e.g. of a deployment started with free ports). */
export function formatHosts(hosts: ReadonlyMap<string, HostAddress>): string {
  const width = Math.max(4, ...[...hosts.keys()].map((name) => name.length));
  return [...hosts].map(([name, address]) => `${name.padEnd(width)}  ${address.host}:${address.port}`).join('\n') + '\n';
}
