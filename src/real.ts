/**
 * `msgsim/real`: the seam on real clocks and sockets — the real runtime, its UDP and TCP
 * links and hosts files, a scenario run live, and emulation on the Linux network stack with
 * its comparison against the simulator. Apart from `msgsim` because its types are Node's
 * (sockets): a project that imports it needs @types/node. test/public-api.test.ts keeps the list.
 */

// The real runtime: the same seam on the monotonic clock and UDP or TCP sockets.
export { RealRuntime } from './runtime/real/real-runtime.js';
export type { LinkOpener, RealRunLimits, RealRunResult, RealRuntimeOptions } from './runtime/real/real-runtime.js';
export { LINK_OPENERS, TRANSPORT_KINDS } from './runtime/real/transports.js';
export type { DatagramHandler, SocketLink, SocketLinkOptions, TransportKind } from './runtime/real/link.js';
export { addressText, LOCAL_SOCKETS } from './runtime/real/sockets.js';
export type { HostAddress, SocketFactory } from './runtime/real/sockets.js';
export { formatHosts, HostsFileError, loopbackHosts, parseHosts, requireHosts } from './runtime/real/hosts.js';
export { liveFaultProblem, runScenarioLive } from './scenario/live.js';
export type { LiveRunOptions } from './scenario/live.js';
// Emulation on the Linux network stack, and its comparison with the simulator.
export { emulateScenario } from './emulation/emulate.js';
export type { EmulateOptions, Emulation } from './emulation/emulate.js';
export { compareRuns, EMULATION_COLUMNS } from './emulation/compare.js';
export type { CompareOptions, ComparisonRow } from './emulation/compare.js';
export { emulationCsv } from './emulation/emulation-csv.js';
export { EmulationUnavailableError, NotEmulableError } from './emulation/errors.js';
