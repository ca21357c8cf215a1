/**
 * The echo workload's checker: every acknowledged echo returned exactly the text sent.
 */
import { pairOperations } from '../entry.js';
import { countRow, withEvidence, type CheckRow } from '../../checks/rows.js';
import { evidenceList, type CheckerInput } from './context.js';

/** Rows: echoes whose reply differs from the request (must be none). */
export function checkEcho({ history, subject }: CheckerInput): CheckRow[] {
  const wrong = pairOperations(history).filter((op) => op.outcome === 'ok' && JSON.stringify(op.output) !== JSON.stringify(op.input));
  const evidence = evidenceList(wrong.map((op) => `process ${op.process} sent ${JSON.stringify(op.input)}, got ${JSON.stringify(op.output)}`), 3);
  return [withEvidence(countRow(subject, 'wrong_echoes', wrong.length, 0, 'acknowledged echoes whose reply differs from the request'), evidence)];
}
