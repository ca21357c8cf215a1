/**
 * The child processes of `npm run bench:peers`. Each starts in a process group of its own,
 * so that a Ctrl-C at the terminal reaches this process alone, not a Python that would print
 * a traceback or a compiler half-way through a file; this process then ends every group it
 * started ({@link stopChildren}), the compiler's own children with the compiler.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { Command } from './sides.js';

const running = new Set<ChildProcess>();

/**
 * Runs `command` and resolves to its standard output once it exits 0; rejects, naming
 * `label`, if it cannot start or exits otherwise. Its standard error goes to ours.
 */
export function runChild(label: string, [program, args]: Command): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { stdio: ['ignore', 'pipe', 'inherit'], detached: true });
    running.add(child);
    let stdout = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => (stdout += chunk));
    child.on('error', (error) => {
      running.delete(child);
      reject(new Error(`${label}: ${program} could not start (${error.message})`));
    });
    child.on('close', (code, signal) => {
      running.delete(child);
      if (code === 0) resolve(stdout);
      else reject(new Error(`${label} failed (${signal ?? `exit ${code}`})`));
    });
  });
}

/** The figures of the one JSON line a program printed last. */
export function lastJsonLine(stdout: string): Record<string, unknown> {
  const line = stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(line) as Record<string, unknown>;
}

/**
 * Ends the process group of every child still running; resolves once each has been reaped,
 * or after `graceMs` at the latest.
 */
export function stopChildren(graceMs = 500): Promise<void> {
  const closed = [...running].map((child) => new Promise<void>((resolve) => child.once('close', () => resolve())));
  for (const child of running) {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // It has exited since.
    }
  }
  running.clear();
  return Promise.race([Promise.all(closed).then(() => undefined), new Promise<void>((resolve) => setTimeout(resolve, graceMs).unref())]);
}
