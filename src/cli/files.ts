/**
 * The CLI's contact with the filesystem: finding scenario files, reading them, and writing
 * results atomically (to a temporary file in the same directory, then renamed over the
 * target), so an interrupted or failed run never leaves a half-written file behind and never
 * destroys results already there.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { UserError } from './errors.js';

const SCENARIO_EXTENSIONS = ['.yaml', '.yml', '.json'];

/** Expands arguments to scenario files: a directory stands for its scenario files, sorted. */
export function expandScenarioPaths(args: readonly string[]): string[] {
  const files: string[] = [];
  for (const arg of args) {
    let isDirectory: boolean;
    try {
      isDirectory = statSync(arg).isDirectory();
    } catch {
      throw new UserError(`${arg}: no such file or directory`);
    }
    if (!isDirectory) {
      files.push(arg);
      continue;
    }
    const found = readdirSync(arg)
      .filter((name) => SCENARIO_EXTENSIONS.some((extension) => name.endsWith(extension)))
      .sort()
      .map((name) => join(arg, name));
    if (found.length === 0) throw new UserError(`${arg}: no scenario files (*.yaml, *.yml, *.json) in this directory`);
    files.push(...found);
  }
  return files;
}

/** Reads a text file, turning failures into one-line user errors. */
export function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : String(code ?? error);
    throw new UserError(`${file}: cannot read (${reason})`);
  }
}

/** Temporary files being written, removed if the process is interrupted. */
const pendingTemporaries = new Set<string>();

/** Removes temporary files left by writes in progress (for signal handlers). */
export function removePendingTemporaries(): void {
  for (const file of pendingTemporaries) rmSync(file, { force: true });
  pendingTemporaries.clear();
}

/** Content to write, whole or in chunks. */
export type Content = string | Iterable<string>;

/** Writes `content` to a temporary file next to `target`; returns the temporary's path. */
function writeTemporary(target: string, content: Content): string {
  mkdirSync(dirname(target), { recursive: true });
  const temporary = join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);
  pendingTemporaries.add(temporary);
  const fd = openSync(temporary, 'w');
  try {
    for (const chunk of typeof content === 'string' ? [content] : content) writeSync(fd, chunk);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return temporary;
}

/**
 * Writes several files so that each is either fully written or untouched: all contents go
 * to temporary files first, and only when every one is complete are they renamed into place.
 */
export function writeFilesAtomically(files: ReadonlyArray<readonly [path: string, content: Content]>): void {
  const temporaries: [string, string][] = [];
  try {
    for (const [path, content] of files) temporaries.push([writeTemporary(path, content), path]);
    for (const [temporary, path] of temporaries) {
      renameSync(temporary, path);
      pendingTemporaries.delete(temporary);
    }
  } finally {
    for (const [temporary] of temporaries) {
      if (pendingTemporaries.delete(temporary)) rmSync(temporary, { force: true });
    }
  }
}
