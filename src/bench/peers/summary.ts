/**
 * The arithmetic of `npm run bench:peers`, apart from running anything: the best-of sides of
 * a round, each side's ratio to msgsim within its round, and over all rounds each side's
 * median rate and the median, least and greatest of its ratios, as table rows and CSV rows.
 *
 * Ratios are taken within a round (msgsim's rate that round over the side's that round) and
 * only then summarised, so that a round the whole machine ran slow moves both rates together
 * and leaves its ratio alone.
 */
import { median, readable } from '../format.js';
import { MODELS, MSGSIM, type BestOf, type Model } from './sides.js';

/** One side's rate in one round. */
export interface Observation {
  /** From 1. */
  readonly round: number;
  readonly model: Model;
  readonly side: string;
  /** Events or messages per wall-clock second (the model's unit). */
  readonly rate: number;
}

/** An observation beside msgsim's of the same model and round. */
export interface Compared extends Observation {
  /** msgsim's rate over this side's; undefined for msgsim's own. */
  readonly ratio: number | undefined;
}

/**
 * One round's observations with its best-of sides added (each right after the last side it
 * chooses from), every one compared with msgsim's. Each model of the round must have
 * msgsim's observation and every side a best-of names.
 */
export function compareRound(round: readonly Observation[], best: readonly BestOf[]): Compared[] {
  const rows: Observation[] = [...round];
  for (const group of best) {
    const chosen = rows.filter((row) => row.model === group.model && group.of.includes(row.side));
    if (chosen.length !== group.of.length) throw new Error(`${group.name} chooses from ${group.of.join(', ')}; the round has ${chosen.length} of them`);
    const fastest = chosen.reduce((a, b) => (b.rate > a.rate ? b : a));
    rows.splice(rows.indexOf(chosen[chosen.length - 1]!) + 1, 0, { ...fastest, side: group.name });
  }
  return rows.map((row) => {
    if (row.side === MSGSIM) return { ...row, ratio: undefined };
    const own = rows.find((other) => other.model === row.model && other.side === MSGSIM);
    if (own === undefined) throw new Error(`round ${row.round} has no ${MSGSIM} figure for ${row.model}`);
    return { ...row, ratio: own.rate / row.rate };
  });
}

/** A side over all rounds. */
export interface SummaryRow {
  readonly model: Model;
  readonly side: string;
  /** Median of its rates over the rounds. */
  readonly rate: number;
  /** Its rates in round order. */
  readonly rates: readonly number[];
  /** Median, least and greatest of its per-round ratios; undefined for msgsim's own. */
  readonly ratio: { readonly median: number; readonly min: number; readonly max: number } | undefined;
}

/** Each side (in the order of their first appearance) summarised over `rounds`. */
export function summarise(rounds: readonly (readonly Compared[])[]): SummaryRow[] {
  const sides = new Map<string, Compared[]>();
  for (const row of rounds.flat()) {
    const key = `${row.model}\n${row.side}`;
    sides.set(key, [...(sides.get(key) ?? []), row]);
  }
  return [...sides.values()].map((rows) => {
    const ratios = rows.flatMap((row) => (row.ratio === undefined ? [] : [row.ratio]));
    const rates = rows.map((row) => row.rate);
    return {
      model: rows[0]!.model,
      side: rows[0]!.side,
      rate: median(rates),
      rates,
      ratio: ratios.length === 0 ? undefined : { median: median(ratios), min: Math.min(...ratios), max: Math.max(...ratios) },
    };
  });
}

/** The summary as table rows, header first; `work` says what one run of a side does. */
export function summaryTable(rows: readonly SummaryRow[], work: (model: Model, side: string) => string): string[][] {
  return [
    ['model', 'side', 'one run', 'median rate', `${MSGSIM} ÷ side`, 'min–max'],
    ...rows.map((row) => [
      row.model,
      row.side,
      work(row.model, row.side),
      `${readable(row.rate, '')} ${MODELS[row.model].unit}`,
      row.ratio === undefined ? '-' : readable(row.ratio.median, 'x'),
      row.ratio === undefined ? '-' : `${row.ratio.min.toFixed(2)}–${readable(row.ratio.max, 'x')}`,
    ]),
  ];
}

/** Every round's observations as CSV rows (round,model,side,rate,unit,msgsim_ratio), header first. */
export function csvRows(rounds: readonly (readonly Compared[])[]): string[][] {
  return [
    ['round', 'model', 'side', 'rate', 'unit', 'msgsim_ratio'],
    ...rounds.flat().map((row) => [String(row.round), row.model, row.side, String(row.rate), MODELS[row.model].unit, row.ratio === undefined ? '' : String(row.ratio)]),
  ];
}
