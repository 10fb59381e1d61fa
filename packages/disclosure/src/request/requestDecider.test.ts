import { mainlandChinaCalendar } from '@banshi/calendar';
import { createMemoryStore, DomainError, foldDecider, handle } from '@banshi/core';
import { deciderSpec } from '@banshi/testing';
import { describe, expect, it } from 'vitest';
import { disclosureRegistry, requestStream, type RequestEvent } from '../events/index.js';
import { createDisclosureDecider } from './requestDecider.js';
import type { RequestCommand } from './requestCommands.js';

const calendar = mainlandChinaCalendar();
const decider = createDisclosureDecider({ calendar });
const spec = deciderSpec(decider);

const received = (receivedOn: string, ruleSet: '2008' | '2019' = '2019'): RequestEvent => ({
  type: 'DisclosureRequestReceived',
  data: {
    requestId: 'R-1',
    agency: '市行政服务中心',
    applicant: { type: 'naturalPerson', name: '张三' },
    channel: 'inPerson',
    submittedOn: receivedOn,
    receivedOn,
    ruleSet,
    description: '2013年行政审批事项清理目录',
  },
});
const receive = (over: Partial<Extract<RequestCommand, { type: 'ReceiveRequest' }>> = {}): RequestCommand => ({
  type: 'ReceiveRequest',
  requestId: 'R-1',
  agency: '市行政服务中心',
  applicant: { type: 'naturalPerson', name: '张三' },
  channel: 'inPerson',
  submittedOn: '2020-03-02',
  description: '2013年行政审批事项清理目录',
  ...over,
});
const head = { id: 'u-9', role: 'officeHead' };
const r2020 = received('2020-03-02');

describe('receiving a request (第三十一条 receipt date, rule set by date)', () => {
  it('in person: the receipt date is the day it was handed in; 2019 text from 2019-05-15', () => {
    spec.given([]).when(receive()).then([r2020]);
    spec.given([]).when(receive({ submittedOn: '2019-05-15' })).thenState((s) => expect(s.ruleSet).toBe('2019'));
  });

  it('registered post: the day the agency signed for it; ordinary post, internet, fax: the day confirmed', () => {
    spec.given([]).when(receive({ channel: 'registeredPost', submittedOn: '2020-02-26', signedOn: '2020-03-02' })).thenState((s) => expect(s.receivedOn).toBe('2020-03-02'));
    for (const channel of ['ordinaryPost', 'internet', 'fax'] as const) {
      spec.given([]).when(receive({ channel, submittedOn: '2020-02-28', confirmedOn: '2020-03-02' })).thenState((s) => expect(s.receivedOn).toBe('2020-03-02'));
    }
  });

  it('a channel without the date it needs is a malformed command', () => {
    const e = spec.given([]).when(receive({ channel: 'registeredPost' })).thenRejects('DISCLOSURE_INVALID_COMMAND');
    expect(e.message).toContain('signedOn');
    spec.given([]).when(receive({ submittedOn: '2020-02-30' })).thenRejects('DISCLOSURE_INVALID_COMMAND');
    spec.given([]).when({ type: 'ReceiveRequest' } as RequestCommand).thenRejects('DISCLOSURE_INVALID_COMMAND');
  });

  it('received before 2019-05-15: the 2008 text, 15 working days from the day it arrived (2008 第二十四条)', () => {
    spec.given([]).when(receive({ channel: 'internet', submittedOn: '2019-05-13', confirmedOn: '2019-05-14' })).thenState((s) => {
      expect(s.ruleSet).toBe('2008');
      expect(s.receivedOn).toBe('2019-05-13');
      expect(decider.clock(s)?.dueDate).toBe(calendar.addWorkingDays('2019-05-13', 15));
    });
  });

  it('from 2019-05-15: 20 working days', () => {
    expect(decider.clock(foldDecider(decider, [r2020]))?.dueDate).toBe('2020-03-30');
  });

  it('a request cannot be received twice', () => {
    spec.given([r2020]).when(receive()).thenRejects('DISCLOSURE_ALREADY_RECEIVED');
  });
});

