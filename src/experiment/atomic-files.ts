/**
 * Writing result files atomically: each goes to a temporary file in the same directory and
 * is renamed over the target once complete, so an interrupted or failed run never leaves a
 * half-written file behind and never destroys results already there.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

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
function writeTemporary(target: string, content: Content, sync: boolean): string {
  mkdirSync(dirname(target), { recursive: true });
  const temporary = join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);
  pendingTemporaries.add(temporary);
  const fd = openSync(temporary, 'w');
  try {
    for (const chunk of typeof content === 'string' ? [content] : content) writeSync(fd, chunk);
    if (sync) fsyncSync(fd);
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
      renameSync(temporary, path);
      pendingTemporaries.delete(temporary);
    }
  } finally {
    for (const [temporary] of temporaries) {
      if (pendingTemporaries.delete(temporary)) rmSync(temporary, { force: true });
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
    mkdirSync(dirname(target), { recursive: true });
    this.temporary = join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);
    pendingTemporaries.add(this.temporary);
    this.fd = openSync(this.temporary, 'w');
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
    renameSync(this.temporary, this.target);
    pendingTemporaries.delete(this.temporary);
  }

  /** Discards the file. */
  abort(): void {
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
    rmSync(this.temporary, { force: true });
    pendingTemporaries.delete(this.temporary);
  }

  private flush(): void {
    if (this.buffer.length === 0) return;
    writeSync(this.fd, this.buffer.join(''));
    this.buffer = [];
    this.buffered = 0;
  }
}
