import { toShanghaiDate } from '@banshi/calendar';
import { createMemoryStore, type EventStore, type StoredEvent } from '@banshi/core';
import { banshiRegistry, createBanshiApp, settableClock } from '@banshi/http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoUsers, loadDemo, TENANT } from './demo.js';
import { startHall } from './hall.js';

const DATE = '2013-11-04';
const all = async (store: EventStore) => {
  const events: StoredEvent[] = [];
  for await (const batch of store.readAllBatches({ batchSize: 5000 })) events.push(...batch);
  return events;
};
const published = (events: readonly StoredEvent[]) => events.filter((e) => e.type === 'ReformPiecePublished').map((e) => (e.data as { publishedOn: string }).publishedOn);

// Issue #16: the hall's business date is its "today"; the demo year must not hold events from after it.
describe('the demo year written into a hall', () => {
  let whole: StoredEvent[] = [];
  let hall: EventStore;
  let written = 0;
  beforeAll(async () => {
    const full = createMemoryStore({ registry: banshiRegistry, node: 'tz-center' });
    await loadDemo(full, { cases: 5 });
    whole = await all(full);
    hall = createMemoryStore({ registry: banshiRegistry, node: 'tz-center' });
    written = await loadDemo(hall, { cases: 5, until: DATE });
  }, 120_000);

  it('stops at the hall’s business date: nothing in its log happened after that day', async () => {
    // Not vacuous: the generated year does publish pieces after the hall's date (2013-12-19 among them).
    expect(published(whole).filter((d) => d > DATE).length).toBeGreaterThan(0);
    const log = await all(hall);
    expect(written).toBe(log.length);
    expect(log.length).toBeGreaterThan(0);
    expect(log.length).toBeLessThan(whole.length);
    expect(log.filter((e) => toShanghaiDate(String(e.meta.occurredAt)) > DATE).map((e) => `${e.type} ${String(e.meta.occurredAt)}`)).toEqual([]);
    // Everything up to the date is there, as generated (a prefix of the same log).
    expect(log.map((e) => e.id)).toEqual(whole.slice(0, log.length).map((e) => e.id));
    expect(whole.slice(log.length).filter((e) => toShanghaiDate(String(e.meta.occurredAt)) <= DATE)).toEqual([]);
    expect((await hall.verify()).ok).toBe(true);
  });

  it('/gs reads the year up to the business date: no piece dated after it is listed as published', async () => {
    const banshi = createBanshiApp({ tenants: { [TENANT]: { store: hall } }, authenticate: () => Promise.resolve(null), secret: 'demo-test-secret-0123456789abcdef0123', clock: settableClock(DATE) });
    const r = await banshi.app.request('/t/tz/publicity?year=2013');
    expect(r.status).toBe(200);
    const body = (await r.json()) as { pieces: { publishedOn: string }[]; publications: { prints: { printedOn: string }[] }[] };
    expect(body.pieces.length).toBe(published(whole).filter((d) => d <= DATE).length);
    expect(body.pieces.filter((p) => p.publishedOn > DATE)).toEqual([]);
    expect(body.publications.flatMap((p) => p.prints.map((x) => x.printedOn)).filter((d) => d > DATE)).toEqual([]);
    await banshi.close();
  });

  it('a hall started on that date writes the year up to it, and its /gs page lists nothing later', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hall-demo-'));
    const hall = await startHall({ store: `sqlite:${join(dir, 'hall.db')}`, secret: 'demo-test-secret-0123456789abcdef0123', users: demoUsers('pw'), date: DATE, demoCases: 5 });
    try {
      expect(hall.demoEvents).toBe(written);
      const html = await (await hall.app.request('/gs?year=2013')).text();
      const dates = [...html.matchAll(/<td data-label="发布日期">(\d{4}-\d{2}-\d{2})<\/td>/g)].map((m) => m[1] as string);
      expect(dates.length).toBeGreaterThan(0);
      expect(dates.filter((d) => d > DATE)).toEqual([]);
      const articles = (events: readonly StoredEvent[]) => events.filter((e) => e.type === 'ReformPiecePublished' && (e.data as { kind: string }).kind === 'portalArticle').length;
      const shown = articles(await all(hall.store.store));
      expect(shown).toBeLessThan(articles(whole.filter((e) => (e.data as { publishedOn?: string }).publishedOn?.startsWith('2013'))));
      expect(html).toContain(`data-figure="portal-articles">${shown}<`);
    } finally {
      await hall.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
