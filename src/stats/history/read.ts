/**
 * Reading a history file whatever its format: msgsim's history.jsonl, a Jepsen etcd log or
 * a Jepsen EDN history, told apart by their first lines (a JSON object, an EDN map, a
 * jepsen.util log line), and the model each Jepsen format is checked against by default.
 */
import { HistoryFileError, textLines, type History, type HistoryFormat } from './history-file.js';
import { isEtcdLogLine, parseJepsenEdn, parseJepsenEtcdLog } from './jepsen.js';
import { HISTORY_JSONL_DESCRIPTION, parseHistoryJsonl } from './jsonl.js';

/** The reader of each format. */
const READERS: { readonly [F in HistoryFormat]: (text: string, file: string) => History } = {
  'msgsim-jsonl': parseHistoryJsonl,
  'jepsen-etcd-log': parseJepsenEtcdLog,
  'jepsen-edn': parseJepsenEdn,
};

/** The model a format's histories are checked against when none is named (none for msgsim's own). */
export const DEFAULT_MODEL_OF_FORMAT: { readonly [F in HistoryFormat]: string | undefined } = {
  'msgsim-jsonl': undefined,
  'jepsen-etcd-log': 'cas-register',
  'jepsen-edn': 'kv',
};

/** Lines looked at for a log line before the text is taken for no etcd log. */
const SNIFF_LINES = 50;

/** The format of a history text, from its first lines; undefined when it is none msgsim reads. */
export function detectHistoryFormat(text: string): HistoryFormat | undefined {
  const lines = textLines(text);
  const first = lines.find((line) => line.trim() !== '');
  if (first === undefined) return undefined;
  if (/^\s*\{\s*"/.test(first)) return 'msgsim-jsonl';
  if (/^\s*\{\s*:/.test(first)) return 'jepsen-edn';
  if (lines.slice(0, SNIFF_LINES).some(isEtcdLogLine)) return 'jepsen-etcd-log';
  return undefined;
}

/**
 * Reads a history in any format msgsim knows (detected when not given); `file` names it in
 * errors. Throws {@link HistoryFileError} for a line it cannot read or a text with no entries.
 */
export function readHistory(text: string, file: string, format: HistoryFormat | undefined = detectHistoryFormat(text)): History {
  if (format === undefined) {
    throw new HistoryFileError(file, 0, `not a history; expected ${HISTORY_JSONL_DESCRIPTION}, a Jepsen etcd log (INFO  jepsen.util - 3 :invoke :write 4) or Jepsen EDN ({:process 0, :type :invoke, :f :get, ...})`);
  }
  const history = READERS[format](text, file);
  if (history.entries.length === 0) throw new HistoryFileError(file, 0, 'no operations in the file; expected at least one invocation');
  return history;
}
