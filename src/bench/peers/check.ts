/**
 * Whether the peers `npm run bench:peers` measures are installed: a C++ compiler, ns-3's
 * development files (found by pkg-config) and a Python with SimPy. What is missing is said
 * in one line, with the Debian packages that provide it.
 */
import { spawnSync } from 'node:child_process';

/** The programs the peers are built and run with. */
export interface PeerTools {
  /** The C++ compiler. @default `g++`, or the environment's MSGSIM_PEERS_CXX */
  readonly cxx: string;
  /** The Python that must import SimPy. @default `/usr/bin/python3` (Debian's, which python3-simpy3 serves), or MSGSIM_PEERS_PYTHON */
  readonly python: string;
}

/** The ns-3 modules the programs use, as pkg-config names them. */
export const NS3_MODULES = ['ns3-core', 'ns3-network', 'ns3-point-to-point', 'ns3-internet'] as const;

/** The tools, from the environment's overrides or the defaults. */
export function peerTools(env: NodeJS.ProcessEnv): PeerTools {
  return { cxx: env.MSGSIM_PEERS_CXX || 'g++', python: env.MSGSIM_PEERS_PYTHON || '/usr/bin/python3' };
}

/** Something missing, and the Debian package that provides it. */
export interface Missing {
  readonly what: string;
  readonly debianPackage: string;
}

/** The versions of the peers found. */
export interface PeerVersions {
  readonly ns3: string;
  readonly simpy: string;
}

/** Runs a short command; its trimmed standard output, or undefined if it could not run or failed. */
function output(program: string, args: readonly string[]): string | undefined {
  const result = spawnSync(program, args, { encoding: 'utf8', timeout: 30_000, stdio: ['ignore', 'pipe', 'ignore'] });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

/** What of the peers is missing (nothing, if the list is empty) and the versions of what is there. */
export function checkPeers(tools: PeerTools): { missing: Missing[]; versions: PeerVersions } {
  const missing: Missing[] = [];
  if (output(tools.cxx, ['--version']) === undefined) missing.push({ what: `a C++ compiler (${tools.cxx})`, debianPackage: 'g++' });
  let ns3 = '';
  if (output('pkg-config', ['--version']) === undefined) {
    missing.push({ what: 'pkg-config', debianPackage: 'pkg-config' });
  } else {
    ns3 = output('pkg-config', ['--modversion', 'ns3-core']) ?? '';
    if (ns3 === '' || output('pkg-config', ['--exists', ...NS3_MODULES]) === undefined) {
      missing.push({ what: `ns-3 (pkg-config finds no ${NS3_MODULES.join(', ')})`, debianPackage: 'libns3-dev' });
    }
  }
  const simpy = output(tools.python, ['-c', 'import simpy; print(simpy.__version__)']) ?? '';
  if (simpy === '') missing.push({ what: `SimPy for ${tools.python}`, debianPackage: 'python3-simpy3' });
  return { missing, versions: { ns3, simpy } };
}

/** The one line that says what is missing and how to install it. */
export function missingMessage(missing: readonly Missing[]): string {
  const packages = [...new Set(missing.map((item) => item.debianPackage))];
  return `missing ${missing.map((item) => item.what).join('; ')}: install with \`apt-get install ${packages.join(' ')}\``;
}
