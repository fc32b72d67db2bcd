/**
 * The plan as CSV, for a spreadsheet or a tracker: every idea ranked, with its votes and voters,
 * status, owner, due date (YYYY-MM-DD) and expected effect. Written by papaparse (RFC 4180 quoting).
 * A cell that a spreadsheet would run as a formula (it starts with = + - @, a tab or a carriage
 * return) gets a leading apostrophe, as OWASP advises against CSV injection. The file starts with a
 * byte order mark, without which Excel reads UTF-8 as the machine's code page ("Kéller" as "KÃ©ller").
 */
import Papa from 'papaparse';
import { planRows } from '../../shared/metrics/plan';
import type { VsmDocument } from '../../shared/model/schema';

export const PLAN_COLUMNS = [
  'rank',
  'idea',
  'step',
  'capability',
  'votes',
  'voters',
  'status',
  'owner',
  'due',
  'effect',
] as const;

/**
 * What starts a formula. Papaparse's own pattern for `escapeFormulae: true` ends in `.*$`, which
 * lets a cell through when a line break follows the formula.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function planCsv(document: VsmDocument): string {
  const rows = planRows(document).map((row) => PLAN_COLUMNS.map((column) => row[column]));
  return `\uFEFF${Papa.unparse({ fields: [...PLAN_COLUMNS], data: rows }, { newline: '\r\n', escapeFormulae: FORMULA_START })}\r\n`;
}
