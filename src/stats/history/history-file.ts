/**
 * A history as read from a file: its entries, the line each came from and the format it was
 * written in, and the error a line that cannot be read raises. The readers (jsonl.ts,
 * jepsen.ts) produce these; read.ts picks the reader.
 */
import type { HistoryEntry } from './entry.js';

/** The history formats msgsim reads. */
export type HistoryFormat = 'msgsim-jsonl' | 'jepsen-etcd-log' | 'jepsen-edn';

/** A history read from text. */
export interface History {
  readonly format: HistoryFormat;
  readonly entries: readonly HistoryEntry[];
  /** The 1-based line of each entry. */
  readonly lines: readonly number[];
}

/** A line of a history file that cannot be read; the message names the file and line. */
export class HistoryFileError extends Error {
  override readonly name = 'HistoryFileError';
  readonly file: string;
  /** The 1-based line, or 0 for the file as a whole. */
  readonly line: number;

  constructor(file: string, line: number, problem: string) {
    super(line > 0 ? `${file}:${line}: ${problem}` : `${file}: ${problem}`);
    this.file = file;
    this.line = line;
  }
}

/** The text's lines, without their line ends. */
export function textLines(text: string): string[] {
  return text.split(/\r?\n/);
}
