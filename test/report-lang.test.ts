/**
 * One language per report (issue 19) and a seed check that says what each row proves in
 * report.html as well as on the terminal (issue 14).
 *
 * The rule the scans enforce (docs/report-languages.md states it for readers):
 * - An en report holds no Han character outside data values: names from the log or the center's
 *   configuration (agency, departments, outlets, sub-centers, the campaign, the bulletin) and the
 *   seed check's seed / replayed / expected figures, which quote the seed report in its own
 *   notation (亿元, 公顷, 5000多). In report.html every data value is inside `<span class="data">`
 *   (or `<tspan class="data">` in a chart) and the log's name inside `<code>`; the terminal prints
 *   them as they are, so the scan removes the report's own data values first.
 * - A zh report holds no English word outside codes, units and identifiers: event types
 *   (`ItemCleanupDecided`), the field they echo (`forms`), the command it names (`banshi verify`),
 *   font and package names in the font note, and the log's name.
 */
import { centerProjection, centerReport, type CenterReport } from '@banshi/center-report';
import { main, renderCenterHtml, renderCenterTerminal, type CliIO, type ReportAnnotations } from '@banshi/cli';
import { foldProjection, langs, type Lang } from '@banshi/core';
import { figureKindsIn, generateTaizhou2013, seedCheck, syntheticFigures, taizhouCenter } from '@banshi/example-taizhou-2013';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const source = 'sqlite:taizhou-2013.db';
let report: CenterReport;
const rendered = {} as Record<Lang, { text: string; html: string; annotations: ReportAnnotations }>;

beforeAll(async () => {
  const { store } = await generateTaizhou2013({ seed: 2013, cases: 300 });
  const state = await foldProjection(store.readAll({ batchSize: 5000 }), centerProjection);
  report = centerReport(state, { year: 2013, center: taizhouCenter });
  for (const lang of langs) {
    const annotations: ReportAnnotations = { seedCheck: { rows: seedCheck(report, lang), kinds: figureKindsIn(lang) }, synthetic: syntheticFigures(lang) };
    rendered[lang] = {
      annotations,
      text: renderCenterTerminal(report, source, annotations, { lang }),
      html: renderCenterHtml(report, source, lang === 'zh' ? '已校验' : 'verified', annotations, { lang }),
    };
  }
}, 120_000);

const unescape = (s: string) => s.replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n))).replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');

/** The text a reader sees in report.html, without data values and code when asked. */
function visible(html: string, options: { readonly withoutData?: boolean } = {}): string {
  let body = html.replace(/<style>[\s\S]*?<\/style>/, '').replace(/<title>[\s\S]*?<\/title>/, '');
  if (options.withoutData) body = body.replace(/<(t?span) class="data">[\s\S]*?<\/\1>/g, ' ').replace(/<code>[\s\S]*?<\/code>/g, ' ');
  return unescape(body.replace(/<[^>]+>/g, ' '));
}

/** Every data value the report prints: names from the log and the seed check's quoted figures. */
function dataValues(r: CenterReport, a: ReportAnnotations): string[] {
  const values = [
    r.center.name ?? '',
    r.disclosure.report.agency ?? '',
    r.cleanup?.name ?? '',
    ...r.approval.departments.map((d) => d.department),
    ...Object.keys(r.notices.byOutlet),
    ...r.nodes.subCenters,
    Object.entries(r.publicity.adopted).map(([k, v]) => `${k} ${v}`).join(', '),
    ...(a.seedCheck?.rows ?? []).flatMap((row) => [row.seed, row.replayed, row.expected]),
    source,
  ];
  // Longest first, so a name is never cut by a shorter one inside it.
  return [...new Set(values.filter(Boolean))].sort((x, y) => y.length - x.length);
}

const without = (text: string, values: readonly string[]) => values.reduce((t, v) => t.split(v).join(' '), text);
const han = (text: string) => [...new Set(text.match(/\p{Script=Han}+/gu) ?? [])];

/** Codes, units and identifiers a zh report may print in Latin letters. */
const identifiers = new Set(['banshi', 'verify', 'forms', 'Noto', 'Sans', 'CJK', 'SC', 'PingFang', 'Microsoft', 'YaHei', 'Debian', 'Ubuntu', 'fonts-noto-cjk']);
const englishWords = (text: string) =>
  [...new Set(text.match(/[A-Za-z][A-Za-z-]*[A-Za-z]/g) ?? [])].filter((w) => !identifiers.has(w) && !/^[A-Z][a-z]+(?:[A-Z][a-z]+)+$/.test(w));

