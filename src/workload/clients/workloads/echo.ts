/**
 * Maelstrom's echo workload: each operation sends `{ type: "echo", echo }` with a fresh
 * text, and the node must answer `echo_ok` with the same text. Its checker compares them.
 */
import type { ClientWorkload } from '../workload.js';
import { replyField } from '../workload.js';

/** The echo workload. */
export function echoWorkload(): ClientWorkload {
  return {
    name: 'echo',
    next: ({ random }) => ({ f: 'echo', value: `Please echo ${Math.floor(random.uniform() * 128)}` }),
    finalOps: [],
    request: (op) => ({ type: 'echo', echo: op.value }),
    complete: (_op, reply) => replyField(reply, 'echo', (value): value is unknown => value !== undefined, 'the echoed value'),
    readOnly: new Set(['echo']),
  };
}
