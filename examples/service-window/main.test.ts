import { mainlandChinaCalendar, statutoryClock } from '@banshi/calendar';
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
let out = '';
/** The printed block of one case. */
const block = (n: number): string => {
  const id = `TZ-2013-${String(n).padStart(6, '0')}`;
  const start = out.indexOf(`\n${id}  `);
  const end = out.indexOf('\n\n', start + 1);
  return out.slice(start, end < 0 ? undefined : end);
};

beforeAll(() => {
  out = execFileSync(process.execPath, ['--conditions=banshi-source', '--import', 'tsx', join(here, 'main.ts')], { encoding: 'utf8', cwd: here });
});

describe('service-window example', () => {
  it('drives 20 cases and prints each timeline with its clocks', () => {
    expect(out.match(/^TZ-2013-0000\d\d {2}/gm)).toHaveLength(20);
    expect(out.match(/^ {2}clock statutory {3}due /gm)?.length).toBeGreaterThanOrEqual(17);
  });

  it('"网上受理、网上审核、网下办理、网上反馈" takes one visit', () => {
    const b = block(2);
    expect(b).toContain('status closed · visits 1');
    expect(b).toMatch(/收件\s+online[\s\S]*受理\s+online[\s\S]*送达\s+window 到场[\s\S]*评价\s+online/);
  });

  it('the second 补正 notice, a clerk\'s extension and a late renewal are refused with their articles', () => {
    expect(block(4)).toContain('APPROVAL_SUPPLEMENT_ALREADY_NOTIFIED — 补正 already notified once');
    expect(block(4)).toContain('行政许可法 第三十二条');
    expect(block(13)).toContain('APPROVAL_EXTENSION_NEEDS_HEAD');
    expect(block(9)).toContain('APPROVAL_EXTENSION_NEEDS_GOVERNMENT_HEAD');
    expect(block(9)).toContain('行政许可法 第四十二条第二款');
    expect(block(10)).toContain('APPROVAL_REVIEW_NOT_APPROVED');
    expect(block(13)).toContain('APPROVAL_EXTENSION_ALREADY_GRANTED');
    expect(block(18)).toContain('APPROVAL_EXTENSION_AFTER_DUE_DATE');
    expect(block(20)).toContain('APPROVAL_RENEWAL_TOO_LATE');
    expect(block(20)).toContain('行政许可法 第五十条');
    expect(block(10)).toContain('APPROVAL_DENIAL_NEEDS_REASONS');
  });

  it('deemed acceptance counts the decision clock from the receipt date', () => {
    const cal = mainlandChinaCalendar();
    expect(block(6)).toContain('视为受理');
    expect(block(6)).toContain(`clock statutory   due ${cal.addWorkingDays('2013-09-02', 20)}`);
  });

  it('the special procedure moves the due date by the paused working days', () => {
    const cal = mainlandChinaCalendar();
    const accepted = cal.addWorkingDays('2013-09-02', 1);
    const due = statutoryClock({ calendar: cal, start: accepted, limit: 20, pauses: [{ from: cal.addWorkingDays('2013-09-02', 3), to: cal.addWorkingDays('2013-09-02', 12) }] }).dueDate;
    expect(block(12)).toContain(`clock statutory   due ${String(due)}`);
    expect(due).not.toBe(cal.addWorkingDays(accepted, 20));
  });

  it('warnings appear once (the repeated due check appended nothing) and the overdue case shows red', () => {
    const b = block(18);
    expect(b.match(/预警\s+system\s+法定期限黄灯/g)).toHaveLength(1);
    expect(b).toMatch(/预警\s+system\s+法定期限红灯/);
    expect(b).toMatch(/clock statutory .* late, ended/);
  });

  it('prints the case-summary read model and a verified log', () => {
    expect(out).toContain('2013-09: received 20');
    expect(out).toMatch(/市场监管: 14 cases, \d+ visits, at most one visit \d+\/14/);
    expect(out).toContain('hash chains verified');
  });
});
