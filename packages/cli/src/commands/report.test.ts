import { mainlandChinaCalendar } from '@banshi/calendar';
import { createMemoryStore, exportJsonl, handle } from '@banshi/core';
import { createDisclosureDecider, createProactiveDecider, disclosureRegistry, publicInfoStream, requestStream } from '@banshi/disclosure';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIO } from '../command.js';
import { reportCommand } from './report.js';

let dir: string;
let log: string;

function fakeIO(): CliIO & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    stdinLines: async function* () {},
    stdout: (t) => void (out += t),
    stderr: (t) => void (err += t),
    cwd: dir,
    out: () => out,
    err: () => err,
  };
}
async function run(...argv: string[]) {
  const io = fakeIO();
  const code = await reportCommand.run(argv, io);
  return { code, out: io.out(), err: io.err() };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'banshi-report-'));
  const calendar = mainlandChinaCalendar();
  const requests = createDisclosureDecider({ calendar });
  const items = createProactiveDecider({ calendar });
  const store = createMemoryStore({ registry: disclosureRegistry });
  const agency = '台州市行政服务中心';
  const receive = (id: string, submittedOn: string, type: 'naturalPerson' | 'commercialEnterprise') =>
    handle(store, requestStream(id), { type: 'ReceiveRequest', requestId: id, agency, applicant: { type, name: id }, channel: 'inPerson', submittedOn, description: '审批目录' }, requests);
  await receive('TZ-1', '2013-03-04', 'naturalPerson');
  await handle(store, requestStream('TZ-1'), { type: 'Conclude', on: '2013-03-15', outcome: 'granted' }, requests);
  await receive('TZ-2', '2013-12-23', 'commercialEnterprise');
  await handle(store, requestStream('OTHER'), { type: 'ReceiveRequest', requestId: 'OTHER', agency: '港航分中心', applicant: { type: 'naturalPerson', name: 'x' }, channel: 'inPerson', submittedOn: '2013-05-06', description: 'x' }, requests);
  await receive('TZ-2022-1', '2022-03-01', 'naturalPerson');
  await handle(store, requestStream('TZ-2022-1'), { type: 'Conclude', on: '2022-03-15', outcome: 'granted' }, requests);
  await handle(store, publicInfoStream('G-1'), { type: 'FormInfo', itemId: 'G-1', agency, title: '服务指南', category: 'normativeDocument', formedOn: '2013-09-02' }, items);
  await handle(store, publicInfoStream('G-1'), { type: 'ReviewInfo', on: '2013-09-03', decision: 'publish' }, items);
  await handle(store, publicInfoStream('G-1'), { type: 'PublishInfo', on: '2013-09-04', channels: ['governmentWebsite', 'centerPortal'] }, items);
  let text = '';
  for await (const c of exportJsonl(store.readAll())) text += c;
  log = join(dir, '2013.jsonl');
  writeFileSync(log, text);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('banshi report disclosure', () => {
  it('prints a 2013-shaped report for 2013 (2008 第三十二条), never the 2021 tables', async () => {
    const r = await run('disclosure', '--log', log, '--year', '2013', '--agency', '台州市行政服务中心');
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(r.out).toMatch(/^# 台州市行政服务中心2013年政府信息公开工作年度报告/);
    expect(r.out).toContain('| （一）本年收到政府信息公开申请 | 2 |');
    expect(r.out).toContain('| 　1.同意公开（第二十一条（一）） | 1 |');
    expect(r.out).toContain('| （四）结转下年度继续办理 | 1 |');
    expect(r.out).toContain('## 四、政府信息公开的收费及减免情况');
    expect(r.out).toContain('2007年国务院令第492号');
    expect(r.out).not.toContain('一、本年新收政府信息公开申请数量');
    expect(r.out).not.toContain('国办公开办函〔2021〕30号');
  });

  it('prints the 2021 tables for 2022', async () => {
    const r = await run('disclosure', '--log', log, '--year', '2022', '--agency', '台州市行政服务中心');
    expect(r.code).toBe(0);
    expect(r.out).toContain('| 一、本年新收政府信息公开申请数量 |  |  | 1 | 0 | 0 | 0 | 0 | 0 | 1 |');
    expect(r.out).toContain('国办公开办函〔2021〕30号');
  });

  it('without --agency counts every agency; the log path is relative to the working directory', async () => {
    const r = await run('disclosure', '--log', '2013.jsonl', '--year=2013', '--format', 'json');
    expect(JSON.parse(r.out)).toMatchObject({ format: '2008', requests: { received: 3, byChannel: { inPerson: 3 } } });
  });

  it('--center FILE gives the agency when --agency is not given; a bad file is CENTER_REPORT_CONFIG_INVALID (exit 1), a missing one exit 2', async () => {
    writeFileSync(join(dir, 'center.json'), JSON.stringify({ centerId: 'tz', name: '台州市人民政府行政服务中心', agency: '台州市行政服务中心' }));
    const byCenter = await run('disclosure', '--log', log, '--year', '2013', '--format', 'json', '--center', 'center.json');
    const byAgency = await run('disclosure', '--log', log, '--year', '2013', '--format', 'json', '--agency', '台州市行政服务中心');
    expect(byCenter.code).toBe(0);
    expect(byCenter.out).toBe(byAgency.out);
    expect(JSON.parse(byCenter.out)).toMatchObject({ requests: { received: 2 } });
    writeFileSync(join(dir, 'bad-center.json'), JSON.stringify({ name: '中心' }));
    const bad = await run('disclosure', '--log', log, '--year', '2013', '--center', 'bad-center.json');
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/\[CENTER_REPORT_CONFIG_INVALID\] .*centerId/);
    expect((await run('disclosure', '--log', log, '--year', '2013', '--center', 'nowhere.json')).code).toBe(2);
  });

  it('--lang en prints the statutory Chinese format unchanged and says so; another language is a usage error', async () => {
    const zh = await run('disclosure', '--log', log, '--year', '2013', '--agency', '台州市行政服务中心');
    const en = await run('disclosure', '--log', log, '--year', '2013', '--agency', '台州市行政服务中心', '--lang', 'en');
    expect(en.code).toBe(0);
    expect(en.out).toBe(zh.out);
    expect(zh.err).toBe('');
    expect(en.err).toContain('the disclosure annual report is the statutory format of its year, printed in Chinese; --lang en does not translate it');
    const fr = await run('disclosure', '--log', log, '--year', '2013', '--lang', 'fr');
    expect(fr.code).toBe(2);
    expect(fr.err).toContain('--lang must be zh or en');
  });

  it('warns when --agency matches nothing in the log', async () => {
    const r = await run('disclosure', '--log', log, '--year', '2013', '--agency', '温州市行政服务中心');
    expect(r.code).toBe(0);
    expect(r.err).toContain('no request or item of agency "温州市行政服务中心" in the log (agencies in it: 台州市行政服务中心, 港航分中心)');
  });

  it('writes csv and html with --out', async () => {
    for (const format of ['csv', 'html'] as const) {
      const r = await run('disclosure', '--log', log, '--year', '2013', '--format', format, '--out', `r.${format}`);
      expect(r.code).toBe(0);
      const body = readFileSync(join(dir, `r.${format}`), 'utf8');
      expect(body).toContain('（四）结转下年度继续办理');
      expect(r.out).toBe(`wrote ${join(dir, `r.${format}`)}\n`);
    }
  });

  it.each([
    [[], 'missing report kind'],
    [['approval', '--log', 'x', '--year', '2013'], 'unknown report "approval"'],
    [['disclosure', '--year', '2013'], 'missing --log'],
    [['disclosure', '--log', 'x.jsonl'], 'missing --year'],
    [['disclosure', '--log', 'x.jsonl', '--year', '13'], '--year must be a four-digit year'],
    [['disclosure', '--log', 'x.jsonl', '--year', '2013', '--format', 'pdf'], '--format must be one of md, csv, json, html'],
    [['disclosure', '--log', 'x.jsonl', '--year', '2013', '--colour'], 'unknown option "--colour"'],
    [['disclosure', '--log', '--year', '2013'], '--log needs a value'],
    [['disclosure', '--log', 'missing.jsonl', '--year', '2013'], 'log file not found'],
  ])('bad command line %j → exit 2 with one clear line', async (argv, message) => {
    const r = await run(...argv);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toContain(message);
    expect(r.err.trim().split('\n')).toHaveLength(1);
  });

  it('a log with a bad line → exit 1 naming the line, nothing printed', async () => {
    const bad = join(dir, 'bad.jsonl');
    writeFileSync(bad, readFileSync(log, 'utf8') + '{"not json\n' + readFileSync(log, 'utf8'));
    const r = await run('disclosure', '--log', bad, '--year', '2013');
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/^banshi report: \[CORE_JSONL_LINE\] line 10 /);
  });

  it('a log that breaks a report check → the report says which, exit 1', async () => {
    const twice = join(dir, 'twice.jsonl');
    const lines = readFileSync(log, 'utf8').split('\n');
    const concluded = lines.find((l) => l.includes('"DisclosureRequestConcluded"')) as string;
    writeFileSync(twice, [...lines.filter(Boolean), concluded.replace(/"id":"[^"]+"/, '"id":"dup-1"').replace('"version":2', '"version":3')].join('\n') + '\n');
    const r = await run('disclosure', '--log', twice, '--year', '2013');
    expect(r.code).toBe(1);
    expect(r.out).toContain('校验未通过');
    expect(r.err).toContain('singleOutcome');
  });

  it('a torn last line is left out with a warning', async () => {
    const torn = join(dir, 'torn.jsonl');
    writeFileSync(torn, readFileSync(log, 'utf8') + '{"data":{"on":"2013-');
    const r = await run('disclosure', '--log', torn, '--year', '2013', '--format', 'json');
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/torn line at byte \d+/);
    expect(JSON.parse(r.out).requests.received).toBe(3);
  });

  it('--help prints the usage', async () => {
    const r = await run('--help');
    expect(r.code).toBe(0);
    expect(r.out).toContain('banshi report disclosure --log FILE.jsonl --year YYYY');
  });
});
