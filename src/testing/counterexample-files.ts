/**
 * What the property runners share in writing a counterexample: where fast-check found it
 * (seed and path, quoted in reports), module paths as the written scenario names them
 * (relative to it), the scenario as YAML in the style of hand-written files, and the two
 * files written together.
 */
import { isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Document, isMap, isScalar, isSeq, visit } from 'yaml';
import { writeFilesAtomically } from '../experiment/atomic-files.js';
import { formatReplayFile, type ReplayFile } from '../scenario/replay.js';
import { scenarioName } from './case.js';

/** Where fast-check found a case: its seed and the path to the case, whole. */
export interface FastCheckPath {
  readonly seed: number;
  readonly path: string;
}

/** A replay file as the property runners write it: with the fast-check seed and path of the case. */
export interface CounterexampleReplayFile extends ReplayFile {
  readonly fastCheck: FastCheckPath;
}

/** A file: URL or a path, as a path. */
export function pathOf(module: string): string {
  return module.startsWith('file:') ? fileURLToPath(module) : resolve(module);
}

/** `path` as a module path relative to a scenario file in `outDir` (`./x.ts`, `../y.ts`). */
export function relativeTo(outDir: string, path: string): string {
  const rel = relative(resolve(outDir), path);
  return isAbsolute(rel) || rel.startsWith('.') ? rel : `./${rel}`;
}

/** The two files of a counterexample of property `name` in `outDir`: the scenario and the replay file. */
export function counterexampleFiles(outDir: string, name: string): { scenarioFile: string; replayFile: string } {
  const stem = scenarioName(name);
  return { scenarioFile: join(outDir, `${stem}.yaml`), replayFile: join(outDir, `${stem}.replay.json`) };
}

/** Writes a counterexample's scenario (its header comment lines first) and, if given, its replay file, together. */
export function writeCounterexampleFiles(
  files: { scenarioFile: string; replayFile: string },
  header: readonly string[],
  data: unknown,
  replay: CounterexampleReplayFile | undefined,
): void {
  writeFilesAtomically([
    [files.scenarioFile, `${header.join('\n')}\n${compactYaml(data)}`],
    ...(replay === undefined ? [] : [[files.replayFile, formatReplayFile(replay)] as [string, string]]),
  ]);
}

/** Paths longer than this many steps are shortened in reports. */
const PATH_STEPS_SHOWN = 16;

/**
 * A fast-check path for a report: whole when short, or when `whole` is undefined (nowhere
 * else to read it); else its first and last steps, how many there are, and where it is whole.
 */
export function reportedPath(path: string, whole: string | undefined): string {
  const steps = path.split(':');
  if (steps.length <= PATH_STEPS_SHOWN || whole === undefined) return `"${path}"`;
  const half = PATH_STEPS_SHOWN / 2;
  return `"${steps.slice(0, half).join(':')}:…:${steps.slice(-half).join(':')}" (${steps.length} steps; whole in ${whole})`;
}

/** YAML in the style of hand-written scenarios: lists and mappings of plain values on one line. */
function compactYaml(data: unknown): string {
  const doc = new Document(data);
  const flat = (node: unknown): boolean =>
    isScalar(node) || (isSeq(node) && node.items.every(isScalar)) || (isMap(node) && node.items.every((pair) => isScalar(pair.value)));
  visit(doc, {
    Seq(_, node) {
      if (node.items.every((item) => isScalar(item) || (isSeq(item) && item.items.every(isScalar)))) node.flow = true;
    },
    Map(_, node) {
      if (node.items.every((pair) => flat(pair.value))) node.flow = true;
    },
  });
  // The document itself stays in block style.
  if (isMap(doc.contents)) doc.contents.flow = false;
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}
