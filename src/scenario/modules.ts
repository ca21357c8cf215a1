/**
 * Loading the user's code that a scenario names (a protocol, an invariant): an export of a
 * JavaScript or TypeScript module. TypeScript is compiled on the fly by tsx when the host
 * cannot import it itself (plain Node 20 cannot; a test runner such as vitest can).
 */
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { BUILTIN_INVARIANTS, type Invariant } from '../trace/invariants.js';
import type { Protocol } from '../workload/protocol.js';
import type { ModuleExport, Scenario } from './scenario.js';

/** A module or export a scenario names cannot be loaded. */
export class ModuleLoadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ModuleLoadError';
  }
}

/** The value of `ref.export` in module `ref.module` (an absolute path). */
export async function loadExport(ref: ModuleExport): Promise<unknown> {
  if (!existsSync(ref.module)) throw new ModuleLoadError(`module ${ref.module} does not exist`);
  const namespace = await importModule(ref.module);
  if (!(ref.export in namespace)) {
    const exports = Object.keys(namespace).filter((key) => key !== '__esModule');
    throw new ModuleLoadError(`module ${ref.module} has no export "${ref.export}" (exports: ${exports.join(', ') || 'none'})`);
  }
  return namespace[ref.export];
}

async function importModule(path: string): Promise<Record<string, unknown>> {
  const url = pathToFileURL(path).href;
  try {
    return (await import(url)) as Record<string, unknown>;
  } catch (error) {
    if (!/\.[cm]?ts$/.test(path) || (error as { code?: unknown }).code !== 'ERR_UNKNOWN_FILE_EXTENSION') throw error;
  }
  const { tsImport } = await import('tsx/esm/api');
  return (await tsImport(url, import.meta.url)) as Record<string, unknown>;
}

/** A scenario's protocol: a function of the node (see the Protocol type). */
export async function loadProtocol(ref: ModuleExport): Promise<Protocol> {
  const value = await loadExport(ref);
  if (typeof value !== 'function') throw new ModuleLoadError(`export "${ref.export}" of ${ref.module} is not a protocol (a function node => endpoint)`);
  return value as Protocol;
}

/** A scenario's invariants: built-in ones by name, others from their modules. */
export async function loadInvariants(refs: readonly (string | ModuleExport)[]): Promise<Invariant[]> {
  const invariants: Invariant[] = [];
  for (const ref of refs) {
    if (typeof ref === 'string') {
      const builtin = BUILTIN_INVARIANTS.get(ref);
      if (builtin === undefined) throw new ModuleLoadError(`unknown invariant "${ref}"`);
      invariants.push(builtin);
      continue;
    }
    const value = await loadExport(ref);
    const candidate = value as Partial<Invariant> | undefined;
    if (typeof candidate?.name !== 'string' || typeof candidate.start !== 'function') {
      throw new ModuleLoadError(`export "${ref.export}" of ${ref.module} is not an invariant (make one with invariant(name, start))`);
    }
    invariants.push(candidate as Invariant);
  }
  return invariants;
}

/** A scenario's protocol and invariants, loaded from their modules (nothing if it has no protocol). */
export async function loadScenarioModules(scenario: Scenario): Promise<{ protocol?: Protocol; invariants?: Invariant[] }> {
  if (scenario.protocol === undefined) return {};
  return { protocol: await loadProtocol(scenario.protocol), invariants: await loadInvariants(scenario.invariants) };
}
