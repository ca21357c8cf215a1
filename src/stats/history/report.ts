/**
 * A linearizability verdict as a few readable lines: the verdict with its counts, and for a
 * history that is not linearizable the end of the longest linearizable prefix found, the
 * state it leaves, and the operations that cannot come next — each with its process,
 * function, values, outcome and where it is in the history (lines, or times).
 */
import type { Operation } from './entry.js';
import type { LinearizabilityResult } from './check.js';

/** How many operations of the prefix a report shows (its end). */
export const PREFIX_SHOWN = 8;

/** Options of {@link formatLinearizability}. */
export interface FormatLinearizabilityOptions {
  /** What the history is called in the first line. @default "history" */
  readonly name?: string;
  /** The source line of an entry (by its index in the history), to say where operations are. */
  readonly lineOf?: (index: number) => number;
}

/** The report of a verdict, one string per line. */
export function formatLinearizability(result: LinearizabilityResult, options: FormatLinearizabilityOptions = {}): string[] {
  const name = options.name ?? 'history';
  const counts = `${result.operations} operation${result.operations === 1 ? '' : 's'}, ${result.unknown} with unknown outcome${result.partitions > 1 ? `, ${result.partitions} keys` : ''}; ${result.steps} search steps`;
  if (result.verdict === 'linearizable') return [`${name}: linearizable under the ${result.model} model (${counts})`];
  if (result.verdict === 'undecided') {
    const where = result.key === undefined ? '' : ` (key ${JSON.stringify(result.key)})`;
    return [`${name}: undecided under the ${result.model} model: the search ran out of steps${where} (${counts}); allow more with --max-steps`];
  }
  const { counterexample: example } = result;
  const where = example.key === undefined ? '' : ` at key ${JSON.stringify(example.key)}`;
  const lines = [`${name}: not linearizable under the ${result.model} model${where} (${counts})`];
  const shown = example.prefix.slice(-PREFIX_SHOWN);
  const of = example.key === undefined ? `${example.operations}` : `the key's ${example.operations}`;
  if (example.prefix.length === 0) lines.push(`  no operation of ${of} can be linearized first`);
  else lines.push(`  longest linearizable prefix: ${example.prefix.length} of ${of} operations${shown.length < example.prefix.length ? `; its last ${shown.length}` : ''}:`);
  const rows = shown.map((operation) => [describeOperation(operation), placeOf(operation, options.lineOf), '']);
  const refused = example.next.filter((next) => next.refused);
  const blocked = refused.length > 0 ? refused : example.next;
  const nextRows = blocked.map(({ operation, refused: no }) => [describeOperation(operation), placeOf(operation, options.lineOf), no ? 'refused in this state' : 'fits, but nothing can follow']);
  const width = Math.max(0, ...[...rows, ...nextRows].map((row) => row[0]!.length));
  const placeWidth = Math.max(0, ...[...rows, ...nextRows].map((row) => row[1]!.length));
  const render = (row: string[]): string => `    ${row[0]!.padEnd(width)}  ${row[1]!.padEnd(placeWidth)}  ${row[2]}`.trimEnd();
  lines.push(...rows.map(render));
  lines.push(`  then the state is ${example.state}, and none of these can be linearized next:`);
  lines.push(...nextRows.map(render));
  return lines;
}

/** An operation as `process 3 cas [1,2] -> ok`, `process 0 read -> 4`, `process 2 append key "1" "x" -> unknown`. */
export function describeOperation(operation: Operation): string {
  const parts = [`process ${operation.process}`, operation.f];
  if (operation.key !== undefined) parts.push(`key ${JSON.stringify(operation.key)}`);
  if (operation.input !== null && operation.input !== undefined) parts.push(JSON.stringify(operation.input));
  const returned = operation.outcome === 'ok' && (operation.input === null || operation.input === undefined) ? JSON.stringify(operation.output ?? null) : operation.outcome;
  return `${parts.join(' ')} -> ${returned}`;
}

/** Where an operation is: its lines (or entries), and its times when the history has them. */
function placeOf(operation: Operation, lineOf: ((index: number) => number) | undefined): string {
  const [one, many, at] = lineOf === undefined ? ['entry', 'entries', (index: number) => index + 1] : ['line', 'lines', lineOf];
  const start = at(operation.invokeIndex);
  let place: string;
  if (operation.returnIndex !== Infinity) place = `${many} ${start}-${at(operation.returnIndex)}`;
  else if (operation.infoIndex !== undefined) place = `${many} ${start}-${at(operation.infoIndex)} (info)`;
  else place = `${one} ${start}, never completed`;
  if (operation.invokeTime === undefined) return place;
  return `${place}, t=${operation.invokeTime}${operation.returnTime === undefined ? '' : `-${operation.returnTime}`} s`;
}
