/**
 * emulation.csv: the rows of {@link compareRuns} as CSV text, one per flow and metric
 * (columns in the README and docs/emulation.md).
 */
import { stringify } from 'csv-stringify/sync';
import { numberCell } from '../experiment/format.js';
import { EMULATION_COLUMNS, type ComparisonRow } from './compare.js';

/** The text of emulation.csv. */
export function emulationCsv(rows: readonly ComparisonRow[]): string {
  return stringify([
    [...EMULATION_COLUMNS],
    ...rows.map((row) => [
      row.flow,
      row.metric,
      numberCell(row.simulated),
      numberCell(row.emulated),
      numberCell(row.difference),
      numberCell(row.simulated === 0 ? NaN : Math.abs(row.difference) / Math.abs(row.simulated)),
      row.tolerance,
      String(row.ok),
      row.note,
    ]),
  ]);
}
