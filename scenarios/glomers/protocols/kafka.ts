/**
 * Challenge 5a, single-node Kafka-style log: append-only logs by key. `send` appends a
 * message at the key's next offset (0, 1, 2, …) and answers that offset; `poll` answers,
 * per key asked, the messages from the offset asked on, in offset order (at most
 * `POLL_LIMIT` a key: a poll may return any number of contiguous messages); `commit_offsets`
 * raises each key's committed offset (never lowers it); `list_committed_offsets` answers
 * the committed offsets of the keys asked that have one.
 *
 * `naive` sets a key's committed offset to whatever was committed last, so a client that
 * commits an older offset after another committed a newer one moves it back, and a client
 * that lists committed offsets sees them go backwards.
 */
import type { NodeSetup } from '../../../src/index.js';

/** Most messages a poll returns for one key. */
export const POLL_LIMIT = 20;

type Offsets = Record<string, number>;

/** Logs and committed offsets in memory; `raise` decides how a commit changes an offset. */
function kafka(raise: (current: number | undefined, committed: number) => number): NodeSetup {
  return (node) => {
    const logs = new Map<string, unknown[]>();
    const committed = new Map<string, number>();
    node.on('send', (req) => {
      const key = String(req.body['key']);
      let log = logs.get(key);
      if (log === undefined) logs.set(key, (log = []));
      log.push(req.body['msg']);
      node.reply(req, { type: 'send_ok', offset: log.length - 1 });
    });
    node.on('poll', (req) => {
      const msgs: Record<string, [number, unknown][]> = {};
      for (const [key, from] of Object.entries(req.body['offsets'] as Offsets)) {
        const log = logs.get(key) ?? [];
        const start = Math.max(0, from);
        const slice = log.slice(start, start + POLL_LIMIT).map((msg, i): [number, unknown] => [start + i, msg]);
        if (slice.length > 0) msgs[key] = slice;
      }
      node.reply(req, { type: 'poll_ok', msgs });
    });
    node.on('commit_offsets', (req) => {
      for (const [key, offset] of Object.entries(req.body['offsets'] as Offsets)) committed.set(key, raise(committed.get(key), offset));
      node.reply(req, { type: 'commit_offsets_ok' });
    });
    node.on('list_committed_offsets', (req) => {
      const offsets: Offsets = {};
      for (const key of req.body['keys'] as string[]) {
        const offset = committed.get(key);
        if (offset !== undefined) offsets[key] = offset;
      }
      node.reply(req, { type: 'list_committed_offsets_ok', offsets });
    });
  };
}

/** Committed offsets only rise. */
export default kafka((current, offset) => Math.max(current ?? offset, offset));

/** The last commit wins (fails: committed offsets go backwards). */
export const naive: NodeSetup = kafka((_current, offset) => offset);
