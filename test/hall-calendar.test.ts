/**
 * The service hall and the calendar years a center adds itself (issue #12 §1): a case accepted on
 * 2026-12-09 reaches into 2027, whose notice the built-in data lacks, so the case page reads its due
 * date unknown and the events record the built-in calendar's version. `banshi calendar add-year`
 * writes the year into the hall's own store; after a restart (the hall builds its deciders on
 * `loadCalendar(store)`) the page shows the due date and the next events carry the new version.
 * The 2027 file is the docs' clearly marked SAMPLE, not the State Council notice.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mainlandChinaCalendar, parseHolidayYear } from '@banshi/calendar';
import { main, type CliIO } from '@banshi/cli';
import { afterAll, describe, expect, it } from 'vitest';
import { demoUsers } from '../examples/service-hall/src/demo.js';
import { startHall } from '../examples/service-hall/src/hall.js';
import { hallBrowser, pageVersion, receiveAndAccept } from './_lib/hallBrowser.js';

const PASSWORD = 'hall-calendar-password';
const sampleFile = fileURLToPath(new URL('../docs/calendar/2027.sample.json', import.meta.url));
const with2027 = mainlandChinaCalendar().withYears([parseHolidayYear(JSON.parse(readFileSync(sampleFile, 'utf8')))]);
const dir = mkdtempSync(join(tmpdir(), 'hall-calendar-'));
afterAll(() => rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 }));

describe('the hall and a calendar year added to its store', () => {
  it('due date unknown past the built-in data; after banshi calendar add-year and a restart, the date shows and new events record the new calendar version', async () => {
    const options = { store: `sqlite:${join(dir, 'hall.db')}`, secret: 'hall-calendar-test-secret-0123456789abcdef', users: demoUsers(PASSWORD), date: '2026-12-09', demoCases: 5 };
    const before = await startHall(options);
    let caseId = '';
    try {
      expect(before.banshi.engine.calendar.version).toBe(mainlandChinaCalendar().version);
      ({ caseId } = await receiveAndAccept(before.url, PASSWORD, '孙八'));
      const clerk = hallBrowser(before.url, PASSWORD);
      await clerk.login('w07');
      const page = await clerk.get(`/cases/${caseId}`);
      // 20 working days from 2026-12-09 (行政许可法 第四十二条) end in 2027: unknown, and said so.
      expect(page.html).toMatch(/法定期限：<strong data-due="statutory">到期日未知<\/strong>（尚未载入 2027 年节假日安排）/);
      const events = await before.store.store.readStream(`case-${caseId}`);
      expect(events.map((e) => e.meta.calendarVersion)).toEqual([mainlandChinaCalendar().version, mainlandChinaCalendar().version]);
    } finally {
      await before.close();
    }

    // What a center does when the State Council publishes next year's notice.
    const out: string[] = [];
    const io: CliIO = { stdinLines: async function* () {}, stdout: (t) => void out.push(t), stderr: (t) => void out.push(t), cwd: dir };
    expect(await main(['calendar', 'add-year', sampleFile, '--to', options.store, '--sample'], io), out.join('')).toBe(0);
    expect(out.join('')).toContain(with2027.version);

    const after = await startHall(options);
    try {
      expect(after.banshi.engine.calendar.version).toBe(with2027.version);
      const head = hallBrowser(after.url, PASSWORD);
      await head.login('h01');
      const page = await head.get(`/cases/${caseId}`);
      const due = with2027.addWorkingDays('2026-12-09', 20);
      expect(due.startsWith('2027-')).toBe(true);
      expect(page.html).toContain(`<strong data-due="statutory">${due}</strong>`);
      expect((await head.post(`/cases/${caseId}/do`, { _csrf: head.csrf(page.html), type: 'Decide', outcome: 'grant', reasons: '', version: pageVersion(page.html) })).status).toBe(303);
      const events = await after.store.store.readStream(`case-${caseId}`);
      expect(events.map((e) => [e.type, e.meta.calendarVersion])).toEqual([
        ['CaseReceived', mainlandChinaCalendar().version],
        ['CaseAccepted', mainlandChinaCalendar().version],
        ['CaseDecided', with2027.version],
      ]);
    } finally {
      await after.close();
    }
  }, 240_000);
});
