import type { Lang } from '@banshi/core';

/** Pieces of the standalone HTML report: no scripts, no external assets, inline SVG charts. */

const esc = (s: string | number): string => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A cell or label that is a name from the log (a department, an outlet): printed as it is, marked in HTML. */
export interface DataCell {
  readonly data: string;
}

/** A table cell: a label in the report's language, a number, or a name from the log. */
export type Cell = string | number | DataCell;

/**
 * Marks a name from the log, so the report prints it as written, in any language, inside
 * `<span class="data">`.
 *
 * @example
 * dataCell('市工商局'); // { data: '市工商局' }
 */
export const dataCell = (data: string): DataCell => ({ data });

const cellHtml = (c: Cell): string => (typeof c === 'object' ? `<span class="data">${esc(c.data)}</span>` : esc(typeof c === 'number' ? c.toLocaleString('en-US') : c));

export interface Bar {
  readonly label: Cell;
  readonly value: number;
  /** Optional second series (e.g. on-time vs late). */
  readonly value2?: number;
}

/**
 * The ticks of a value axis from 0 to `max`: multiples of a round step (1, 2 or 5 times a power of
 * ten) giving at most five ticks, the step never below 1 when `max` is a whole number (a count of
 * cases has no half case).
 *
 * @example
 * axisTicks(33); // [0, 10, 20, 30]
 * axisTicks(100); // [0, 50, 100]
 * axisTicks(3); // [0, 1, 2, 3]
 */
export function axisTicks(max: number): number[] {
  if (!(max > 0) || !Number.isFinite(max)) return [0];
  const raw = max / 4;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  let step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? 10 * magnitude;
  if (Number.isInteger(max)) step = Math.max(1, Math.round(step));
  const ticks: number[] = [];
  for (let i = 0; i * step <= max * (1 + 1e-12); i++) ticks.push(Number((i * step).toPrecision(12)));
  return ticks;
}

/**
 * A horizontal bar chart as inline SVG. `format` renders the value at the end of each bar.
 *
 * @example
 * barChart('各月受理件数', [{ label: '2013-01', value: 412 }], { unit: '件', none: '本年度无' });
 */
export function barChart(title: string, bars: readonly Bar[], options: { format?: (b: Bar) => string; max?: number; legend?: readonly [string, string]; unit: string; none: string }): string {
  if (bars.length === 0 || bars.every((b) => b.value === 0 && (b.value2 ?? 0) === 0)) return `<figure><figcaption>${esc(title)}</figcaption><p class="none">${esc(options.none)}</p></figure>`;
  const rowH = 22;
  const labelW = 150;
  const chartW = 420;
  const max = options.max ?? Math.max(1, ...bars.map((b) => b.value + (b.value2 ?? 0)));
  const fmt = options.format ?? ((b: Bar) => b.value.toLocaleString('en-US'));
  const axisY = bars.length * rowH + 8;
  const h = axisY + 34;
  const rows = bars
    .map((b, i) => {
      const y = i * rowH + 5;
      const w1 = (b.value / max) * chartW;
      const w2 = ((b.value2 ?? 0) / max) * chartW;
      return `<text x="${labelW - 6}" y="${y + 14}" text-anchor="end">${typeof b.label === 'object' ? `<tspan class="data">${esc(b.label.data)}</tspan>` : esc(b.label)}</text><rect x="${labelW}" y="${y}" width="${w1.toFixed(1)}" height="16" class="s1"/>${
        w2 > 0 ? `<rect x="${(labelW + w1).toFixed(1)}" y="${y}" width="${w2.toFixed(1)}" height="16" class="s2"/>` : ''
      }<text x="${(labelW + w1 + w2 + 6).toFixed(1)}" y="${y + 13}" class="v">${esc(fmt(b))}</text>`;
    })
    .join('');
  // The value axis: a baseline with ticks at round values (never 16.5 of a count) and the unit beneath it.
  const ticks = axisTicks(max)
    .map((v) => {
      const x = (labelW + (v / max) * chartW).toFixed(1);
      return `<line x1="${x}" y1="${axisY}" x2="${x}" y2="${axisY + 4}" class="axis"/><text x="${x}" y="${axisY + 16}" text-anchor="middle" class="tick">${esc(v.toLocaleString('en-US', { maximumFractionDigits: 2 }))}</text>`;
    })
    .join('');
  const axis = `<line x1="${labelW}" y1="${axisY}" x2="${labelW + chartW}" y2="${axisY}" class="axis"/>${ticks}<text x="${labelW + chartW / 2}" y="${axisY + 30}" text-anchor="middle" class="unit">${esc(options.unit)}</text>`;
  const legend = options.legend ? `<p class="legend"><span class="k1"></span>${esc(options.legend[0])} <span class="k2"></span>${esc(options.legend[1])}</p>` : '';
  const w = labelW + chartW + 120;
  return `<figure><figcaption>${esc(title)}</figcaption><svg viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" style="max-width:100%;height:auto" role="img" aria-label="${esc(title)}">${rows}${axis}</svg>${legend}</figure>`;
}

