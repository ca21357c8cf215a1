/**
 * The `sweep` section of a scenario: which parameters to vary (a grid, and lists varied
 * together), how many replications per point, and the seeds they use. A parameter is a path
 * into the scenario file (`links[0].loss`, `flows[0].size`) and its values are written as the
 * file would write them; every point is the file with those values put in, validated like any
 * scenario before anything runs.
 */
import seedrandom from 'seedrandom';
import { ScenarioError, type FieldPath } from './errors.js';
import { MAX_SWEEP_RUNS, sweepSchema } from './fields/sweep.js';
import { scenarioFromData } from './load.js';
import type { Scenario } from './scenario.js';

/** One parameter of a point: the path as written, and the value. */
export interface SweepParameter {
  readonly path: string;
  readonly value: unknown;
}

/** A point of a sweep: its parameters and the scenario they make. */
export interface SweepPoint {
  /** Number of the point, in sweep order (the grid's first parameter varies slowest). */
  readonly index: number;
  readonly parameters: readonly SweepParameter[];
  readonly scenario: Scenario;
}

/** The sequential stopping rule of a sweep. */
export interface StoppingRule {
  readonly flow: string;
  readonly metric: string;
  /** Target half-width of the 95% interval: absolute, or (relative) a fraction of the mean. */
  readonly halfWidth: number;
  readonly relative: boolean;
  readonly maxReplications: number;
}

/** A sweep: its points, replications and parameter paths. */
export interface Sweep {
  /** The scenario as written (its own seed, name and `sweep` section). */
  readonly name: string;
  readonly seed: number;
  /** Parameter paths, grid first, as result columns. */
  readonly parameters: readonly string[];
  readonly points: readonly SweepPoint[];
  /** Runs per point (with a stopping rule: the size of each batch, and the least). */
  readonly replications: number;
  /** Messages sent before this time are not measured, in seconds. */
  readonly warmupSeconds: number;
  /** Add replications until an interval is narrow enough, if given. */
  readonly untilCi?: StoppingRule;
}

/** Splits `links[0].loss` into ["links", 0, "loss"]; undefined if it is not a path. */
export function parsePath(path: string): FieldPath | undefined {
  if (!/^[A-Za-z_][A-Za-z0-9_]*(\[\d+\]|\.[A-Za-z_][A-Za-z0-9_]*)*$/.test(path)) return undefined;
  return [...path.matchAll(/([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]/g)].map((m) => (m[1] !== undefined ? m[1] : Number(m[2])));
}

/** A copy of `data` with `value` at `path` (whose parent must exist). */
function withValue(data: unknown, path: FieldPath, value: unknown, fail: (detail: string) => never): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  if (typeof head === 'number') {
    if (!Array.isArray(data) || head >= data.length) fail(`there is no element [${head}] to set`);
    const copy = [...(data as unknown[])];
    copy[head] = withValue(copy[head], rest, value, fail);
    return copy;
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) fail(`there is no mapping to set "${head}" in`);
  const record = data as Record<string, unknown>;
  if (rest.length > 0 && !(head! in record)) fail(`there is no "${head}" to go into`);
  return { ...record, [head!]: withValue(record[head!], rest, value, fail) };
}

/**
 * The seed of replication `r` of a sweep whose scenario seed is `seed`: the same at every
 * point (common random numbers, so points differ by their parameters, not their luck),
 * derived by name so it never depends on how many replications there are.
 */
export function replicationSeed(seed: number, replication: number): number {
  return Math.floor(seedrandom.alea(`${seed}/sweep/replication/${replication}`).double() * 2 ** 32);
}

/**
 * Expands a scenario file's data with a `sweep` section into its points, each validated;
 * undefined when there is no sweep. Throws {@link ScenarioError} for a bad sweep or point.
 */
