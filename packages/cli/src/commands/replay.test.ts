import { approvalEvents, createApprovalDecider, type ApprovalCommand } from '@banshi/approval';
import { mainlandChinaCalendar } from '@banshi/calendar';
import { createEventRegistry, createMemoryStore, exportJsonl, handle } from '@banshi/core';
import { createProactiveDecider, disclosureEvents, publicInfoStream } from '@banshi/disclosure';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIO } from '../command.js';
import { replayCommand } from './replay.js';

let dir: string;
let log: string;

async function run(...argv: string[]) {
  let out = '';
  let err = '';
  const io: CliIO = { stdinLines: async function* () {}, stdout: (t) => void (out += t), stderr: (t) => void (err += t), cwd: dir };
  const code = await replayCommand.run(argv, io);
  return { code, out, err };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'banshi-replay-'));
  const calendar = mainlandChinaCalendar();
  const approval = createApprovalDecider({ calendar });
  const items = createProactiveDecider({ calendar });
  const store = createMemoryStore({ registry: createEventRegistry([...approvalEvents, ...disclosureEvents]) });
  const receive = (caseId: string, on: string, channel: 'window' | 'online'): ApprovalCommand => ({ type: 'Receive', on, channel, caseId, itemCode: 'XK-1', department: '住建', applicant: { name: 'a', kind: 'person' }, materials: [], node: 'center', inPerson: channel === 'window' });
  await handle(store, 'case-1', receive('1', '2013-09-16', 'window'), approval);
  await handle(store, 'case-1', { type: 'Accept', on: '2013-09-16', channel: 'window' }, approval);
  // Disclosure events between the approval steps, written at the window too.
  await handle(store, publicInfoStream('G-1'), { type: 'FormInfo', itemId: 'G-1', agency: '中心', title: '服务指南', category: 'normativeDocument', formedOn: '2013-09-02' }, items);
  await handle(store, publicInfoStream('G-1'), { type: 'ReviewInfo', on: '2013-09-03', decision: 'publish' }, items);
  await handle(store, publicInfoStream('G-1'), { type: 'PublishInfo', on: '2013-09-04', channels: ['governmentWebsite', 'centerPortal'] }, items);
  await handle(store, 'case-1', { type: 'Decide', on: '2014-01-06', channel: 'online', outcome: 'grant' }, approval);
  await handle(store, 'case-2', receive('2', '2014-01-06', 'online'), approval);
  let text = '';
  for await (const c of exportJsonl(store.readAll())) text += c;
  log = join(dir, 'mixed.jsonl');
  writeFileSync(log, text);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('banshi replay --report approval', () => {
  it('counts approval steps only, in the year asked for (issue #12 §4)', async () => {
    const r2013 = await run('--from', log, '--report', 'approval', '--year', '2013');
    expect(r2013.code).toBe(0);
    expect(JSON.parse(r2013.out)).toEqual({
      year: 2013,
      months: { '2013-09': { received: 1, decided: 0, onTimeStatutory: 0, onTimePromised: 0, dueDateUnknown: 0 } },
      channels: { window: 2 },
      visitsByDepartment: { 住建: { cases: 1, visits: 1, atMostOneVisit: 1 } },
    });
    const r2014 = JSON.parse((await run('--from', log, '--report', 'approval', '--year', '2014')).out);
    expect(r2014.months).toEqual({ '2014-01': { received: 1, decided: 1, onTimeStatutory: 0, onTimePromised: 0, dueDateUnknown: 0 } });
    expect(r2014.channels).toEqual({ online: 2 });
    expect(r2014.visitsByDepartment).toEqual({ 住建: { cases: 1, visits: 0, atMostOneVisit: 1 } });
  });
});

describe('banshi replay --report center --center FILE', () => {
  const write = (name: string, value: unknown) => {
    const path = join(dir, name);
    writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value));
    return path;
  };
  const json = async (argv: string[], env: Record<string, string> = {}, cwd = dir) => {
    let out = '';
    let err = '';
    const code = await replayCommand.run(['--from', log, '--report', 'center', '--year', '2014', '--format', 'json', ...argv], { stdinLines: async function* () {}, stdout: (t) => void (out += t), stderr: (t) => void (err += t), cwd, env });
    return { code, err, report: code === 0 ? (JSON.parse(out) as { center: { name: string | null; agency: string | null }; approval: { departments: { department: string }[] } }) : undefined };
  };

  it('takes the organisation from the file: flag over BANSHI_CENTER over banshi.config.json', async () => {
    const flag = write('flag.json', { centerId: 'c', name: '旗标中心', departments: [{ id: '住建', name: '某市住房和城乡建设局' }] });
    const env = write('env.json', { centerId: 'c', name: '环境中心', agency: '中心' });
    const sub = mkdtempSync(join(dir, 'cfg-'));
    writeFileSync(join(sub, 'file.json'), JSON.stringify({ centerId: 'c', name: '配置文件中心' }));
    writeFileSync(join(sub, 'banshi.config.json'), JSON.stringify({ center: 'file.json' }));
    const byFlag = await json(['--center', flag], { BANSHI_CENTER: env }, sub);
    expect(byFlag.report?.center.name).toBe('旗标中心');
    expect(byFlag.report?.approval.departments.map((d) => d.department)).toEqual(['某市住房和城乡建设局']);
    expect((await json([], { BANSHI_CENTER: env }, sub)).report?.center).toEqual({ id: 'c', name: '环境中心', agency: '中心' });
    expect((await json([], {}, sub)).report?.center.name).toBe('配置文件中心');
    // The configuration may stand in banshi.config.json itself.
    writeFileSync(join(sub, 'banshi.config.json'), JSON.stringify({ center: { centerId: 'c', name: '内嵌中心' } }));
    expect((await json([], {}, sub)).report?.center.name).toBe('内嵌中心');
    // Without any: what the log says (it establishes no center).
    expect((await json([])).report?.center).toEqual({ id: null, name: null, agency: null });
  });

  it('a missing file is a usage error; a file that is not a center configuration names the field (exit 1)', async () => {
    await expect(json(['--center', join(dir, 'none.json')])).rejects.toThrow(/--center: no file .*none\.json/);
    const bad = await json(['--center', write('bad.json', { centerId: 'c', name: '中心', tradingCategories: [{ code: 'x', label: 'X', area: 'yes' }] })]).catch((e: Error & { code?: string }) => e);
    expect(bad).toMatchObject({ code: 'CENTER_REPORT_CONFIG_INVALID', field: 'tradingCategories.0.area' });
    await expect(json(['--center', write('notjson.json', '{ centerId: c')])).rejects.toMatchObject({ code: 'CENTER_REPORT_CONFIG_INVALID', field: '(root)' });
    await expect(replayCommand.run(['--from', log, '--report', 'approval', '--year', '2014', '--center', 'x.json'], { stdinLines: async function* () {}, stdout: () => undefined, stderr: () => undefined, cwd: dir })).rejects.toThrow('--center goes with --report center');
  });
});
