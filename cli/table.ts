/** Plain-text tables for the terminal: columns padded to their widest cell. */

import type { Column } from '../shared/metrics/tables';

export function table(columns: readonly Column[], rows: readonly (readonly string[])[], indent = '  '): string[] {
  const widths = columns.map((column, i) =>
    rows.reduce((widest, row) => Math.max(widest, (row[i] ?? '').length), column.header.length),
  );
  const line = (cells: readonly string[]) =>
    indent +
    cells
      .map((cell, i) => (columns[i]?.align === 'right' ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(columns.map((column) => column.header)), ...rows.map(line)];
}