describe('one language per report', () => {
  it('the en report, text and html, holds no Han character outside data values', () => {
    const { text, html, annotations } = rendered.en;
    expect(han(without(text, dataValues(report, annotations)))).toEqual([]);
    expect(han(visible(html, { withoutData: true }))).toEqual([]);
    // The scan is not vacuous: the data values it skips are there, and they are Chinese.
    expect(han(visible(html)).length).toBeGreaterThan(10);
    expect(html).toContain('<span class="data">市工商局</span>');
  });

  it('the zh report, text and html, holds no English word outside codes, units and identifiers', () => {
    const { text, html, annotations } = rendered.zh;
    expect(englishWords(without(text, dataValues(report, annotations)))).toEqual([]);
    expect(englishWords(visible(html, { withoutData: true }))).toEqual([]);
    expect(englishWords(visible(rendered.en.html, { withoutData: true })).length).toBeGreaterThan(50);
  });

  it('says which language it is in, and says 本年度无 / none this year for an empty table', () => {
    expect(rendered.zh.html).toContain('<html lang="zh-CN">');
    expect(rendered.en.html).toContain('<html lang="en">');
    const empty = (lang: Lang) => renderCenterHtml({ ...report, intermediaries: { ...report.intermediaries, submitted: 0, approved: 0, returned: 0, published: 0, delisted: 0 } }, source, 'verified', {}, { lang });
    expect(empty('zh')).toMatch(/<caption>中介机构<\/caption><tbody><tr><td class="none">本年度无<\/td>/);
    expect(empty('en')).toMatch(/<caption>Intermediaries<\/caption><tbody><tr><td class="none">none this year<\/td>/);
    expect(rendered.zh.html).toContain('若汉字显示为方框');
    expect(rendered.en.html).toContain('If they show as boxes, install a CJK font');
  });

  it('banshi demo prints and writes one language, chosen by --lang, BANSHI_LANG or banshi.config.json', { timeout: 300_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'banshi-demo-lang-'));
    try {
      const run = async (argv: string[], env: Record<string, string>) => {
        let out = '';
        const io: CliIO = { stdinLines: async function* () {}, stdout: (t) => void (out += t), stderr: () => undefined, cwd: dir, env };
        expect(await main(['demo', '--cases', '25', '--quiet', ...argv], io)).toBe(0);
        return out;
      };
      const cases = [
        ['en', ['--dir', 'en', '--lang', 'en'], {}, undefined],
        ['zh', ['--dir', 'zh'], {}, undefined],
        ['en', ['--dir', 'env'], { BANSHI_LANG: 'en' }, undefined],
        ['en', ['--dir', 'config'], {}, '{"lang": "en"}'],
        ['zh', ['--dir', 'flag', '--lang', 'zh'], { BANSHI_LANG: 'en' }, '{"lang": "en"}'],
      ] as const;
      for (const [lang, argv, env, config] of cases) {
        if (config === undefined) rmSync(join(dir, 'banshi.config.json'), { force: true });
        else writeFileSync(join(dir, 'banshi.config.json'), config);
        const out = await run([...argv], { ...env });
        const sub = argv[1];
        const json = JSON.parse(readFileSync(join(dir, sub, 'report.json'), 'utf8')) as CenterReport & { lang: string; seedCheck: { seed: string; replayed: string; expected: string }[] };
        expect(json.lang).toBe(lang);
        const html = readFileSync(join(dir, sub, 'report.html'), 'utf8');
        expect(html).toContain(`<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}">`);
        const data = dataValues(json, { seedCheck: { rows: json.seedCheck.map((r) => ({ ...r, figure: '', note: '', ok: true, kind: '' })), kinds: {} } });
        // The files it names (sqlite:…/taizhou-2013.db, …/report.html) are identifiers, not words.
        const text = without(out.replace(/(sqlite:)?[^\s（(、,]*\.(db|html|json|jsonl)\b/g, ' '), data);
        if (lang === 'en') {
          expect(han(text)).toEqual([]);
          expect(han(visible(html, { withoutData: true }))).toEqual([]);
        } else {
          expect(englishWords(text)).toEqual([]);
          expect(englishWords(visible(html, { withoutData: true }))).toEqual([]);
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('prints the same figures in both languages', () => {
    const numbers = (lang: Lang) => (visible(rendered[lang].html).match(/\d[\d,]*(?:\.\d+)?%/g) ?? []).join(' ');
    expect(numbers('en')).toBe(numbers('zh'));
  });
});

/**
 * What is wrong with the seed check in a report.html: a row without its kind (mark and label), a
 * row that says nothing of what it proves, a reconstructed row where the seed disagrees with
 * itself that shows neither the seed's own figure nor the arithmetic.
 */
function seedRowProblems(html: string, lang: Lang, expectedRows: number): string[] {
  const kinds = figureKindsIn(lang);
  const problems: string[] = [];
  const rows = [...html.matchAll(/<tr class="(\w*)"><td class="kind"(?: data-kind="(\w*)")?>([^<]*)<\/td><td>([^<]*)<\/td>([\s\S]*?)<\/tr>/g)];
  if (rows.length !== expectedRows) problems.push(`${rows.length} seed-check rows, expected ${expectedRows}`);
  for (const [, cls, kind, label, figureHtml, rest] of rows) {
    const figure = unescape(figureHtml ?? '');
    const k = kinds[kind as keyof typeof kinds] as { mark: string; label: string } | undefined;
    if (!k || cls !== kind) problems.push(`${figure}: no kind`);
    else if (unescape(label ?? '').trim() !== `${k.mark} ${k.label}`) problems.push(`${figure}: kind ${kind} not labelled`);
    const note = unescape(/<td class="note">([^<]*)<\/td>/.exec(rest ?? '')?.[1] ?? '');
    if (note.trim().length < 5) problems.push(`${figure}: says nothing of what it proves`);
    if (kind === 'reconstructed') {
      const [seed, replayed] = [...(rest ?? '').matchAll(/<span class="data">([^<]*)<\/span>/g)].map((m) => unescape(m[1] ?? ''));
      const disagrees = seed !== replayed;
      if (disagrees && !(rest ?? '').includes('class="seed-own"')) problems.push(`${figure}: the seed's own figure is not shown`);
      if (disagrees && !/[=<≤]/.test(note)) problems.push(`${figure}: the arithmetic is not shown`);
    }
  }
  return problems;
}

describe('report.html says what each seed-check row proves (issue 14)', () => {
  for (const lang of langs) {
    it(`every row shows its kind, and every reconstructed row its explanation (${lang})`, () => {
      const { html, annotations } = rendered[lang];
      const rows = annotations.seedCheck?.rows ?? [];
      expect(seedRowProblems(html, lang, rows.length)).toEqual([]);
      expect(rows.filter((r) => r.kind === 'reconstructed' && r.expected !== r.seed).length).toBeGreaterThan(0);
      expect([...html.matchAll(/<td class="kind" data-kind="(\w+)"/g)].map((m) => m[1]).sort()).toEqual(rows.map((r) => r.kind).sort());
      for (const k of Object.values(figureKindsIn(lang))) expect(html).toContain(`<strong>${k.label}</strong>${lang === 'zh' ? '：' : ': '}${k.legend}`);
    });
  }

  it('the terminal shows the same kinds and the legend', () => {
    for (const lang of langs) {
      for (const k of Object.values(figureKindsIn(lang))) expect(rendered[lang].text).toContain(`${k.mark} ${k.label}${lang === 'zh' ? '：' : ': '}${k.legend}`);
      const kinds: Readonly<Record<string, { mark: string; label: string }>> = figureKindsIn(lang);
      for (const row of rendered[lang].annotations.seedCheck?.rows ?? []) expect(rendered[lang].text).toMatch(new RegExp(`${kinds[row.kind]?.mark} +│ ${kinds[row.kind]?.label} +│ ${row.figure.replace(/[()《》]/g, '.')}`));
    }
  });

  it('fails a row that lacks its kind, its note, or a reconstructed row its explanation', () => {
    const { html, annotations } = rendered.en;
    const n = annotations.seedCheck?.rows.length ?? 0;
    const noKind = html.replace(/<td class="kind" data-kind="folded">● folded<\/td>/, '<td class="kind"></td>');
    expect(seedRowProblems(noKind, 'en', n)).toEqual([expect.stringMatching(/: no kind$/)]);
    const noNote = html.replace(/(<tr class="vacuous">[\s\S]*?<td class="note">)[^<]*/, '$1');
    expect(seedRowProblems(noNote, 'en', n)).toEqual([expect.stringMatching(/says nothing of what it proves$/)]);
    const noArithmetic = html.replace(/<br><small class="seed-own">[\s\S]*?<\/small>/, '');
    expect(seedRowProblems(noArithmetic, 'en', n)).toEqual(["procurement savings rate: the seed's own figure is not shown"]);
  });
});