describe('supplementation (第三十条)', () => {
  const basis = '政府信息公开条例（2019） 第三十条';
  const notice: RequestEvent = { type: 'DisclosureSupplementRequested', data: { on: '2020-03-05', dueOn: '2020-03-20', items: ['申请内容的文号或标题'], basis } };

  it('one notice within 7 working days of receipt', () => {
    spec.given([r2020]).when({ type: 'RequestSupplement', on: '2020-03-05', dueOn: '2020-03-20', items: ['申请内容的文号或标题'] }).then([notice]);
    spec.given([r2020]).when({ type: 'RequestSupplement', on: '2020-03-11', dueOn: '2020-03-20', items: ['x'] }).then([{ type: 'DisclosureSupplementRequested', data: { on: '2020-03-11', dueOn: '2020-03-20', items: ['x'], basis } }]);
  });

  it('a notice on the 8th working day is late — 第三十条', () => {
    spec.given([r2020]).when({ type: 'RequestSupplement', on: '2020-03-12', dueOn: '2020-03-25', items: ['x'] }).thenRejects('DISCLOSURE_SUPPLEMENT_NOTICE_LATE', '第三十条');
  });

  it('only one notice, even after the supplement arrived — 第三十条', () => {
    spec.given([r2020, notice]).when({ type: 'RequestSupplement', on: '2020-03-06', dueOn: '2020-03-20', items: ['x'] }).thenRejects('DISCLOSURE_SUPPLEMENT_ALREADY_NOTIFIED', '第三十条');
    const supplied: RequestEvent = { type: 'DisclosureSupplementReceived', data: { on: '2020-03-10' } };
    spec.given([r2020, notice, supplied]).when({ type: 'RequestSupplement', on: '2020-03-11', dueOn: '2020-03-20', items: ['x'] }).thenRejects('DISCLOSURE_SUPPLEMENT_ALREADY_NOTIFIED', '第三十条');
  });

  it('the reply clock restarts on the supplement; none runs while it is awaited', () => {
    expect(decider.clock(foldDecider(decider, [r2020, notice]))).toBeNull();
    spec.given([r2020, notice]).when({ type: 'ReceiveSupplement', on: '2020-03-10' }).thenState((s) => expect(decider.clock(s)?.dueDate).toBe('2020-04-08'));
  });

  it('no supplement by its deadline: the due check ends the request under 其他处理 1, once', () => {
    const state = foldDecider(decider, [r2020, notice]);
    expect(decider.dueCheck(state, '2020-03-20')).toEqual([]);
    const events = decider.dueCheck(state, '2020-03-23');
    expect(events).toEqual([{ type: 'DisclosureRequestConcluded', data: { on: '2020-03-21', outcome: 'otherNoSupplement', basis: '政府信息公开条例（2019） 第三十条', dueDate: null, late: false } }]);
    expect(decider.dueCheck(foldDecider(decider, [r2020, notice, ...events]), '2020-03-30')).toEqual([]);
  });

  it('a supplement after its deadline is refused', () => {
    spec.given([r2020, notice]).when({ type: 'ReceiveSupplement', on: '2020-03-23' }).thenRejects('DISCLOSURE_NOT_ALLOWED', '第三十条');
  });
});

describe('third-party consultation (第三十二条: 15 working days, not counted)', () => {
  const consulted: RequestEvent = { type: 'DisclosureThirdPartyConsulted', data: { on: '2020-03-05', thirdParty: '某公司', replyDueOn: '2020-03-26' } };

  it('gives the third party 15 working days and stops the reply clock', () => {
    spec.given([r2020]).when({ type: 'ConsultThirdParty', on: '2020-03-05', thirdParty: '某公司' }).then([consulted]);
    const s = foldDecider(decider, [r2020, consulted]);
    expect(decider.clock(s)?.dueDate).toBeNull();
  });

  it('the days of consultation are not counted in the reply clock', () => {
    spec.given([r2020, consulted]).when({ type: 'RecordThirdPartyReply', on: '2020-03-20', consent: false }).thenState((s) => {
      // 3 working days used before the consultation, 17 left after the reply day.
      expect(decider.clock(s)?.dueDate).toBe(calendar.addWorkingDays('2020-03-20', 17));
      expect(decider.clock(s)?.dueDate).toBe('2020-04-15');
    });
  });

  it('an unanswered consultation lapses at its deadline (due check)', () => {
    const s = foldDecider(decider, [r2020, consulted]);
    expect(decider.dueCheck(s, '2020-03-26')).toEqual([]);
    expect(decider.dueCheck(s, '2020-03-27')).toEqual([{ type: 'DisclosureThirdPartyReplied', data: { on: '2020-03-26', consent: null, lapsed: true } }]);
  });

  it('a reply dated before the consultation is refused (steps come in date order)', () => {
    spec.given([r2020, consulted]).when({ type: 'RecordThirdPartyReply', on: '2020-03-04', consent: true }).thenRejects('DISCLOSURE_DATE_OUT_OF_ORDER');
  });

  it('the 2008 text sets no limit for the third party', () => {
    spec.given([received('2013-09-02', '2008')]).when({ type: 'ConsultThirdParty', on: '2013-09-05', thirdParty: '某公司' }).thenState((s) => expect(s.openPause?.until).toBeNull());
  });
});

