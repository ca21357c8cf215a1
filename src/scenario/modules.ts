/**
 * Loading the user's code that a scenario names (a protocol, an invariant): an export of a
 * JavaScript or TypeScript module. TypeScript is compiled on the fly by tsx when the host
 * cannot import it itself (plain Node 20 cannot; a test runner such as vitest can).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BUILTIN_INVARIANTS, type Invariant } from '../trace/invariants.js';
import type { NodeSetup } from '../messaging/maelstrom/node.js';
import type { Protocol } from '../workload/protocol.js';
import type { ModuleExport, Scenario } from './scenario.js';

/**
 * A module or export a scenario names cannot be loaded: `field` says which (e.g.
 * `protocol.module`, `invariants[1]`), and {@link inFile} puts the scenario file in front.
 */
export class ModuleLoadError extends Error {
  constructor(
    readonly detail: string,
    readonly field?: string,
    readonly file?: string,
  ) {
    super([file, field, detail].filter((part) => part !== undefined).join(': '));
    this.name = 'ModuleLoadError';
  }

  /** The same error, said of the scenario file `file`. */
  inFile(file: string): ModuleLoadError {
    return new ModuleLoadError(this.detail, this.field, file);
  }
}

/** The value of `ref.export` in module `ref.module` (an absolute path); `field` names the reference. */
export async function loadExport(ref: ModuleExport, field = 'module'): Promise<unknown> {
  if (!existsSync(ref.module)) throw new ModuleLoadError(`${ref.module} does not exist`, field);
  if (!statSync(ref.module).isFile()) throw new ModuleLoadError(`${ref.module} is not a file`, field);
  const namespace = await importModule(ref.module, field);
  if (!(ref.export in namespace)) {
    const exports = Object.keys(namespace).filter((key) => key !== '__esModule');
    throw new ModuleLoadError(`${ref.module} has no export "${ref.export}" (exports: ${exports.join(', ') || 'none'})`, field);
  }
  return namespace[ref.export];
}

/** Imports a module, with tsx for TypeScript when the host cannot; a failure names the module and why. */
async function importModule(path: string, field: string): Promise<Record<string, unknown>> {
  const url = pathToFileURL(path).href;
  try {
    try {
      return (await import(url)) as Record<string, unknown>;
    } catch (error) {
      // TypeScript the host cannot import goes to tsx; so does JavaScript that does not
      // parse, for tsx's compiler says where (Node's own error does not).
      const typescript = /\.[cm]?ts$/.test(path) && (error as { code?: unknown }).code === 'ERR_UNKNOWN_FILE_EXTENSION';
      if (!typescript && !(error instanceof SyntaxError)) throw error;
    }
    if (isCommonJs(path)) {
      // tsx's CommonJS loader keeps the file's own name and lines in stack traces.
      const { require: tsxRequire } = await import('tsx/cjs/api');
      return tsxRequire(path, import.meta.url) as Record<string, unknown>;
    }
    const { tsImport } = await import('tsx/esm/api');
    return (await tsImport(url, import.meta.url)) as Record<string, unknown>;
  } catch (error) {
    throw new ModuleLoadError(`${path}: ${whyNotLoaded(error)}`, field);
  }
}

/**
 * Whether Node takes a TypeScript file for CommonJS: .cts always, .mts never, .ts unless the
 * nearest package.json says `"type": "module"`.
 */
function isCommonJs(path: string): boolean {
  if (path.endsWith('.cts')) return true;
  if (path.endsWith('.mts')) return false;
  for (let dir = dirname(path); ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        return (JSON.parse(readFileSync(manifest, 'utf8')) as { type?: unknown }).type !== 'module';
      } catch {
        return true;
      }
    }
    if (dirname(dir) === dir) return true;
  }
}

/** One line saying why importing a module failed. */
function whyNotLoaded(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ERR_UNKNOWN_FILE_EXTENSION') return 'not a JavaScript or TypeScript module (.js, .mjs, .ts, .mts)';
  const message = error instanceof Error ? error.message : String(error);
  // esbuild (through tsx) lists its errors as "<file>:<line>:<column>: ERROR: <text>".
  const compiled = /:(\d+:\d+): ERROR: (.*)/.exec(message);
  if (compiled !== null) return `syntax error at ${compiled[1]}: ${compiled[2]}`;
  if (error instanceof SyntaxError) return `syntax error: ${message}`;
  const firstLine = message.split('\n')[0]!.trim();
  return `could not be loaded: ${error instanceof Error ? `${error.name}: ` : ''}${firstLine}`;
}

/** A scenario's protocol: a function of the node (see the Protocol type). */
export async function loadProtocol(ref: ModuleExport): Promise<Protocol> {
  const value = await loadExport(ref, 'protocol.module');
  if (typeof value !== 'function') throw new ModuleLoadError(`export "${ref.export}" of ${ref.module} is not a protocol (a function node => endpoint)`, 'protocol.export');
  return value as Protocol;
}

/** A scenario's Maelstrom-style program: a function of the node that registers its handlers. */
export async function loadProgram(ref: ModuleExport): Promise<NodeSetup> {
  const value = await loadExport(ref, 'program.module');
  if (typeof value !== 'function') throw new ModuleLoadError(`export "${ref.export}" of ${ref.module} is not a program (a function node => void)`, 'program.export');
  return value as NodeSetup;
}

/** A scenario's invariants: built-in ones by name, others from their modules. */
export async function loadInvariants(refs: readonly (string | ModuleExport)[]): Promise<Invariant[]> {
  const invariants: Invariant[] = [];
  for (const [index, ref] of refs.entries()) {
    if (typeof ref === 'string') {
      const builtin = BUILTIN_INVARIANTS.get(ref);
      if (builtin === undefined) throw new ModuleLoadError(`unknown invariant "${ref}"`, `invariants[${index}]`);
      invariants.push(builtin);
      continue;
    }
    const value = await loadExport(ref, `invariants[${index}].module`);
    const candidate = value as Partial<Invariant> | undefined;
    if (typeof candidate?.name !== 'string' || typeof candidate.start !== 'function') {
      throw new ModuleLoadError(`export "${ref.export}" of ${ref.module} is not an invariant (make one with invariant(name, start))`, `invariants[${index}].export`);
    }
    invariants.push(candidate as Invariant);
  }
  return invariants;
}

/** The code a scenario names, loaded. */
export interface ScenarioModules {
  protocol?: Protocol;
  invariants?: Invariant[];
  program?: NodeSetup;
}

/**
 * A scenario's protocol and invariants, or its program, loaded from their modules (nothing
 * if it has neither); errors name the scenario `file`, if given.
 */
export async function loadScenarioModules(scenario: Scenario, file?: string): Promise<ScenarioModules> {
  try {
    if (scenario.program !== undefined) return { program: await loadProgram(scenario.program.module) };
    if (scenario.protocol === undefined) return {};
    return { protocol: await loadProtocol(scenario.protocol), invariants: await loadInvariants(scenario.invariants) };
  } catch (error) {
    throw error instanceof ModuleLoadError && file !== undefined ? error.inFile(file) : error;
  }
}
