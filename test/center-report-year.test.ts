/**
 * `--year` applies to every figure of the center report (issue 19): a year the log has no events
 * in is an empty report that says so; the approval figures (visits, intake channels, departments)
 * are the year's; sections whose read models keep no years are named as whole-log figures when
 * the log spans several years.
 */
import { centerProjection, centerReport } from '@banshi/center-report';
import { foldProjection, type StoredEvent } from '@banshi/core';
import { generateTaizhou2013 } from '@banshi/example-taizhou-2013';
import { main, type CliIO } from '@banshi/cli';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJsonl } from '@banshi/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const events: StoredEvent[] = [];
let dir = '';
beforeAll(async () => {
  const { store } = await generateTaizhou2013({ seed: 7, cases: 60 });
  for await (const e of store.readAll({ batchSize: 5000 })) events.push(e);
  dir = mkdtempSync(join(tmpdir(), 'banshi-year-'));
  let text = '';
  for await (const c of exportJsonl(store.readAll({ upcast: false }))) text += c;
  writeFileSync(join(dir, 'tz.jsonl'), text);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function* from(list: readonly StoredEvent[]) {
  yield* list;
}

describe('centerReport for one year', () => {
  it('a year without events is an empty report that says so', async () => {
    const r = centerReport(await foldProjection(from(events), centerProjection), { year: 2099 });
    expect(r.empty).toBe(true);
    expect(r.eventsInYear).toBe(0);
    expect(r.events).toBe(events.length);
    expect(r.approval.received).toBe(0);
    expect(r.approval.visits.cases).toBe(0);
    expect(r.approval.intakeChannels).toEqual({});
    expect(r.approval.departments).toEqual([]);
    expect(r.cleanup).toBeNull();
    expect(r.intermediaries.submitted).toBe(0);
    expect(r.surveys.issued).toBe(0);
    expect(r.trading.every((t) => t.deals === 0)).toBe(true);
    expect(r.nodes.subCenters).toEqual([]);
  });

  it('the seed year keeps its figures; cases of another year move to that year', async () => {
    const all = centerReport(await foldProjection(from(events), centerProjection), { year: 2013 });
    expect(all.empty).toBe(false);
    expect(all.approval.visits.cases).toBe(all.approval.received);
    // The same log with every approval case's dates moved a year on: 2013 keeps no case figure.
    const shift = (s: string) => s.replace(/^2013-/, '2014-');
    const moved = events.map((e) =>
      e.stream.startsWith('case-') ? { ...e, data: { ...(e.data as object), ...(typeof (e.data as { on?: unknown }).on === 'string' ? { on: shift((e.data as { on: string }).on) } : {}) } } : e,
    );
    const state = await foldProjection(from(moved), centerProjection);
    const y2013 = centerReport(state, { year: 2013 });
    expect(y2013.approval.visits.cases).toBe(0);
    expect(y2013.approval.intakeChannels).toEqual({});
    expect(y2013.approval.departments.reduce((s, d) => s + d.decided, 0)).toBe(0);
    expect(y2013.wholeLog).toContain('trading');
    const y2014 = centerReport(state, { year: 2014 });
    expect(y2014.approval.visits.cases).toBe(all.approval.visits.cases);
    expect(Object.values(y2014.approval.intakeChannels).reduce((s, n) => s + (n ?? 0), 0)).toBe(all.approval.visits.cases);
  });

  it('banshi replay --year 2099 on a 2013 log prints an empty report and says so', async () => {
    const out: string[] = [];
    const io: CliIO = { stdinLines: async function* () {}, stdout: (t) => void out.push(t), stderr: () => undefined, cwd: dir, env: {} };
    expect(await main(['replay', '--from', join(dir, 'tz.jsonl'), '--report', 'center', '--year', '2099'], io)).toBe(0);
    expect(out.join('')).toContain('No events dated 2099 in this log');
    expect(out.join('')).not.toContain('seed figures reproduced');
  });
});
