/**
 * Plain-text tables for the terminal: columns padded to their widest cell, numbers
 * right-aligned.
 */

/** Formats rows (the first is the header) as aligned text lines, indented by `indent`. */
export function formatTable(rows: readonly (readonly string[])[], indent = '  '): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  const numeric = widths.map((_, i) => rows.slice(1).every((row) => /^-?[0-9.,]+(e-?\d+)?$|^$/.test(row[i] ?? '')));
  return rows
    .map((row) =>
      indent +
      row
        .map((cell, i) => (numeric[i] && rows.indexOf(row) > 0 ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
