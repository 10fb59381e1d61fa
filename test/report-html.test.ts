/**
 * report.html as a person sees it (issue 19): rendered in headless Chromium to PNG into docs/
 * (the 2013 year in Chinese and in English, and an empty year); an empty table says 本年度无 or
 * "none this year"; charts carry axes and units; no absolute path of the machine; A4 print
 * styles; a CJK-font note.
 */
import { centerProjection, centerReport } from '@banshi/center-report';
import { renderCenterHtml } from '@banshi/cli';
import { foldProjection } from '@banshi/core';
import { figureKindsIn, generateTaizhou2013, seedCheck, syntheticFigures, taizhouCenter } from '@banshi/example-taizhou-2013';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');
const chromiumPath = '/usr/bin/chromium';

describe('report.html', () => {
  it('renders in Chromium to docs/report-2013.png, docs/report-2013.en.png and docs/report-empty-year.png', async () => {
    const { store } = await generateTaizhou2013({ seed: 2013, cases: 300 });
    const state = await foldProjection(store.readAll({ batchSize: 5000 }), centerProjection);
    const source = `sqlite:${join(tmpdir(), 'somewhere', 'taizhou-2013.db')}`;
    const year = centerReport(state, { year: 2013, center: taizhouCenter });
    const annotated = (lang: 'zh' | 'en') => ({ seedCheck: { rows: seedCheck(year, lang), kinds: figureKindsIn(lang) }, synthetic: syntheticFigures(lang) });
    const full = renderCenterHtml(year, source, '已校验', annotated('zh'));
    const fullEn = renderCenterHtml(year, source, 'verified', annotated('en'), { lang: 'en' });
    const empty = renderCenterHtml(centerReport(state, { year: 2099, center: taizhouCenter }), source, '已校验');
    for (const html of [full, fullEn, empty]) {
      expect(html).not.toContain(tmpdir());
      expect(html).toContain('@page{size:A4');
      expect(html).toContain('fonts-noto-cjk');
    }
    expect(full).toContain('class="unit"');
    expect(fullEn).toContain('<html lang="en">');
    expect(empty).toContain('本年度无');
    expect(empty).not.toMatch(/<td class="n">0<\/td>(<td class="n">0<\/td>){7}/);
    // The request table of an empty year (26 rows × 8 columns of zeros in the statutory format) says 本年度无 too.
    expect(empty).not.toMatch(/(<td( class="n")?>0<\/td>){7}/);
    expect(full).toMatch(/<td class="n">[1-9][\d,]*<\/td>/);
    if (!existsSync(chromiumPath)) {
      console.error(`!!! ${chromiumPath} is missing: report.html was NOT rendered to PNG (install chromium and fonts-noto-cjk; .ci/run does) !!!`);
      expect(process.env['CI'], 'CI must have Chromium').toBeUndefined();
      return;
    }
    const dir = mkdtempSync(join(tmpdir(), 'banshi-html-'));
    const browser = await chromium.launch({
      executablePath: chromiumPath,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1100, height: 1400 } });
      for (const [html, png] of [[full, 'report-2013.png'], [fullEn, 'report-2013.en.png'], [empty, 'report-empty-year.png']] as const) {
        writeFileSync(join(dir, 'report.html'), html);
        await page.goto(`file://${join(dir, 'report.html')}`);
        await page.screenshot({ path: join(root, 'docs', png), fullPage: false });
        expect(statSync(join(root, 'docs', png)).size).toBeGreaterThan(10_000);
      }
    } finally {
      await browser.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
