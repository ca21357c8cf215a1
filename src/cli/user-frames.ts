/**
 * The stack frames of an error that belong to the user's own code: those of msgsim itself
 * (its built or source files), of installed packages and of Node.js are left out, so a
 * protocol that throws shows where in the protocol, and nothing else.
 */
import { dirname, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** msgsim's own code: the dist/ and src/ folders of this package. */
const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const OWN_CODE = [resolve(PACKAGE_ROOT, 'dist') + sep, resolve(PACKAGE_ROOT, 'src') + sep];

/** Whether a stack line ("    at f (file:line:col)") points into code that is not the user's. */
function isInternal(line: string): boolean {
  const location = line.replace(/^\s*at\s+/, '').replace(/^.*\(/, '').replace(/\)$/, '');
  const file = location.startsWith('file://') ? safePath(location.replace(/:\d+:\d+$/, '')) : location;
  return (
    file.startsWith('node:') ||
    file.includes(`${sep}node_modules${sep}`) ||
    OWN_CODE.some((root) => file.startsWith(root)) ||
    file === '<anonymous>' ||
    location.startsWith('data:')
  );
}

function safePath(url: string): string {
  try {
    return fileURLToPath(url);
  } catch {
    return url;
  }
}

/** The "at …" lines of `error`'s stack that are in the user's code, in order. */
export function userFrames(error: unknown): string[] {
  const stack = error instanceof Error ? (error.stack ?? '') : '';
  return stack
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .filter((line) => !isInternal(line))
    .map((line) => line.trim());
}