describe('extension (once, by the office head, before the due date, of the days announced)', () => {
  const extend = (on: string, days = 20): RequestCommand => ({ type: 'ExtendReply', on, days, reason: '信息量大' });
  const asHead = { actor: head };

  it('adds the announced working days, at most 20 under the 2019 text; the applicant is told the new date', () => {
    spec.given([r2020]).when(extend('2020-03-27'), asHead).then([{ type: 'DisclosureReplyExtended', data: { on: '2020-03-27', days: 20, approvedBy: head, reason: '信息量大', dueDate: '2020-04-27' } }]);
    spec.given([r2020]).when(extend('2020-03-27', 5), asHead).thenState((s, [e]) => {
      expect(e?.data).toMatchObject({ days: 5, dueDate: '2020-04-07' });
      expect(decider.dueDate(s)).toBe('2020-04-07');
    });
    spec.given([r2020]).when(extend('2020-03-27', 21), asHead).thenRejects('DISCLOSURE_EXTENSION_TOO_LONG', '第三十三条');
  });

  it('the late flag uses the announced date, not the maximum', () => {
    spec.given([r2020]).when(extend('2020-03-27', 5), asHead).thenState((s) => {
      const late = decider.decide({ type: 'Conclude', on: '2020-04-08', outcome: 'granted' }, s);
      expect(late).toMatchObject([{ data: { dueDate: '2020-04-07', late: true } }]);
    });
  });

  it('at most 15 under the 2008 text', () => {
    spec.given([received('2013-09-02', '2008')]).when(extend('2013-09-10', 15), asHead).thenState((s) => expect(decider.clock(s)?.dueDate).toBe('2013-10-18'));
    spec.given([received('2013-09-02', '2008')]).when(extend('2013-09-10', 16), asHead).thenRejects('DISCLOSURE_EXTENSION_TOO_LONG', '政府信息公开条例（2008） 第二十四条');
  });

  it('while a consultation pauses the clock, the extension records the projected due date', () => {
    const consulted: RequestEvent = { type: 'DisclosureThirdPartyConsulted', data: { on: '2020-03-05', thirdParty: '某公司', replyDueOn: '2020-03-26' } };
    spec.given([r2020, consulted]).when(extend('2020-03-10'), asHead).thenState((_, [e]) => expect(e?.data).toMatchObject({ days: 20, dueDate: calendar.addWorkingDays('2020-03-10', 37) }));
  });

  it('only once — 第三十三条', () => {
    const ext = decider.decide(extend('2020-03-27'), foldDecider(decider, [r2020]), asHead) as RequestEvent[];
    spec.given([r2020, ...ext]).when(extend('2020-04-01'), asHead).thenRejects('DISCLOSURE_EXTENSION_ALREADY_GRANTED', '第三十三条');
  });

  it('only by the authenticated office head, whatever the command says — 第三十三条', () => {
    spec.given([r2020]).when(extend('2020-03-10'), { actor: { id: 'u-1', role: 'clerk' } }).thenRejects('DISCLOSURE_EXTENSION_NOT_HEAD', '第三十三条');
    // A body that names an approver is not a command at all (strict payloads, issue #11): refused before any rule runs.
    spec.given([r2020]).when({ ...extend('2020-03-10'), approvedBy: head } as unknown as RequestCommand).thenRejects('DISCLOSURE_INVALID_COMMAND');
  });

  it('not after the due date — 第三十三条', () => {
    spec.given([r2020]).when(extend('2020-03-31'), asHead).thenRejects('DISCLOSURE_EXTENSION_AFTER_DUE', '第三十三条');
  });
});

describe('concluding', () => {
  it('records the outcome with its article and whether it was late', () => {
    spec.given([r2020]).when({ type: 'Conclude', on: '2020-03-30', outcome: 'withheldThirdParty' }).then([
      { type: 'DisclosureRequestConcluded', data: { on: '2020-03-30', outcome: 'withheldThirdParty', basis: '政府信息公开条例（2019） 第十五条', dueDate: '2020-03-30', late: false } },
    ]);
    spec.given([r2020]).when({ type: 'Conclude', on: '2020-03-31', outcome: 'granted' }).thenState((_, [e]) => expect(e?.data).toMatchObject({ late: true }));
  });

  it('never concludes twice, never before receipt, never with a due-check outcome', () => {
    const done: RequestEvent = { type: 'DisclosureRequestConcluded', data: { on: '2020-03-10', outcome: 'granted', basis: 'x', dueDate: '2020-03-30', late: false } };
    spec.given([r2020, done]).when({ type: 'Conclude', on: '2020-03-11', outcome: 'partiallyGranted' }).thenRejects('DISCLOSURE_NOT_ALLOWED');
    spec.given([r2020]).when({ type: 'Conclude', on: '2020-03-01', outcome: 'granted' }).thenRejects('DISCLOSURE_DATE_BEFORE_RECEIPT', '第三十一条');
    spec.given([r2020]).when({ type: 'Conclude', on: '2020-03-10', outcome: 'otherNoSupplement' }).thenRejects('DISCLOSURE_NOT_ALLOWED', '第三十条');
    spec.given([]).when({ type: 'Conclude', on: '2020-03-10', outcome: 'granted' }).thenRejects('DISCLOSURE_NOT_ALLOWED');
  });
});

