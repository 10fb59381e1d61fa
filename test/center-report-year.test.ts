/**
 * `--year` applies to every figure of the center report (issue 19): over a log spanning two years,
 * every section — approval, cleanup, intermediaries, surveys, trading, notices, publicity and the
 * sub-centers — counts the report year only; a year the log has no events in is an empty report
 * that says so, and the seed comparison runs only for the seed's own log and year.
 */
import { centerProjection, centerReport, parseCenterConfig, type CenterReport } from '@banshi/center-report';
import { exportJsonl, foldProjection, type StoredEvent } from '@banshi/core';
import { generateTaizhou2013 } from '@banshi/example-taizhou-2013';
import { main, type CliIO } from '@banshi/cli';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { secondCenter, secondCenterFigures, secondCenterLog } from './_lib/secondCenter.js';

let twoYears: StoredEvent[] = [];
const taizhou: StoredEvent[] = [];
let dir = '';
beforeAll(async () => {
  twoYears = await secondCenterLog();
  const { store } = await generateTaizhou2013({ seed: 7, cases: 60 });
  for await (const e of store.readAll({ batchSize: 5000 })) taizhou.push(e);
  dir = mkdtempSync(join(tmpdir(), 'banshi-year-'));
  let text = '';
  for await (const c of exportJsonl(store.readAll({ upcast: false }))) text += c;
  writeFileSync(join(dir, 'tz.jsonl'), text);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function* from(list: readonly StoredEvent[]) {
  yield* list;
}

/** The figures of one year's report in the shape of {@link secondCenterFigures}. */
function figuresOf(r: CenterReport) {
  return {
    approval: { received: r.approval.received, decided: r.approval.decided },
    departments: Object.fromEntries(r.approval.departments.map((d) => [d.department, d.decided])),
    cleanup: r.cleanup && { name: r.cleanup.name, items: r.cleanup.items, cancelled: r.cleanup.cancelled, delegated: r.cleanup.delegated, adjusted: r.cleanup.adjusted, retained: r.cleanup.retained, reductionRate: r.cleanup.reductionRate, standardizedDepartments: r.cleanup.standardizedDepartments },
    intermediaries: r.intermediaries,
    surveys: r.surveys,
    trading: r.trading.map((t) => ({ label: t.label, deals: t.deals, priceFen: t.priceFen, budgetFen: t.budgetFen, savingsFen: t.savingsFen, savingsRate: t.savingsRate, area: t.area })),
    notices: { notices: r.notices.notices, outletPublications: r.notices.outletPublications, required: r.notices.required, published: r.notices.published, rate: r.notices.rate, byOutlet: r.notices.byOutlet },
    publicity: r.publicity,
    subCenters: r.nodes.subCenters,
  };
}

describe('centerReport for one year of a log that spans two', () => {
  it('every section counts its year only, exactly', async () => {
    const state = await foldProjection(from(twoYears), centerProjection);
    const center = parseCenterConfig(secondCenter);
    for (const year of [2014, 2015] as const) {
      const r = centerReport(state, { year, center });
      expect(r.empty).toBe(false);
      expect(figuresOf(r), String(year)).toEqual(secondCenterFigures[year]);
    }
  });

  it('the log need not be in date order: the same events shuffled give the same years', async () => {
    // A 2014 event appended after the 2015 ones (a late entry) still counts in 2014.
    const shuffled = [...twoYears].sort((a, b) => (a.stream < b.stream ? 1 : a.stream > b.stream ? -1 : a.version - b.version));
    const state = await foldProjection(from(shuffled), centerProjection);
    const center = parseCenterConfig(secondCenter);
    for (const year of [2014, 2015] as const) expect(figuresOf(centerReport(state, { year, center }))).toEqual(secondCenterFigures[year]);
  });

  it('a year without events is an empty report that says so', async () => {
    const state = await foldProjection(from(twoYears), centerProjection);
    for (const options of [{ year: 2099 }, { year: 2013, center: parseCenterConfig(secondCenter) }]) {
      const r = centerReport(state, options);
      expect(r.empty).toBe(true);
      expect(r.eventsInYear).toBe(0);
      expect(r.events).toBe(twoYears.length);
      expect(r.approval.received).toBe(0);
      expect(r.approval.visits.cases).toBe(0);
      expect(r.approval.intakeChannels).toEqual({});
      expect(r.cleanup).toBeNull();
      expect(r.intermediaries).toEqual({ submitted: 0, approved: 0, returned: 0, published: 0, delisted: 0 });
      expect(r.surveys.issued).toBe(0);
      expect(r.trading.every((t) => t.deals === 0)).toBe(true);
      expect(r.notices).toMatchObject({ notices: 0, outletPublications: 0, required: 0, published: 0, byOutlet: {} });
      expect(r.publicity).toEqual({ portalArticles: 0, briefings: 0, adopted: {}, handbookCopies: 0, serviceGuideCopies: 0 });
      expect(r.nodes.subCenters).toEqual([]);
    }
  });

  it('without a configuration the report takes the center, sub-centers and categories the log names', async () => {
    const r = centerReport(await foldProjection(from(twoYears), centerProjection), { year: 2015 });
    expect(r.center).toEqual({ id: 'demo', name: '示例市政务服务中心', agency: null });
    expect(r.nodes.subCenters).toEqual(['东区分中心']);
    // Only the categories the year's deals carry, under their codes (no built-in label fits them).
    expect(r.trading.map((t) => [t.label, t.deals])).toEqual([
      ['forest', 1],
      ['water-rights', 1],
    ]);
  });
});

describe('the Taizhou seed and other years', () => {
  it('the seed year keeps its figures; cases of another year move to that year', async () => {
    const all = centerReport(await foldProjection(from(taizhou), centerProjection), { year: 2013 });
    expect(all.empty).toBe(false);
    expect(all.approval.visits.cases).toBe(all.approval.received);
    // The same log with every approval case's dates moved a year on: 2013 keeps no case figure.
    const shift = (s: string) => s.replace(/^2013-/, '2014-');
    const moved = taizhou.map((e) =>
      e.stream.startsWith('case-') ? { ...e, data: { ...(e.data as object), ...(typeof (e.data as { on?: unknown }).on === 'string' ? { on: shift((e.data as { on: string }).on) } : {}) } } : e,
    );
    const state = await foldProjection(from(moved), centerProjection);
    const y2013 = centerReport(state, { year: 2013 });
    expect(y2013.approval.visits.cases).toBe(0);
    expect(y2013.approval.intakeChannels).toEqual({});
    expect(y2013.approval.departments.reduce((s, d) => s + d.decided, 0)).toBe(0);
    expect(y2013.trading).toEqual(all.trading);
    const y2014 = centerReport(state, { year: 2014 });
    expect(y2014.approval.visits.cases).toBe(all.approval.visits.cases);
    expect(Object.values(y2014.approval.intakeChannels).reduce((s, n) => s + (n ?? 0), 0)).toBe(all.approval.visits.cases);
    expect(y2014.trading).toEqual([]);
    expect(y2014.surveys.issued).toBe(0);
  });

  it('banshi replay --year 2099 on a 2013 log prints an empty report and says so, with no seed comparison', async () => {
    const out: string[] = [];
    const io: CliIO = { stdinLines: async function* () {}, stdout: (t) => void out.push(t), stderr: () => undefined, cwd: dir, env: {} };
    expect(await main(['replay', '--from', join(dir, 'tz.jsonl'), '--report', 'center', '--year', '2099', '--lang', 'en'], io)).toBe(0);
    expect(out.join('')).toContain('No events dated 2099 in this log');
    expect(out.join('')).not.toContain('seed figures reproduced');
    expect(out.join('')).not.toContain('Whole log');
  });
});
