/**
 * Reports for any center (issue 19): a made-up second center, 示例市政务服务中心, with its own
 * departments, two sub-centers and three trading categories of its own, runs the center report
 * on its own log from configuration alone — `banshi replay --report center --center second.json`,
 * as text and as report.html. Every section shows that center's names and exact figures for the
 * year asked, and no Taizhou name appears anywhere.
 */
import { main, type CliIO } from '@banshi/cli';
import { tradingCategories } from '@banshi/catalog';
import { exportJsonl } from '@banshi/core';
import { departments, taizhouNodes, taizhouCenter } from '@banshi/example-taizhou-2013';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { secondCenter, secondCenterLog } from './_lib/secondCenter.js';

let dir = '';
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'banshi-second-'));
  const log = await secondCenterLog();
  let text = '';
  for await (const c of exportJsonl((async function* () {
    yield* log;
  })()))
    text += c;
  writeFileSync(join(dir, 'second.jsonl'), text);
  writeFileSync(join(dir, 'second.json'), JSON.stringify(secondCenter, null, 2));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function banshi(...argv: string[]) {
  let out = '';
  let err = '';
  const io: CliIO = { stdinLines: async function* () {}, stdout: (t) => void (out += t), stderr: (t) => void (err += t), cwd: dir, env: {} };
  const code = await main(argv, io);
  return { code, out, err };
}

/** The rows of every table: terminal tables (│ a │ b │) or HTML (<tr><td>a</td>…). */
function rows(output: string): string[][] {
  const html = [...output.matchAll(/<tr[^>]*>(.*?)<\/tr>/gs)].map((m) => [...m[1]!.matchAll(/<t[dh][^>]*>(.*?)<\/t[dh]>/gs)].map((c) => c[1]!.replace(/<[^>]+>/g, '').trim()));
  const text = output
    .split('\n')
    .filter((l) => l.startsWith('│'))
    .map((l) => l.split('│').slice(1, -1).map((c) => c.trim()));
  return [...html, ...text];
}

/** Each year's rows as the report prints them: the second center's names with its exact figures. */
const expected = {
  2014: {
    rows: [
      ['3', '3', '100.0%', '100.0%', '100.0%', '—', '0'],
      ['4', '1', '1', '0', '2', '50.0%', '0'],
      ['3', '2', '0', '2', '0'],
      ['100', '80', '70', '87.5%'],
      ['水权交易', '1', '1.00亿元', '—', '0.90亿元', '0.10亿元', '10.0%', '—'],
      ['碳排放权交易', '1', '—', '—', '0.50亿元', '—', '—', '—'],
      ['林权交易', '0', '—', '—', '0.00亿元', '—', '—', '0.00公顷'],
      ['示例市公共资源交易网', '4'],
      ['示例日报', '1'],
      ['2', '1', '示例政务信息 1', '300', '0'],
      ['示例市东区便民服务分中心'],
      ['示例市西区便民服务分中心'],
    ],
    departments: [
      ['示例市市场监管局', '2', '100.0%', '100.0%'],
      ['示例市住房和城乡建设局', '1', '100.0%', '100.0%'],
      ['示例市交通局', '0', '—', '—'],
    ],
    noticeRate: '75.0% (3 / 4)',
    cleanup: '2014年示例市行政审批事项清理',
  },
  2015: {
    rows: [
      ['2', '2', '100.0%', '100.0%', '100.0%', '—', '0'],
      ['2', '0', '0', '1', '1', '50.0%', '1'],
      ['1', '2', '0', '2', '1'],
      ['50', '40', '40', '100.0%'],
      ['水权交易', '1', '2.00亿元', '—', '1.50亿元', '0.50亿元', '25.0%', '—'],
      ['碳排放权交易', '0', '—', '—', '0.00亿元', '—', '—', '—'],
      ['林权交易', '1', '—', '—', '3.00亿元', '—', '—', '2.00公顷'],
      ['示例市公共资源交易网', '3'],
      ['1', '0', '示例政务信息 1', '200', '0'],
      ['示例市东区便民服务分中心'],
    ],
    departments: [
      ['示例市交通局', '2', '100.0%', '100.0%'],
      ['示例市市场监管局', '0', '—', '—'],
      ['示例市住房和城乡建设局', '0', '—', '—'],
    ],
    noticeRate: '100.0% (4 / 4)',
    cleanup: '2015年示例市行政审批事项清理',
  },
} as const;

/** Every name of the Taizhou fixture, and the built-in trading labels the second center does not use. */
const taizhouNames = ['台州', taizhouCenter.name, ...(taizhouCenter.agency ? [taizhouCenter.agency] : []), ...departments.map((d) => d.name), ...taizhouNodes.map((n) => n.name), ...Object.values(tradingCategories).map((c) => c.label)];

describe('a second center from configuration alone', () => {
  it('the second center shares no name with Taizhou (so the check below can tell them apart)', () => {
    const own = JSON.stringify(secondCenter);
    expect(taizhouNames.filter((n) => own.includes(n))).toEqual([]);
  });

  for (const year of [2014, 2015] as const) {
    it(`banshi replay --report center --center second.json --year ${year}: text and report.html show its names and exact figures`, async () => {
      const text = await banshi('replay', '--from', 'second.jsonl', '--report', 'center', '--year', String(year), '--center', 'second.json');
      expect(text.err).toBe('');
      expect(text.code).toBe(0);
      const html = await banshi('replay', '--from', 'second.jsonl', '--report', 'center', '--year', String(year), '--center', 'second.json', '--format', 'html', '--out', `report-${year}.html`);
      expect(html.code).toBe(0);
      const page = readFileSync(join(dir, `report-${year}.html`), 'utf8');
      for (const output of [text.out, page]) {
        expect(output).toContain(`示例市政务服务中心 ${year}`);
        expect(output).toContain(expected[year].cleanup);
        const table = rows(output);
        for (const row of expected[year].rows) expect(table, `${year}: ${row.join(' | ')}`).toContainEqual([...row]);
        expect(table.some((r) => r.includes(expected[year].noticeRate))).toBe(true);
        // The departments: a table in the terminal, a chart on the page.
        if (output === text.out) for (const row of expected[year].departments) expect(table).toContainEqual([...row]);
        else for (const [name] of expected[year].departments) expect(output).toContain(name);
        if (year === 2015) expect(output).not.toContain('西区');
        expect(taizhouNames.filter((n) => output.includes(n))).toEqual([]);
      }
    });
  }

  it('a year without events is an empty report that says so, in the second center’s name', async () => {
    const r = await banshi('replay', '--from', 'second.jsonl', '--report', 'center', '--year', '2013', '--center', 'second.json');
    expect(r.code).toBe(0);
    expect(r.out).toContain('示例市政务服务中心 2013');
    expect(r.out).toContain('本日志没有 2013 年的事件');
    expect(rows(r.out)).not.toContainEqual(['示例市东区便民服务分中心']);
  });
});
