/** Display width of a string in a terminal: CJK and full-width characters take two columns. */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0) as number;
    w +=
      (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6)
        ? 2
        : 1;
  }
  return w;
}

const pad = (text: string, width: number, right: boolean): string => {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return right ? fill + text : text + fill;
};

/**
 * A plain-text table with box-drawing rules; numeric cells are right-aligned.
 *
 * @example
 * renderTable('Cleanup', ['decision', 'items'], [['取消', '159']]);
 */
export function renderTable(title: string, headers: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const cells = rows.map((r) => r.map((c) => (typeof c === 'number' ? c.toLocaleString('en-US') : c)));
  const widths = headers.map((h, i) => Math.max(displayWidth(h), ...cells.map((r) => displayWidth(r[i] ?? ''))));
  const numeric = headers.map((_, i) => rows.length > 0 && rows.every((r) => typeof r[i] === 'number' || /^[-+]?[\d,.]+\s?(%|×)?$/.test(String(r[i] ?? ''))));
  const line = (l: string, m: string, r: string) => l + widths.map((w) => '─'.repeat(w + 2)).join(m) + r;
  const row = (r: readonly string[]) => '│' + widths.map((w, i) => ' ' + pad(r[i] ?? '', w, numeric[i] ?? false) + ' ').join('│') + '│';
  return [title, line('┌', '┬', '┐'), row(headers), line('├', '┼', '┤'), ...cells.map(row), line('└', '┴', '┘')].join('\n') + '\n';
}
