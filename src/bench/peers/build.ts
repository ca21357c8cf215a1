/**
 * Compiling the ns-3 programs (NAME.cc beside this file's source) with `g++ -O2` into a cache
 * under the system's temporary directory, outside the repository: each binary is named by a
 * hash of its source and its compile command, so it is built once and again only when either
 * changes. A binary is written to a temporary name and renamed when complete, so an
 * interrupted build leaves nothing that looks finished.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { NS3_MODULES } from './check.js';
import { runChild } from './children.js';

/** Where the binaries are kept. */
export const CACHE_DIR = join(tmpdir(), 'msgsim-bench-peers');

// -pipe: no intermediate files in /tmp for an interrupted compiler to leave behind.
const CXXFLAGS = ['-O2', '-std=c++17', '-pipe'];

/** Binaries being written, removed by {@link removeTemporaries} if the build is stopped. */
const temporaries = new Set<string>();

/**
 * The compile and link flags of pkg-config, without those that name what is not there:
 * Debian's ns-3 .pc files list `-I/usr\;` and libgsl.so by absolute path, which only
 * libgsl-dev installs (the ns-3 libraries link GSL themselves). `exists` is the file test.
 */
export function usableFlags(tokens: readonly string[], exists: (path: string) => boolean): string[] {
  return tokens.filter((token) => {
    const dir = /^-[IL](.+)$/.exec(token)?.[1];
    if (dir !== undefined) return exists(dir);
    return !isAbsolute(token) || exists(token);
  });
}

/** pkg-config's flags for the ns-3 modules the programs use. */
export function ns3Flags(): string[] {
  const result = spawnSync('pkg-config', ['--cflags', '--libs', ...NS3_MODULES], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`pkg-config --cflags --libs ${NS3_MODULES.join(' ')} failed: ${result.stderr.trim()}`);
  return usableFlags(result.stdout.trim().split(/\s+/), existsSync);
}

/** The cached binary's path for a program of this source text compiled with this command. */
export function binaryPath(cacheDir: string, name: string, source: string, cxx: string, flags: readonly string[]): string {
  const hash = createHash('sha256').update(JSON.stringify([source, cxx, CXXFLAGS, flags])).digest('hex').slice(0, 16);
  return join(cacheDir, `${name}-${hash}`);
}

/** The binary of `sources/NAME.cc`, compiled now unless the cache has it; says on stdout which. */
export async function buildNs3(name: string, sources: string, cxx: string, flags: readonly string[]): Promise<string> {
  const sourcePath = join(sources, `${name}.cc`);
  const binary = binaryPath(CACHE_DIR, name, readFileSync(sourcePath, 'utf8'), cxx, flags);
  if (existsSync(binary)) {
    console.log(`ns-3 ${name}: cached ${binary}`);
    return binary;
  }
  mkdirSync(CACHE_DIR, { recursive: true });
  const temporary = `${binary}.${process.pid}.tmp`;
  temporaries.add(temporary);
  try {
    console.log(`ns-3 ${name}: compiling ${sourcePath}`);
    await runChild(`compiling ${sourcePath}`, [cxx, [...CXXFLAGS, '-o', temporary, sourcePath, ...flags]]);
    renameSync(temporary, binary);
  } finally {
    rmSync(temporary, { force: true });
    temporaries.delete(temporary);
  }
  return binary;
}

/** Removes the binaries still being written. */
export function removeTemporaries(): void {
  for (const path of temporaries) rmSync(path, { force: true });
  temporaries.clear();
}
