/**
 * Reading a scenario: YAML (or JSON, which YAML includes) text → schema → cross-checks →
 * {@link Scenario}. Every problem becomes a {@link ScenarioError} naming the file, the line
 * when it is known, the field path and what was expected. This module reads no files: the
 * caller passes the text and the name to show.
 */
import { dirname, isAbsolute, resolve } from 'node:path';
import { isMap, LineCounter, parseDocument, type Document } from 'yaml';
import type * as z from 'zod';
import { locatedMessage, ScenarioError, type FieldPath } from './errors.js';
import { scenarioJsonSchema, scenarioSchema, showValue } from './schema.js';
import type { Scenario } from './scenario.js';
import { closest } from './suggest.js';
import { validateScenario } from './validate.js';
import { scenarioWarnings } from './warnings.js';

/** Parses and validates scenario text; throws {@link ScenarioError} on any mistake. */
export function parseScenario(text: string, file: string): Scenario {
  const { data, locate } = readDocument(text, file);
  return scenarioFromData(data, file, locate);
}

/**
 * Like {@link parseScenario}, with the warnings about the scenario (see warnings.ts), each
 * a line "file:line: path: detail", and the file's data as parsed (for its sweep and replay
 * file, so the text is parsed once).
 */
export function readScenario(text: string, file: string): { scenario: Scenario; warnings: string[]; data: object } {
  const { data, locate } = readDocument(text, file);
  const scenario = scenarioFromData(data, file, locate);
  const warnings = scenarioWarnings(scenario).map(({ path, detail }) => locatedMessage(file, path, detail, locate(path)));
  return { scenario, warnings, data };
}

/** The data of scenario text (a mapping), unvalidated; throws {@link ScenarioError} on bad YAML. */
export function scenarioData(text: string, file: string): object {
  return readDocument(text, file).data;
}

/**
 * The largest scenario file read, in bytes: far beyond any scenario written by hand or
 * generated (40,000 explicit links take about 2.5 MB), and parsed within seconds.
 */
export const MAX_SCENARIO_BYTES = 16 * 1024 * 1024;

/** How many nodes YAML aliases may expand to in all, against alias bombs. */
export const MAX_ALIAS_NODES = 1000;

function readDocument(text: string, file: string): { data: object; locate: (path: FieldPath) => number | undefined } {
  if (text.length > MAX_SCENARIO_BYTES) {
    throw new ScenarioError(file, [], `is ${(text.length / 1024 / 1024).toFixed(1)} MiB; scenario files are limited to ${MAX_SCENARIO_BYTES / 1024 / 1024} MiB`);
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  const syntaxError = doc.errors[0];
  if (syntaxError !== undefined) {
    const line = lines.linePos(syntaxError.pos[0]).line;
    const detail = syntaxError.code === 'DUPLICATE_KEY' ? `the key ${keyAt(text, syntaxError.pos[0])} appears twice in one mapping` : firstLine(syntaxError.message);
    throw new ScenarioError(file, [], `invalid YAML: ${detail}`, line);
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_NODES });
  } catch (error) {
    // The yaml package refuses aliases that would expand past the count with a ReferenceError.
    if (!(error instanceof ReferenceError) || !/alias/i.test(error.message)) throw error;
    throw new ScenarioError(file, [], `YAML aliases expand too far (more than ${MAX_ALIAS_NODES} aliased nodes; the limit guards against alias bombs)`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new ScenarioError(file, [], `expected a scenario (a mapping with name, nodes, links, flows), got ${showValue(data === null ? undefined : data)}`);
  }
  return { data, locate: (path) => lineOf(doc, lines, path) };
}

/**
 * Validates scenario data (what a scenario file parses to) into a {@link Scenario}; module
 * paths are resolved relative to the directory of `file`. Throws {@link ScenarioError}.
 */
export function scenarioFromData(data: object, file: string, locate: (path: FieldPath) => number | undefined = () => undefined): Scenario {
  const parsed = scenarioSchema.safeParse(withAbsoluteModules(data, dirname(file)), { reportInput: true });
  if (!parsed.success) {
    const [path, detail] = describeIssue(innermost(firstIssue(parsed.error.issues, locate), locate), data);
    throw new ScenarioError(file, path, detail, locate(path));
  }
  return validateScenario(parsed.data, (path, detail) => {
    throw new ScenarioError(file, path, detail, locate(path));
  });
}

/** Scenario data with the module paths it names made absolute (relative to `base`). */
export function withAbsoluteModules(data: object, base: string): Record<string, unknown> {
  const absolute = (ref: unknown): unknown => {
    const module = (ref as { module?: unknown } | null)?.module;
    // Anything else is left for validation to report.
    if (typeof ref !== 'object' || typeof module !== 'string' || module === '') return ref;
    return { ...ref, module: isAbsolute(module) ? module : resolve(base, module) };
  };
  const copy: Record<string, unknown> = { ...(data as Record<string, unknown>) };
  if (copy['protocol'] !== undefined) copy['protocol'] = absolute(copy['protocol']);
  if (copy['program'] !== undefined) copy['program'] = absolute(copy['program']);
  if (Array.isArray(copy['invariants'])) copy['invariants'] = copy['invariants'].map(absolute);
  return copy;
}

/**
 * The issue to report: unknown keys first (a misspelt key also makes its field "missing",
 * and the misspelling is the real mistake), then whatever comes first in the file.
 */
