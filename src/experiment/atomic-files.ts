/**
 * Writing result files atomically: each goes to a temporary file in the same directory and
 * is renamed over the target once complete, so an interrupted or failed run never leaves a
 * half-written file behind and never destroys results already there.
 *
 * Every thread announces the temporaries it creates and finishes on one broadcast channel,
 * so a supervising thread ({@link watchTemporaries}) can remove those of a thread it had to
 * stop in the middle of a write.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { BroadcastChannel, threadId } from 'node:worker_threads';

const CHANNEL = 'msgsim:temporaries';

/** A change to the set of temporary files being written. */
interface TemporaryNotice {
  readonly path: string;
  readonly pending: boolean;
}

/** Temporary files this thread is writing. */
const pendingTemporaries = new Set<string>();
let announcements: BroadcastChannel | undefined;

function announce(path: string, pending: boolean): void {
  if (pending) pendingTemporaries.add(path);
  else pendingTemporaries.delete(path);
  if (announcements === undefined) {
    announcements = new BroadcastChannel(CHANNEL);
    announcements.unref();
  }
  announcements.postMessage({ path, pending } satisfies TemporaryNotice);
}

/** The temporaries every thread of the process is writing, as a supervisor sees them. */
export interface TemporaryWatch {
  /** Removes every temporary still pending (of the notices that have arrived). */
  removeAll(): void;
}

/** Starts watching the temporaries of every thread (call it before starting them). */
export function watchTemporaries(): TemporaryWatch {
  const pending = new Set<string>();
  const channel = new BroadcastChannel(CHANNEL);
  channel.unref();
  channel.onmessage = (event) => {
    const notice = (event as { data: TemporaryNotice }).data;
    if (notice.pending) pending.add(notice.path);
    else pending.delete(notice.path);
  };
  return {
    removeAll() {
      for (const file of [...pending, ...pendingTemporaries]) rmSync(file, { force: true });
      pending.clear();
    },
  };
}

/** Why a result could not be written: the path, and what the file system said. */
export class WriteError extends Error {
  constructor(
    readonly path: string,
    readonly code: string,
  ) {
    super(`cannot write ${path}: ${REASONS[code] ?? code}`);
    this.name = 'WriteError';
  }
}

/** What file-system error codes mean for a result being written. */
const REASONS: Readonly<Record<string, string>> = {
  ENOENT: 'files cannot be created there',
  ENOENT_DIR: 'folders cannot be created there',
  ENOTDIR: 'a part of the path is a file, not a folder',
  ENOTDIR_SELF: 'it is a file, not a folder',
  EEXIST: 'a file is in the way of a folder',
  EISDIR: 'it is a folder',
  EACCES: 'permission denied',
  EPERM: 'not permitted',
  EROFS: 'the file system is read-only',
  ENAMETOOLONG: 'the name is too long for the file system',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
};

/** Whether `error` is a file-system error with a code. */
function codeOf(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Runs a file-system step on `path`, turning its failure into a {@link WriteError}. */
function attempt<T>(path: string, step: () => T): T {
  try {
    return step();
  } catch (error) {
    const code = codeOf(error);
    if (code === undefined) throw error;
    throw new WriteError(path, code);
  }
}

/**
 * Makes a folder and the folders above it, one level at a time. (Node's recursive mkdir
 * retries for ever where the parent exists but refuses a child with ENOENT, as /proc does.)
 * A path in the way that is not a folder is a {@link WriteError}.
 */
export function makeDirectory(dir: string): void {
  const missing: string[] = [];
  for (let path = resolve(dir); ; path = dirname(path)) {
    let stat;
    try {
      stat = statSync(path);
    } catch (error) {
      const code = codeOf(error);
      if (code !== 'ENOENT') throw new WriteError(path, code ?? String(error));
      missing.push(path);
      if (dirname(path) === path) break;
      continue;
    }
    if (!stat.isDirectory()) throw new WriteError(dir, path === resolve(dir) ? 'ENOTDIR_SELF' : 'ENOTDIR');
    break;
  }
  for (const path of missing.reverse()) {
    try {
      mkdirSync(path);
    } catch (error) {
      const code = codeOf(error);
      if (code !== 'EEXIST') throw new WriteError(path, code === 'ENOENT' ? 'ENOENT_DIR' : (code ?? String(error)));
    }
  }
}

/** The temporary file a write to `target` goes to first (unique per thread). */
function temporaryFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.${process.pid}-${threadId}.tmp`);
}

/** Content to write, whole or in chunks. */
export type Content = string | Iterable<string>;

/** Writes `content` to a temporary file next to `target`; returns the temporary's path. */
function writeTemporary(target: string, content: Content, sync: boolean): string {
  makeDirectory(dirname(target));
  const temporary = temporaryFor(target);
  announce(temporary, true);
  const fd = attempt(target, () => openSync(temporary, 'w'));
  try {
    for (const chunk of typeof content === 'string' ? [content] : content) attempt(target, () => writeSync(fd, chunk));
    if (sync) attempt(target, () => fsyncSync(fd));
  } finally {
    closeSync(fd);
  }
  return temporary;
}

/**
 * Writes several files so that each is either fully written or untouched: all contents go
 * to temporary files first, and only when every one is complete are they renamed into place.
 * With `sync` (the default) each is flushed to the disk before the rename, so even a power
 * failure leaves the old file or the new one; without it, an interrupted process still does.
 */
export function writeFilesAtomically(files: ReadonlyArray<readonly [path: string, content: Content]>, options: { sync?: boolean } = {}): void {
  const temporaries: [string, string][] = [];
  try {
    for (const [path, content] of files) temporaries.push([writeTemporary(path, content, options.sync ?? true), path]);
    for (const [temporary, path] of temporaries) {
      attempt(path, () => renameSync(temporary, path));
      announce(temporary, false);
    }
  } finally {
    for (const [temporary] of temporaries) {
      if (pendingTemporaries.has(temporary)) {
        rmSync(temporary, { force: true });
        announce(temporary, false);
      }
    }
  }
}

/**
 * A file written in pieces as a run produces it (a trace), with the same guarantee: it
 * appears under its name only when {@link commit} is called, and {@link abort} (or an
 * interruption) leaves nothing behind. Writes are buffered into large chunks.
 */
export class StreamingFile {
  private readonly temporary: string;
  private fd: number;
  private buffer: string[] = [];
  private buffered = 0;

  constructor(readonly target: string) {
    makeDirectory(dirname(target));
    this.temporary = temporaryFor(target);
    announce(this.temporary, true);
    this.fd = attempt(target, () => openSync(this.temporary, 'w'));
  }

  /** Appends text. */
  write(text: string): void {
    this.buffer.push(text);
    this.buffered += text.length;
    if (this.buffered >= 1 << 16) this.flush();
  }

  /** Writes what is buffered, syncs, and renames the file into place. */
  commit(): void {
    this.flush();
    fsyncSync(this.fd);
    closeSync(this.fd);
    this.fd = -1;
    attempt(this.target, () => renameSync(this.temporary, this.target));
    announce(this.temporary, false);
  }

  /** Discards the file. */
  abort(): void {
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
    rmSync(this.temporary, { force: true });
    announce(this.temporary, false);
  }

  private flush(): void {
    if (this.buffer.length === 0) return;
    const text = this.buffer.join('');
    attempt(this.target, () => writeSync(this.fd, text));
    this.buffer = [];
    this.buffered = 0;
  }
}
