/**
 * The CLI's contact with the filesystem: finding scenario files and reading them. Results
 * are written with experiment/atomic-files.ts.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
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