export function expandSweep(data: object, file: string): Sweep | undefined {
  const raw = (data as Record<string, unknown>)['sweep'];
  if (raw === undefined) return undefined;
  const parsed = sweepSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ScenarioError(file, ['sweep', ...issue.path.filter((p): p is string | number => typeof p !== 'symbol')], issue.message);
  }
  const { grid, zip, replications, warmup, until_ci: untilCi } = parsed.data;
  const base: Record<string, unknown> = { ...(data as Record<string, unknown>) };
  delete base['sweep'];
  const gridEntries = Object.entries(grid);
  const zipEntries = Object.entries(zip);
  for (const [section, entries] of [['grid', gridEntries], ['zip', zipEntries]] as const) {
    for (const [path] of entries) {
      if (parsePath(path) === undefined) throw new ScenarioError(file, ['sweep', section, path], 'not a parameter path (e.g. "links[0].loss")');
    }
  }
  const zipLength = zipEntries.length === 0 ? 1 : zipEntries[0]![1].length;
  for (const [path, list] of zipEntries) {
    if (list.length !== zipLength) throw new ScenarioError(file, ['sweep', 'zip', path], `has ${list.length} values; zipped lists need the same length (${zipLength})`);
  }
  if (gridEntries.length + zipEntries.length === 0) throw new ScenarioError(file, ['sweep'], 'nothing to vary: give grid or zip parameters');
  const pointCount = gridEntries.reduce((product, [, list]) => product * list.length, zipLength);
  const perPoint = untilCi === undefined ? replications : untilCi.max_replications;
  if (pointCount * perPoint > MAX_SWEEP_RUNS) {
    const each = untilCi === undefined ? `${perPoint} replications` : `up to ${perPoint} replications (until_ci.max_replications)`;
    throw new ScenarioError(file, ['sweep'], `${pointCount} points × ${each} make ${pointCount * perPoint} runs, more than the limit of ${MAX_SWEEP_RUNS.toLocaleString('en-US')}`);
  }
  // Every combination of the grid (first parameter slowest), each with every zipped tuple.
  let combinations: SweepParameter[][] = [[]];
  for (const [path, list] of gridEntries) combinations = combinations.flatMap((done) => list.map((value) => [...done, { path, value }]));
  const tuples = Array.from({ length: zipLength }, (_, k) => zipEntries.map(([path, list]) => ({ path, value: list[k] })));
  const pointParameters = combinations.flatMap((done) => tuples.map((tuple) => [...done, ...tuple]));
  const points = pointParameters.map((parameters, index): SweepPoint => {
    let pointData: unknown = base;
    for (const { path, value } of parameters) {
      const section = gridEntries.some(([p]) => p === path) ? 'grid' : 'zip';
      pointData = withValue(pointData, parsePath(path)!, value, (detail) => {
        throw new ScenarioError(file, ['sweep', section, path], detail);
      });
    }
    try {
      return { index, parameters, scenario: scenarioFromData(pointData as object, file) };
    } catch (error) {
      if (!(error instanceof ScenarioError)) throw error;
      const where = parameters.map(({ path, value }) => `${path}=${JSON.stringify(value)}`).join(', ');
      throw new ScenarioError(file, error.path, `${error.detail} (at sweep point ${index}: ${where})`);
    }
  });
  const first = points[0]!.scenario;
  let rule: StoppingRule | undefined;
  if (untilCi !== undefined) {
    const flow = untilCi.flow ?? first.flows[0]?.name;
    if (flow === undefined || !first.flows.some((f) => f.name === flow)) {
      throw new ScenarioError(file, ['sweep', 'until_ci', 'flow'], flow === undefined ? 'the scenario has no flow to measure' : `no flow named "${flow}"`);
    }
    if (replications < 2) throw new ScenarioError(file, ['sweep', 'replications'], 'with until_ci, a batch needs at least 2 replications (an interval needs two runs)');
    if (untilCi.max_replications < replications) {
      throw new ScenarioError(file, ['sweep', 'until_ci', 'max_replications'], `is below replications (${replications})`);
    }
    rule = { flow, metric: untilCi.metric, halfWidth: untilCi.half_width.value, relative: untilCi.half_width.relative, maxReplications: untilCi.max_replications };
  }
  return {
    name: first.name,
    seed: first.seed,
    parameters: [...gridEntries.map(([path]) => path), ...zipEntries.map(([path]) => path)],
    points,
    replications,
    warmupSeconds: warmup,
    ...(rule === undefined ? {} : { untilCi: rule }),
  };
}
