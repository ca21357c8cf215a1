/**
 * Maelstrom's unique-ids workload: every operation asks a node to `generate` an id, and the
 * node answers `generate_ok {id}` with an id of any JSON type. Its checker (stats/history/
 * checkers/unique-ids.ts) wants no id handed out twice, and every request answered.
 */
import { replyField, type ClientWorkload } from '../workload.js';

/** The unique-ids workload. */
export function uniqueIdsWorkload(): ClientWorkload {
  return {
    name: 'unique-ids',
    next: () => ({ f: 'generate', value: null }),
    finalOps: [],
    request: () => ({ type: 'generate' }),
    complete: (_op, reply) => replyField(reply, 'id', (value): value is unknown => value !== undefined, 'the id generated'),
    readOnly: new Set(),
  };
}
