import { foldDecider, type Actor } from '@banshi/core';
import { deciderSpec } from '@banshi/testing';
import { describe, expect, it } from 'vitest';
import { ApprovalConfigError, createApprovalDecider, licensingRules, type ApprovalCommand, type ApprovalCommandOf, type ApprovalEvent } from '../index.js';
import { runCommands } from '../_test/runCommands.js';

// 行政许可法 第四十二条第一款: "…二十日内不能作出决定的…可以延长十日…。但是，法律、法规另有规定的，依照其规定。"
const approval = createApprovalDecider({
  itemLimits: {
    'XK-30': { promised: 12, statutory: { days: 30, law: '某条例', article: '第十二条' } },
    'XK-30E': { statutory: { days: 30, extensionDays: 15, law: '某条例', article: '第十三条' } },
  },
});
const spec = deciderSpec(approval);
const cal = approval.env.calendar;
const head: Actor = { id: 'h-1', role: 'head' };
const receive = (itemCode: string, over: Partial<ApprovalCommandOf<'Receive'>> = {}): ApprovalCommand => ({
  type: 'Receive', on: '2013-09-16', channel: 'window', caseId: 'C-1', itemCode, department: '发改',
  applicant: { name: '某公司', kind: 'organization' }, materials: ['申请书'], node: 'center', ...over,
});
const accept: ApprovalCommand = { type: 'Accept', on: '2013-09-17', channel: 'window' };
const run = (commands: readonly ApprovalCommand[]): ApprovalEvent[] => runCommands(approval, commands, head);

describe('an item whose statutory limit another law sets (第四十二条: 法律、法规另有规定的，依照其规定)', () => {
  it('records the limit and its basis on receipt; the statutory clock runs on it and names it; the promise stays separate', () => {
    spec.given([]).when(receive('XK-30')).then([
      expect.objectContaining({ type: 'CaseReceived', data: expect.objectContaining({ promisedLimit: 12, statutoryLimit: { days: 30, extensionDays: 0, basis: '某条例 第十二条' } }) }) as unknown as ApprovalEvent,
    ]);
    spec.given(run([receive('XK-30')])).when(accept).thenState((s) => {
      expect(s.data.clocks.statutory).toMatchObject({ limit: 30, dueDate: cal.addWorkingDays('2013-09-17', 30), basis: `某条例 第十二条（${licensingRules.itemStatutoryLimit.basis}）` });
      expect(s.data.clocks.promised).toMatchObject({ limit: 12, dueDate: cal.addWorkingDays('2013-09-17', 12) });
    });
  });

  it('is not red after 20 working days; its warning carries the other law as basis', () => {
    const s = foldDecider(approval, run([receive('XK-30'), accept]));
    const day21 = cal.addWorkingDays('2013-09-17', 21);
    const warned = approval.dueCheck(s, day21);
    expect(warned.map((e) => (e.type === 'DeadlineWarned' ? [e.data.clock, e.data.level] : e.type))).toEqual([['promised', 'red']]);
    const day31 = cal.addWorkingDays('2013-09-17', 31);
    const late = approval.dueCheck(foldDecider(approval, [...run([receive('XK-30'), accept]), ...warned]), day31);
    expect(late).toContainEqual(expect.objectContaining({ type: 'DeadlineWarned', data: expect.objectContaining({ clock: 'statutory', level: 'red', basis: expect.stringContaining('某条例 第十二条') }) }));
  });

  it('a promise longer than the other law\'s limit is refused, naming that law', () => {
    spec.given([]).when(receive('XK-30', { promisedLimit: 31 })).thenRejects('APPROVAL_PROMISE_EXCEEDS_STATUTORY_LIMIT', '某条例 第十二条');
    spec.given([]).when(receive('XK-30', { promisedLimit: 25 })).thenState((s) => expect(s.data.promisedLimit).toBe(25));
  });

  it('extends only as that law allows: none unless the item says so (the +10 of 第四十二条 belongs to its 20 days; our reading)', () => {
    const ext = (on: string): ApprovalCommand => ({ type: 'Extend', on, channel: 'window', reasons: ['需现场核查'], applicantToldOn: on });
    spec.given(run([receive('XK-30'), accept])).when(ext('2013-10-14'), { actor: head }).thenRejects('APPROVAL_NO_EXTENSION', '第四十二条第一款（法律、法规另有规定的');
    spec.given(run([receive('XK-30E'), accept])).when(ext('2013-10-14'), { actor: head }).thenState((s, [e]) => {
      expect(e).toMatchObject({ type: 'ExtensionGranted', data: { days: 15 } });
      expect(s.data.clocks.statutory?.dueDate).toBe(cal.addWorkingDays('2013-09-17', 45));
    });
  });

  it('joint and preliminary handling keep their own articles (第四十二条第二款, 第四十三条)', () => {
    spec.given(run([receive('XK-30', { handling: 'joint' })])).when(accept).thenState((s) => expect(s.data.clocks.statutory).toMatchObject({ limit: 45, basis: licensingRules.jointDecision.basis }));
  });

  it('a configuration without the law, the article or a whole number of days is refused up front', () => {
    expect(() => createApprovalDecider({ itemLimits: { X: { statutory: { days: 0, law: 'a', article: 'b' } } } })).toThrow(ApprovalConfigError);
    expect(() => createApprovalDecider({ itemLimits: { X: { statutory: { days: 30, law: ' ', article: 'b' } } } })).toThrow(/law and the article/);
  });
});
