/**
 * The client workloads by kind, as scenario files name them. Each takes the options of its
 * `workload` section (already validated by the scenario schema).
 */
import type { TopologyName } from '../topologies.js';
import type { ClientWorkload } from '../workload.js';
import { broadcastWorkload } from './broadcast.js';
import { echoWorkload } from './echo.js';
import { gCounterWorkload } from './g-counter.js';
import { gSetWorkload } from './g-set.js';
import { kafkaWorkload } from './kafka.js';
import { linKvWorkload } from './lin-kv.js';
import { uniqueIdsWorkload } from './unique-ids.js';

/** A workload section: its kind and that kind's options. */
export interface WorkloadSpec {
  readonly kind: string;
  readonly [option: string]: unknown;
}

/** Makes each kind's workload from its section. */
const FACTORIES: Readonly<Record<string, (spec: WorkloadSpec) => ClientWorkload>> = {
  echo: () => echoWorkload(),
  broadcast: (spec) => broadcastWorkload({ topology: (spec['topology'] as TopologyName | undefined) ?? 'grid' }),
  'unique-ids': () => uniqueIdsWorkload(),
  'g-counter': () => gCounterWorkload(),
  'g-set': () => gSetWorkload(),
  kafka: (spec) => kafkaWorkload({ keyCount: (spec['key_count'] as number | undefined) ?? 10, maxWritesPerKey: (spec['max_writes_per_key'] as number | undefined) ?? 16 }),
  'lin-kv': () => linKvWorkload(),
};

/** Whether msgsim has a workload of this kind. */
export function hasWorkload(kind: string): boolean {
  return kind in FACTORIES;
}

/** The workload a section describes (a fresh one: workloads keep state, such as the next value). */
export function workloadOf(spec: WorkloadSpec): ClientWorkload {
  const factory = FACTORIES[spec.kind];
  if (factory === undefined) throw new RangeError(`no workload of kind "${spec.kind}"`);
  return factory(spec);
}