describe('due check warnings', () => {
  it('warns once when the reply is due soon and once when overdue', () => {
    const s = foldDecider(decider, [r2020]);
    expect(decider.dueCheck(s, '2020-03-20')).toEqual([]);
    const soon = decider.dueCheck(s, '2020-03-26');
    expect(soon).toEqual([{ type: 'DisclosureReplyDueSoon', data: { on: '2020-03-26', dueDate: '2020-03-30', left: 2 } }]);
    const s2 = foldDecider(decider, [r2020, ...soon]);
    expect(decider.dueCheck(s2, '2020-03-27')).toEqual([]);
    const late = decider.dueCheck(s2, '2020-03-31');
    expect(late).toEqual([{ type: 'DisclosureReplyOverdue', data: { on: '2020-03-31', dueDate: '2020-03-30' } }]);
    expect(decider.dueCheck(foldDecider(decider, [r2020, ...soon, ...late]), '2020-04-10')).toEqual([]);
  });
});

describe('administrative review and litigation', () => {
  it('files and decides a case; an unknown case is refused', () => {
    const filed: RequestEvent = { type: 'DisclosureRemedyFiled', data: { caseId: 'FY-1', on: '2020-04-20', kind: 'review' } };
    spec.given([r2020]).when({ type: 'FileRemedy', caseId: 'FY-1', on: '2020-04-20', kind: 'review' }).then([filed]);
    spec.given([r2020, filed]).when({ type: 'DecideRemedy', caseId: 'FY-1', on: '2020-06-01', result: 'corrected' }).thenState((s) => expect(s.remedies['FY-1']?.result).toBe('corrected'));
    spec.given([r2020, filed]).when({ type: 'DecideRemedy', caseId: 'FY-2', on: '2020-06-01', result: 'upheld' }).thenRejects('DISCLOSURE_UNKNOWN_CASE');
  });
});

describe('through a store with the registry', () => {
  it('every event the decider produces passes its schema; a rejected command writes nothing', async () => {
    const store = createMemoryStore({ registry: disclosureRegistry });
    const s = requestStream('R-1');
    await handle(store, s, receive({ submittedOn: '2021-03-01' }), decider);
    await handle(store, s, { type: 'RequestSupplement', on: '2021-03-03', dueOn: '2021-03-20', items: ['文号'] }, decider);
    await handle(store, s, { type: 'ReceiveSupplement', on: '2021-03-10' }, decider);
    await handle(store, s, { type: 'ConsultThirdParty', on: '2021-03-12', thirdParty: '某公司' }, decider);
    await handle(store, s, { type: 'CheckDue', today: '2021-04-10' }, decider);
    await handle(store, s, { type: 'ConsultOrgans', on: '2021-04-12', organs: ['市财政局'] }, decider);
    await handle(store, s, { type: 'CheckDue', today: '2021-05-20' }, decider);
    await handle(store, s, { type: 'ExtendReply', on: '2021-05-20', days: 10, reason: '需协调' }, decider, { meta: { actor: head } });
    await handle(store, s, { type: 'IssueFeeNotice', on: '2021-05-21', charge: { method: 'perPage', pages: 40 } }, decider);
    await handle(store, s, { type: 'RecordFeePaid', on: '2021-05-24' }, decider);
    await handle(store, s, { type: 'Conclude', on: '2021-05-25', outcome: 'partiallyGranted' }, decider);
    await handle(store, s, { type: 'FileRemedy', caseId: 'SS-1', on: '2021-06-01', kind: 'litigationDirect' }, decider);
    await handle(store, s, { type: 'DecideRemedy', caseId: 'SS-1', on: '2021-09-01', result: 'upheld' }, decider);
    const before = await store.streamVersion(s);
    await expect(handle(store, s, { type: 'Conclude', on: '2021-09-02', outcome: 'granted' }, decider)).rejects.toBeInstanceOf(DomainError);
    expect(await store.streamVersion(s)).toBe(before);
    const types = (await store.readStream(s)).map((e) => e.type);
    expect(types).toContain('DisclosureThirdPartyReplied');
    expect(types).toContain('DisclosureOrgansReplied');
    expect(types.filter((t) => t === 'DisclosureRequestConcluded')).toHaveLength(1);
  });
});