const blank = (c: Cell) => c === '—' || c === '' || (typeof c !== 'object' && /^[\d,.]+$/.test(String(c)) && Number(String(c).replace(/,/g, '')) === 0);
const figure = (c: Cell) => typeof c === 'number' || (typeof c === 'string' && /^-?[\d,.]+%?$/.test(c));

/**
 * A table that counts nothing: no rows, or every cell of its figure columns (those holding a number
 * or a cell written as one) is zero or blank. A table of labels only (a list of names) is not empty.
 */
function countsNothing(rows: readonly (readonly Cell[])[]): boolean {
  if (rows.length === 0) return true;
  const width = Math.max(...rows.map((r) => r.length));
  const figures = [...Array(width).keys()].filter((i) => rows.some((r) => r[i] !== undefined && figure(r[i] as Cell)));
  return figures.length > 0 && rows.every((r) => figures.every((i) => r[i] === undefined || blank(r[i] as Cell)));
}

/**
 * An HTML table; numeric cells are right-aligned. A table with no rows, or only zeros, says `none`
 * (本年度无 / none this year) instead.
 *
 * @example
 * htmlTable('中介机构', ['申请入驻'], [[108]], '本年度无');
 */
export function htmlTable(caption: string, headers: readonly string[], rows: readonly (readonly Cell[])[], none: string): string {
  if (countsNothing(rows)) {
    return `<table class="empty"><caption>${esc(caption)}</caption><tbody><tr><td class="none">${esc(none)}</td></tr></tbody></table>`;
  }
  const cell = (c: Cell, tag: 'td' | 'th') => `<${tag}${typeof c === 'number' ? ' class="n"' : ''}>${cellHtml(c)}</${tag}>`;
  return `<table><caption>${esc(caption)}</caption><thead><tr>${headers.map((h) => cell(h, 'th')).join('')}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map((c) => cell(c, 'td')).join('')}</tr>`).join('')}</tbody></table>`;
}

/**
 * The whole page in one language: `sections` are already-rendered HTML fragments, `titleHtml` and
 * `subtitleHtml` escaped HTML, `fontNote` what to install where no CJK font shows.
 *
 * @example
 * htmlPage({ lang: 'en', title: 'Report', titleHtml: 'Report', subtitleHtml: '', sections: [], fontNote: 'install fonts-noto-cjk' });
 */
export function htmlPage(page: { readonly lang: Lang; readonly title: string; readonly titleHtml: string; readonly subtitleHtml: string; readonly sections: readonly { readonly heading: string; readonly body: string }[]; readonly fontNote: string }): string {
  const { title, sections } = page;
  return `<!doctype html>
<html lang="${page.lang === 'zh' ? 'zh-CN' : 'en'}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>
body{font:14px/1.5 system-ui,"PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:2rem auto;max-width:1100px;color:#1d2733;padding:0 1rem}
h1{font-size:1.6rem;margin:0}h2{border-bottom:2px solid #b3282d;padding-bottom:.2rem;margin-top:2.2rem;font-size:1.2rem}
.sub{color:#5b6775;margin:.3rem 0 1.5rem}
table{border-collapse:collapse;margin:1rem 0;font-size:13px}caption{text-align:left;font-weight:600;padding:.3rem 0}
th,td{border:1px solid #c9d1da;padding:.25rem .55rem}th{background:#f1f4f7}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
figure{margin:1rem 0}figcaption{font-weight:600}svg text{font-size:12px;fill:#1d2733}svg text.v{fill:#5b6775}
rect.s1{fill:#b3282d}rect.s2{fill:#e8a33d}.legend span{display:inline-block;width:.8rem;height:.8rem;margin:0 .3rem 0 .8rem}.k1{background:#b3282d}.k2{background:#e8a33d}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(480px,1fr));gap:0 2rem}
.ok{color:#1e7a34;font-weight:600}.bad{color:#b3282d;font-weight:600}
.synthetic{background:#fff4d6;border-left:4px solid #e8a33d;padding:.4rem .7rem;margin:.6rem 0}
table.check td.note{color:#5b6775;max-width:460px}tr.vacuous td{color:#7a8591}tr.reconstructed{background:#fbf7ee}.legend-kinds{color:#5b6775;padding-left:1.2rem}
line.axis{stroke:#5b6775;stroke-width:1}svg text.tick{fill:#5b6775;font-size:11px}svg text.unit{fill:#5b6775;font-size:11px;font-style:italic}
.none{color:#5b6775;font-style:italic}table.empty caption{white-space:nowrap}.font-note{color:#7a8591;font-size:12px;border-top:1px solid #c9d1da;margin-top:2.5rem;padding-top:.5rem}
@page{size:A4;margin:14mm 12mm}
@media print{body{max-width:none;margin:0;padding:0;font-size:10pt}.grid{display:block}h2{break-after:avoid}table,figure{break-inside:avoid}section{break-before:auto}svg{max-width:100%;height:auto}a{color:inherit;text-decoration:none}}
</style></head><body>
<h1>${page.titleHtml}</h1><p class="sub">${page.subtitleHtml}</p>
${sections.map((s) => `<section><h2>${esc(s.heading)}</h2>${s.body}</section>`).join('\n')}
<p class="font-note">${esc(page.fontNote)}</p>
</body></html>
`;
}

export { esc };
