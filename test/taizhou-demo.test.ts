/**
 * The main job end to end: `banshi demo` generates Taizhou 2013 into SQLite, replays it and
 * must reproduce every figure of the seed report from the replayed output (report.json).
 */
import { main, type CliIO } from '@banshi/cli';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'banshi-demo-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function io() {
  const out: string[] = [];
  const err: string[] = [];
  const x: CliIO = { stdinLines: async function* () {}, stdout: (t) => void out.push(t), stderr: (t) => void err.push(t), cwd: dir };
  return { io: x, out: () => out.join(''), err: () => err.join('') };
}

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

interface Report {
  approval: { received: number; decided: number; onlinePattern: number; intakeChannels: Record<string, number>; visits: { cases: number; withRequired: number; withinRequired: number } };
  cleanup: { items: number; cancelled: number; delegated: number; adjusted: number; retained: number; reductionRate: string; standardizedDepartments: number };
  disclosure: { governmentWebsite: number; centerPortal: number; requestsReceived: number; report: { ok: boolean; requests: { total: number[]; newReceived: number[] } } };
  intermediaries: { submitted: number; published: number };
  surveys: { issued: number; returned: number; satisfaction: string };
  trading: { category: string; deals: number; market: string; price: string; savings: string; savingsRate: string; area: string }[];
  nodes: { subCenters: string[] };
  seedCheck: { id: string; figure: string; ok: boolean; kind: string; seed: string; expected: string; replayed: string }[];
  synthetic: { section: string }[];
  verified: boolean;
}

describe('banshi demo (Taizhou 2013)', () => {
  let first = '';
  it('generates, replays and reproduces every seed figure', async () => {
    const r = io();
    const code = await main(['demo', '--cases', '400', '--dir', 'out', '--quiet', '--lang', 'en'], r.io);
    expect(r.err()).toBe('');
    expect(code).toBe(0);
    expect(r.out()).toContain('38 of 38 seed figures reproduced from the log (31 of 31 folded, 5 of 5 reconstructed, 2 of 2 vacuous).');
    // The three kinds of row, each with its mark, and the synthetic figures named as such.
    expect(r.out()).toMatch(/● +│ folded +│ cancelled/);
    expect(r.out()).toMatch(/◐ +│ reconstructed +│ procurement savings rate +│ 16% +│ 17\.4% \(seed's own figures: 17\.4%\)/);
    expect(r.out()).toMatch(/○ +│ vacuous +│ disclosure requests received/);
    expect(r.out()).toContain('Approval cases — SYNTHETIC');
    expect(r.out()).toContain('returned — SYNTHETIC');
    expect(r.out()).toMatch(/Hash chain verified: [\d,]+ events/);
    const rep = JSON.parse(readFileSync(join(dir, 'out', 'report.json'), 'utf8')) as Report;
    expect(rep.verified).toBe(true);
    expect(rep.cleanup).toMatchObject({ items: 897, cancelled: 159, delegated: 64, adjusted: 106, retained: 568, reductionRate: '36.7%', standardizedDepartments: 22 });
    expect(rep.disclosure).toMatchObject({ governmentWebsite: 877, centerPortal: 998, requestsReceived: 0 });
    expect(rep.disclosure.report.ok).toBe(true);
    expect(rep.intermediaries).toMatchObject({ submitted: 108, published: 59 });
    expect(rep.surveys).toMatchObject({ issued: 614, returned: 546, satisfaction: '100.0%' });
    const t = Object.fromEntries(rep.trading.map((x) => [x.category, x]));
    // Precision comes from the unit (亿元 to two decimals, percentages to one), never from the row; no budget is invented for procurement.
    expect(t.governmentProcurement).toMatchObject({ deals: 160, market: '2.93亿元', price: '2.42亿元', budget: '—', savingsRate: '17.4%' });
    expect(t.constructionTender).toMatchObject({ deals: 396, price: '83.20亿元', savings: '8.73亿元', savingsRate: '10.5%' });
    expect(t.landTransfer).toMatchObject({ deals: 62, area: '276.00公顷', price: '81.40亿元' });
    expect(t.stateProperty).toMatchObject({ deals: 4, price: '1.08亿元' });
    expect(t.other).toMatchObject({ deals: 24, price: '0.22亿元' });
    expect(rep.nodes.subCenters).toHaveLength(4);
    expect(rep.approval.received).toBe(400);
    expect(rep.approval.visits.cases).toBe(400);
    // Every case took its required visits from the catalog version in force on its receipt date.
    expect(rep.approval.visits.withRequired).toBe(400);
    expect(rep.approval.visits.withinRequired).toBeGreaterThan(0);
    // 2013: the online approval system was still being tendered, so no case arrives online.
    expect(Object.keys(rep.approval.intakeChannels).sort()).toEqual(['agent', 'mail', 'window']);
    expect(rep.approval.onlinePattern).toBe(0);
    expect(rep.synthetic.map((x) => x.section)).toEqual(['approval', 'disclosure', 'intermediaries', 'ratings', 'budget']);
    expect(Object.fromEntries(rep.seedCheck.map((c) => [c.id, c.kind]))).toMatchObject({ '依申请 requests received': 'vacuous', '征求意见表 issued': 'vacuous', '政府采购 节约率': 'reconstructed' });
    expect(rep.seedCheck.every((c) => c.ok)).toBe(true);
    const html = readFileSync(join(dir, 'out', 'report.html'), 'utf8');
    expect(html).toMatch(/^<!doctype html>[\s\S]*<svg[\s\S]*38 of 38 seed figures reproduced/);
    expect(html).toContain('<strong>SYNTHETIC</strong> — approval cases, their on-time rates, channels and visits');
    expect(html).toContain('<tr class="vacuous">');
    first = sha(join(dir, 'out', 'taizhou-2013.jsonl'));
  });

  it('is deterministic and safe to re-run: the same seed writes the same log, byte for byte', async () => {
    const r = io();
    expect(await main(['demo', '--cases', '400', '--dir', 'out', '--quiet'], r.io)).toBe(0);
    expect(sha(join(dir, 'out', 'taizhou-2013.jsonl'))).toBe(first);
    const v = io();
    expect(await main(['verify', '--from', join(dir, 'out', 'taizhou-2013.db')], v.io)).toBe(0);
    const replay = io();
    expect(await main(['replay', '--from', join(dir, 'out', 'taizhou-2013.jsonl'), '--report', 'center', '--year', '2013', '--format', 'json'], replay.io)).toBe(0);
    expect(JSON.parse(replay.out())).toMatchObject({ cleanup: { reductionRate: '36.7%' }, disclosure: { governmentWebsite: 877, centerPortal: 998 } });
  });

  it('two runs in one directory at once: the second waits for the lock, and the store they leave holds every event', async () => {
    const a = io();
    const b = io();
    const codes = await Promise.all([
      main(['demo', '--cases', '400', '--dir', 'race', '--quiet'], a.io),
      main(['demo', '--cases', '400', '--dir', 'race', '--quiet'], b.io),
    ]);
    expect(codes).toEqual([0, 0]);
    const v = io();
    expect(await main(['verify', '--from', join(dir, 'race', 'taizhou-2013.db')], v.io)).toBe(0);
    expect(v.out()).toMatch(/^ok: [1-9][\d]* events/);
    expect(readdirSync(join(dir, 'race')).filter((f) => /partial|lock|\.tmp/.test(f))).toEqual([]);
  });
});
