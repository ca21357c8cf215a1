/**
 * The lin-kv workload's checker, as Jepsen's independent linearizable checker judges it:
 * each key's operations on their own (Herlihy and Wing's locality: the history is
 * linearizable iff every key's is) against a compare-and-set register, initially nil. A key
 * that is not linearizable is reported with the operations that cannot come next after the
 * longest linearizable prefix the search found.
 */
import { countRow, infoRow, withEvidence, type CheckRow } from '../../checks/rows.js';
import { checkLinearizable, type LinearizabilityResult } from '../check.js';
import type { HistoryEntry } from '../entry.js';
import { casRegisterModel } from '../models.js';
import { describeOperation } from '../report.js';
import { evidenceList, type CheckerInput } from './context.js';

/** Each key's entries, keys in order of first appearance (entries without a key are left out). */
function byKey(history: readonly HistoryEntry[]): Map<string | number, HistoryEntry[]> {
  const keys = new Map<string | number, HistoryEntry[]>();
  for (const entry of history) {
    if (entry.key === undefined) continue;
    const entries = keys.get(entry.key);
    if (entries === undefined) keys.set(entry.key, [entry]);
    else entries.push(entry);
  }
  return keys;
}

/** Why a key is not linearizable, in a line: where the prefix ends and what cannot follow. */
function explain(key: string | number, result: Extract<LinearizabilityResult, { verdict: 'not-linearizable' }>): string {
  const { prefix, state, next } = result.counterexample;
  const refused = next.filter((candidate) => candidate.refused);
  const blocked = (refused.length > 0 ? refused : next).map((candidate) => describeOperation(candidate.operation));
  const after = prefix.length === 0 ? 'from the start' : `after ${prefix.length} ops (last: ${describeOperation(prefix[prefix.length - 1]!)})`;
  return `key ${JSON.stringify(key)}: ${after}, state ${state}, none of [${blocked.slice(0, 4).join('; ')}${blocked.length > 4 ? '; …' : ''}] can come next`;
}

/** Rows: keys whose operations are not linearizable, and keys the search could not decide (both must be none). */
export function checkLinKv({ history, subject }: CheckerInput): CheckRow[] {
  const bad: string[] = [];
  const undecided: (string | number)[] = [];
  const keys = byKey(history);
  for (const [key, entries] of keys) {
    const result = checkLinearizable(entries, casRegisterModel);
    if (result.verdict === 'not-linearizable') bad.push(explain(key, result));
    else if (result.verdict === 'undecided') undecided.push(key);
  }
  return [
    withEvidence(countRow(subject, 'nonlinearizable_keys', bad.length, 0, 'keys whose operations are not linearizable (cas register, initially nil)'), evidenceList(bad, 2)),
    withEvidence(countRow(subject, 'undecided_keys', undecided.length, 0, 'keys whose linearizability search ran out of steps'), evidenceList(undecided)),
    infoRow(subject, 'keys', keys.size, 'keys operated on'),
  ];
}
