/**
 * The fields of a scenario that runs a Maelstrom-style program: `program` (the module whose
 * export sets up each node), `services` (nodes that run seq-kv, lin-kv or lww-kv instead),
 * `workload` (what clients do and how their history is checked) and `clients` (how many,
 * how fast, for how long).
 */
import * as z from 'zod';
import { TOPOLOGY_NAMES } from '../../workload/clients/topologies.js';
import { SERVICE_NAMES } from '../../workload/services/index.js';
import { moduleExport } from './protocol.js';
import { FRAME_FORMULAS } from '../../stats/history/checkers/frames.js';
import { targetsField } from './targets.js';
import { duration, expected, name, wholeNumber } from './values.js';

const kind = <K extends string>(value: K, description: string) =>
  z.literal(value, { error: expected('a workload kind') }).meta({ description });

/** The workload kinds, in the order docs list them. */
export const WORKLOAD_KINDS = ['echo', 'unique-ids', 'broadcast', 'g-counter', 'g-set', 'kafka', 'lin-kv'] as const;

/** What clients do, by kind, with each kind's options. */
export const workloadSchema = z
  .discriminatedUnion(
    'kind',
    [
      z.strictObject({ kind: kind('echo', 'Clients send text; nodes echo it back.'), targets: targetsField(false) }),
      z.strictObject({ kind: kind('unique-ids', 'Clients ask for ids; every id must be unique.'), targets: targetsField(false) }),
      z.strictObject({
        kind: kind('broadcast', 'Clients broadcast values and read them; every acknowledged value must reach every node.'),
        topology: z
          .enum(TOPOLOGY_NAMES, { error: expected(`a topology (${TOPOLOGY_NAMES.join(', ')})`) })
          .default('grid')
          .meta({ description: 'The topology offered to nodes in the `topology` message. Default grid.' }),
        frames: z
          .enum(FRAME_FORMULAS, { error: expected(`a broadcast method (${FRAME_FORMULAS.join(', ')})`) })
          .optional()
          .meta({ description: 'The method the protocol broadcasts by, so that frames sent are checked against its formula, exactly (with no loss and no faults).' }),
        targets: targetsField(true),
      }),
      z.strictObject({ kind: kind('g-counter', 'Clients add to a grow-only counter and read it; final reads must equal the sum of acknowledged adds.'), targets: targetsField(false) }),
      z.strictObject({ kind: kind('g-set', 'Clients add to a grow-only set and read it; every acknowledged add must be in the final reads.'), targets: targetsField(true) }),
      z.strictObject({
        kind: kind('kafka', 'Clients send to, poll and commit offsets of replicated logs.'),
        key_count: wholeNumber('a number of keys (1 to 1000)', 1, 1000)
          .default(10)
          .meta({ description: 'Keys in use at a time; a retired key is replaced by a fresh one. Default 10.' }),
        max_writes_per_key: wholeNumber('a number of sends (at least 1)', 1)
          .default(16)
          .meta({ description: 'Sends to a key before it retires (Maelstrom\'s --max-writes-per-key). Default 16.' }),
        targets: targetsField(false),
      }),
      z.strictObject({ kind: kind('lin-kv', 'Clients read, write and compare-and-set keys; the history must be linearizable.'), targets: targetsField(false) }),
    ],
    {
      error: (issue) => {
        const input = issue.input as { kind?: unknown } | undefined;
        return expected(`a workload kind (${WORKLOAD_KINDS.join(', ')})`)({ input: input?.kind });
      },
    },
  )
  .meta({ description: 'What the clients do, and how their history is checked.' });

/** A workload section as the schema returns it. */
export type WorkloadInput = z.output<typeof workloadSchema>;

const CONCURRENCY = expected('a number of clients (e.g. 5) or a number per node (e.g. "2n")');

/** `3` or `"2n"` (two per program node), as Maelstrom's --concurrency takes it. */
const concurrency = z
  .union([wholeNumber('a number of clients', 1, 100_000), z.string({ error: CONCURRENCY }).regex(/^[1-9][0-9]*n$/, { error: CONCURRENCY })], { error: CONCURRENCY })
  .default('1n')
  .meta({ description: 'Client threads, each one operation at a time: a number, or "<k>n" for k per program node. Default "1n".' });

export const clientsSchema = z
  .strictObject({
    concurrency,
    rate: z
      .number({ error: expected('operations per second (a number > 0)') })
      .positive({ error: expected('operations per second (a number > 0)') })
      .finite({ error: expected('operations per second (a number > 0)') })
      .default(5)
      .meta({ description: 'Operations per second over all clients. Default 5.' }),
    duration: duration.default(10).meta({ description: 'Operations start until this time. Default 10s.' }),
    timeout: duration.default(5).meta({ description: 'An operation without a reply after this long is recorded as info (outcome unknown). Default 5s.' }),
    recovery: duration.default(10).meta({ description: 'Wait after `duration` before the final operations (final reads). Default 10s.' }),
    nodes: z
      .array(name('node'), { error: expected('a list of node names') })
      .min(1, { error: 'expected at least one node' })
      .optional()
      .meta({ description: 'The nodes clients talk to: client i talks to the i-th (cyclically). Default: every program node.' }),
  })
  .meta({ description: 'How many clients run the workload, how fast and for how long.' });

export const programFields = {
  program: moduleExport
    .optional()
    .meta({ description: 'A Maelstrom-style program of your own (a function node => void that registers handlers), run on every node that is not a service.' }),
  services: z
    .array(z.enum(SERVICE_NAMES, { error: expected(`a service (${SERVICE_NAMES.join(', ')})`) }), { error: expected('a list of services') })
    .default([])
    .meta({ description: `Services the program can call, each on the node of its name (${SERVICE_NAMES.join(', ')}): list that node in \`nodes\`.` }),
  workload: workloadSchema.optional(),
  clients: clientsSchema.prefault({}),
};