function firstIssue(issues: readonly z.core.$ZodIssue[], locate: (path: FieldPath) => number | undefined): z.core.$ZodIssue {
  const rank = (issue: z.core.$ZodIssue): [number, number] => [
    issue.code === 'unrecognized_keys' ? 0 : 1,
    locate(issuePath(issue)) ?? Infinity,
  ];
  let best = issues[0]!;
  let bestRank = rank(best);
  for (const issue of issues.slice(1)) {
    const issueRank = rank(issue);
    if (issueRank[0] < bestRank[0] || (issueRank[0] === bestRank[0] && issueRank[1] < bestRank[1])) {
      best = issue;
      bestRank = issueRank;
    }
  }
  return best;
}

function issuePath(issue: z.core.$ZodIssue): FieldPath {
  const path = issue.path.filter((part): part is string | number => typeof part !== 'symbol');
  return issue.code === 'unrecognized_keys' ? [...path, issue.keys[0]!] : path;
}

/**
 * For a value that matches no alternative of a union, the issue inside the one alternative
 * of its shape (a mapping given where a number or a mapping may go is a bad mapping, so the
 * mapping's own issue names the field at fault); otherwise the issue itself.
 */
function innermost(issue: z.core.$ZodIssue, locate: (path: FieldPath) => number | undefined): z.core.$ZodIssue {
  if (issue.code !== 'invalid_union') return issue;
  const input = (issue as { input?: unknown }).input;
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return issue;
  const shaped = issue.errors.filter((branch) => branch.length > 0 && !branch.some((inner) => inner.path.length === 0 && (inner.code === 'invalid_type' || inner.code === 'invalid_union')));
  if (shaped.length !== 1) return issue;
  const inner = firstIssue(shaped[0]!.map((i) => ({ ...i, path: [...issue.path, ...i.path] })), locate);
  return innermost(inner, locate);
}

/** Path and one-line description of a schema issue. */
function describeIssue(issue: z.core.$ZodIssue, data: object): [FieldPath, string] {
  const path = issuePath(issue);
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0]!;
    const known = knownKeys(path.slice(0, -1), data);
    const suggestion = closest(key, known);
    const hint = suggestion === undefined ? '' : ` (did you mean "${suggestion}"?)`;
    return [path, `unknown key${hint}; expected one of: ${known.join(', ')}`];
  }
  return [path, issue.message];
}

/** Keys the JSON Schema allows in the mapping at `path`. */
function knownKeys(path: FieldPath, data: object): string[] {
  let schema: Record<string, unknown> | undefined = scenarioJsonSchema();
  let value: unknown = data;
  for (const part of path) {
    if (schema === undefined) return [];
    schema = pickVariant(schema, value);
    schema = (typeof part === 'number' ? schema['items'] : (schema['properties'] as Record<string, unknown> | undefined)?.[part]) as
      | Record<string, unknown>
      | undefined;
    value = (value as Record<string | number, unknown> | undefined)?.[part];
  }
  if (schema === undefined) return [];
  return Object.keys((pickVariant(schema, value)['properties'] as object | undefined) ?? {});
}

/**
 * For a oneOf/anyOf schema, the variant the value is meant for: the mapping whose `pattern`
 * constant matches, or for a mapping the one variant that is a mapping.
 */
function pickVariant(schema: Record<string, unknown>, value: unknown): Record<string, unknown> {
  const variants = (schema['oneOf'] ?? schema['anyOf']) as Record<string, unknown>[] | undefined;
  if (variants === undefined) return schema;
  const pattern = (value as { pattern?: unknown } | undefined)?.pattern;
  const match = variants.find((variant) => {
    const property = (variant['properties'] as Record<string, { const?: unknown }> | undefined)?.['pattern'];
    return property !== undefined && property.const === pattern;
  });
  const mappings = variants.filter((variant) => variant['type'] === 'object');
  return match ?? (typeof value === 'object' && value !== null && mappings.length === 1 ? mappings[0]! : variants[0]!);
}

/** 1-based line of the node at `path` (of its key, for a missing value's parent chain). */
function lineOf(doc: Document, lines: LineCounter, path: FieldPath): number | undefined {
  for (let depth = path.length; depth >= 0; depth--) {
    const parentPath = path.slice(0, depth - 1);
    const last = path[depth - 1];
    if (depth > 0 && typeof last === 'string') {
      const parent = doc.getIn(parentPath, true);
      if (isMap(parent)) {
        const pair = parent.items.find((item) => (item.key as { value?: unknown } | null)?.value === last);
        const range = (pair?.key as { range?: [number, number, number] } | null)?.range;
        if (range !== undefined) return lines.linePos(range[0]).line;
      }
    }
    const node = doc.getIn(path.slice(0, depth), true) as { range?: [number, number, number] } | undefined;
    if (node?.range !== undefined) return lines.linePos(node.range[0]).line;
  }
  return undefined;
}

/** The key written at `offset` of the text, quoted as the file has it. */
function keyAt(text: string, offset: number): string {
  const key = /^("(?:[^"\\]|\\.)*"|'[^']*'|[^:\s,{}[\]]+)/.exec(text.slice(offset, offset + 200))?.[1];
  return key === undefined ? 'at this place' : key.startsWith('"') || key.startsWith("'") ? key : `"${key}"`;
}

function firstLine(text: string): string {
  return text.split('\n')[0]!.trim();
}
