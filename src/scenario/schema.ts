/**
 * The scenario file format, as one zod schema: it validates files, converts quantities to
 * base units, and generates the JSON Schema that editors use (`msgsim schema`), so the
 * two can never disagree. Cross-references (unknown nodes, duplicates) are checked after
 * this, in validate.ts.
 */
import * as z from 'zod';
import { parseQuantity, quantityPattern, UNIT_EXAMPLES, unitsOf, type QuantityKind } from './units.js';

/** Names of nodes, links, flows and scenarios: they appear in file names and CSV cells. */
export const NAME_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;

/** Shows a user's value in an error message. */
export function showValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === undefined) return 'nothing';
  if (typeof value === 'object' && value !== null) return Array.isArray(value) ? 'a list' : 'a mapping';
  return String(value);
}

/** An error message function: "missing; expected X" or "<value> is not X". */
function expected(what: string) {
  return (issue: { input?: unknown }): string =>
    issue.input === undefined ? `missing; expected ${what}` : `${showValue(issue.input)} is not ${what}`;
}

const name = (what: string) => {
  const error = expected(`a ${what} name (letters, digits, _ . -)`);
  return z.string({ error }).regex(NAME_PATTERN, { error });
};

function notA(kind: QuantityKind) {
  return expected(`a ${kind} (e.g. "${UNIT_EXAMPLES[kind]}"; units: ${unitsOf(kind).join(' ')})`);
}

/** A quantity string converted to its base unit; `positive` rejects zero. */
function quantity(kind: QuantityKind, options: { positive?: boolean; whole?: boolean } = {}) {
  return z
    .string({ error: notA(kind) })
    .regex(quantityPattern(kind), { error: notA(kind) })
    .transform((text, context) => {
      const value = parseQuantity(text, kind)!;
      if (options.positive === true && !(value > 0)) {
        context.issues.push({ code: 'custom', input: text, message: `${showValue(text)} must be greater than zero` });
        return z.NEVER;
      }
      if (options.whole === true && !Number.isInteger(value)) {
        context.issues.push({ code: 'custom', input: text, message: `${showValue(text)} is not a whole number of bytes` });
        return z.NEVER;
      }
      return value;
    });
}

/** A duration: a quantity such as "10ms", or the number 0. */
const duration = z
  .union([z.literal(0), quantity('duration')], { error: notA('duration') })
  .meta({ description: 'A duration such as "10ms" (units: ns us ms s), or 0.' });

const probability = (what: string) => {
  const error = expected(`a ${what} (a number from 0 to 1)`);
  return z.number({ error }).min(0, { error }).max(1, { error });
};

const wholeNumber = (what: string, minimum: number) => {
  const error = expected(what);
  return z.number({ error }).int({ error }).min(minimum, { error }).max(Number.MAX_SAFE_INTEGER, { error });
};

const queueLimit = z
  .union(
    [
      wholeNumber('a message count', 0).transform((messages) => ({ messages })),
      quantity('size', { whole: true }).transform((bytes) => ({ bytes })),
    ],
    { error: expected('a queue capacity (a message count such as 100, or a size such as "64KiB")') },
  )
  .meta({ description: 'Capacity of each direction\'s queue: a message count (e.g. 100) or a size (e.g. "64KiB").' });

const linkSchema = z
  .strictObject({
    between: z
      .tuple([name('node'), name('node')], { error: expected('a pair of nodes, e.g. [client, server]') })
      .meta({ description: 'The two nodes the link joins.' }),
    name: name('link').optional().meta({ description: 'Link name. Default: "<a>-<b>".' }),
    bandwidth: quantity('bandwidth', { positive: true }).meta({
      description: 'Transmission rate of each direction, e.g. "10Mbps" (units: bps kbps Mbps Gbps Tbps, decimal).',
    }),
    delay: duration.meta({ description: 'Propagation delay, e.g. "10ms".' }),
    loss: probability('loss probability')
      .default(0)
      .meta({ description: 'Probability that a transmitted message is lost, from 0 to 1. Default 0.' }),
    queue: queueLimit.optional(),
  })
  .meta({ description: 'A full-duplex point-to-point link.' });

const p2pFlowSchema = z
  .strictObject({
    name: name('flow').meta({ description: 'Flow name, unique in the scenario.' }),
    pattern: z.literal('p2p').meta({ description: 'Point-to-point: one sender, one receiver.' }),
    from: name('node').meta({ description: 'Sending node.' }),
    to: name('node').meta({ description: 'Receiving node.' }),
    count: wholeNumber('a message count', 0).meta({ description: 'Number of messages to send.' }),
    size: quantity('size', { positive: true, whole: true }).meta({
      description: 'Size of each message on the wire (the message is padded to it), e.g. "1000B".',
    }),
    interval: duration.default(0).meta({
      description: 'Time between sends; 0 sends all at the start, back to back. Default 0.',
    }),
    start: duration.default(0).meta({ description: 'Time of the first send. Default 0.' }),
  })
  .meta({ description: 'A point-to-point flow.' });

const flowSchema = z.discriminatedUnion('pattern', [p2pFlowSchema], {
  error: (issue) => {
    const input = issue.input;
    if (typeof input !== 'object' || input === null || Array.isArray(input)) return expected('a flow (a mapping)')(issue);
    return expected('a pattern (p2p)')({ input: (input as { pattern?: unknown }).pattern });
  },
});

/** The whole scenario file. */
export const scenarioSchema = z
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
      .enum(['json'], { error: expected('a codec (json)') })
      .default('json')
      .meta({ description: 'How messages are encoded. Default json.' }),
    nodes: z
      .array(name('node'), { error: expected('a list of node names, e.g. [client, server]') })
      .min(1, { error: 'expected at least one node' })
      .meta({ description: 'Node names.' }),
    links: z.array(linkSchema, { error: expected('a list of links') }).default([]),
    flows: z.array(flowSchema, { error: expected('a list of flows') }).default([]),
  })
  .meta({ title: 'msgsim scenario', description: 'A msgsim scenario file (YAML or JSON).' });

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
