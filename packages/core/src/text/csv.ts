/** A cell that a spreadsheet program would read as a formula: `= + - @`, or a tab/CR that hides one. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote or line break. Text that a
 * spreadsheet would run as a formula (OWASP "CSV injection": a leading `= + - @`, tab or CR) gets a
 * leading apostrophe and is quoted, so an applicant's `=HYPERLINK(...)` stays text. Numbers are
 * written as they are, so negative figures keep their sign.
 */
export function csvField(value: string | number): string {
  if (typeof value === 'number') return String(value);
  const s = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(s) || s !== value ? `"${s.replaceAll('"', '""')}"` : s;
}

/** One CSV record: the fields joined with commas (no line ending). */
export function csvRow(cells: readonly (string | number)[]): string {
  return cells.map(csvField).join(',');
}
