/**
 * The scenario file format, as one zod schema: it validates files, converts quantities to
 * base units, and generates the JSON Schema that editors use (`msgsim schema`), so the two
 * can never disagree. The parts live in fields/, the flows' in their patterns' definitions
 * (patterns/): the schema is made again when a pattern is registered. Cross-references
 * (unknown nodes, duplicates) are checked after this, in validate.ts.
 */
import * as z from 'zod';
import { FAULT_KINDS, faultSchema } from './fields/fault.js';
import { flowSchemaOf } from './fields/flow.js';
import { linkSchema } from './fields/link.js';
import { programFields } from './fields/program.js';
import { protocolFields } from './fields/protocol.js';
import { sweepSchema } from './fields/sweep.js';
import { topologySchema } from './fields/topology.js';
import { duration, expected, name, quantity, wholeNumber } from './fields/values.js';
import { onPatternRegistered, patterns } from './patterns/index.js';

export { NAME_PATTERN, showValue } from './fields/values.js';

/** Most nodes a scenario may have. */
export const MAX_NODES = 1_000_000;

/** The schema of the whole scenario file, with the flows of the patterns registered so far. */
function makeScenarioSchema() {
  return z
    .strictObject({
      name: name('scenario').meta({ description: 'Scenario name; results go to <out>/<name>/.' }),
      description: z.string().optional().meta({ description: 'Free text.' }),
      seed: wholeNumber('a seed (a whole number >= 0)', 0)
        .default(1)
        .meta({ description: 'Root seed of every random stream. Default 1.' }),
      until: duration.optional().meta({ description: 'Stop the run at this virtual time. Default: when no events remain.' }),
      max_events: wholeNumber('an event count (a whole number >= 1)', 1)
        .default(100_000_000)
        .meta({ description: 'Stop the run after this many events. Default 100000000.' }),
      header: quantity('size', { whole: true })
        .prefault('0B')
        .meta({ description: 'Header bytes added to every message on the wire, e.g. "40B". Default 0B.' }),
      codec: z
        .enum(['msgpack', 'json'], { error: expected('a codec (msgpack, json)') })
        .default('msgpack')
        .meta({ description: 'How messages are encoded: msgpack (compact, fast) or json (readable). Default msgpack.' }),
      nodes: z
        .union(
          [
            z.array(name('node')).min(1, { error: 'expected at least one node' }),
            wholeNumber(`a node count (1 to ${MAX_NODES})`, 1, MAX_NODES),
          ],
          { error: expected('a list of node names (e.g. [client, server]) or a node count (nodes n0, n1, …)') },
        )
        .meta({ description: 'Node names, or a count N for nodes n0 … n(N-1).' }),
      topology: topologySchema.optional(),
      links: z.array(linkSchema, { error: expected('a list of links') }).default([]),
      routing: z
        .enum(['hops', 'delay'], { error: expected('a routing metric (hops or delay)') })
        .default('hops')
        .meta({ description: 'Shortest path by hop count or by total propagation delay. Default hops.' }),
      flows: z.array(flowSchemaOf(patterns()), { error: expected('a list of flows') }).default([]),
      faults: z
        .array(faultSchema, { error: expected('a list of faults') })
        .default([])
        .meta({ description: `Faults on a timeline: ${FAULT_KINDS.join(', ')}.` }),
      ...protocolFields,
      ...programFields,
      sweep: sweepSchema.optional(),
    })
    .meta({ title: 'msgsim scenario', description: 'A msgsim scenario file (YAML or JSON).' });
}

/** The whole scenario file; made again (this binding changes) when a pattern is registered. */
export let scenarioSchema = makeScenarioSchema();
onPatternRegistered(() => {
  scenarioSchema = makeScenarioSchema();
});

/** A scenario file as the schema returns it (quantities in base units, defaults filled). */
export type ScenarioInput = z.output<typeof scenarioSchema>;

/** The JSON Schema of scenario files, generated from {@link scenarioSchema}. */
export function scenarioJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(scenarioSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}

/** The JSON Schema as text, as `msgsim schema` prints it and docs/scenario.schema.json stores it. */
export function scenarioJsonSchemaText(): string {
  return `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
}
