import { createEventRegistry, createMemoryStore, DomainError, foldDecider, handle, ValidationError } from '@banshi/core';
import { deciderSpec } from '@banshi/testing';
import { describe, expect, it } from 'vitest';
import { approvalEvents, approvalRegistry, createApprovalDecider, licensingRules, type ApprovalCommand, type ApprovalEvent } from '../index.js';

const approval = createApprovalDecider({ itemLimits: { 'XK-PROMISE': { promised: 8 }, 'JB-001': { handling: 'immediate' } } });
const spec = deciderSpec(approval);
const cal = approval.env.calendar;

/** Runs commands through decide/evolve and returns the events (throws on a rejection, so givens are always legal). */
function run(commands: readonly ApprovalCommand[]): ApprovalEvent[] {
  let state = approval.initialState;
  const out: ApprovalEvent[] = [];
  for (const c of commands) {
    const r = approval.decide(c, state, { actor: c.type === 'Extend' ? head : clerk });
    if (r instanceof DomainError) throw r;
    for (const e of r) {
      out.push(e);
      state = approval.evolve(state, e);
    }
  }
  return out;
}

const receive = (over: Partial<Extract<ApprovalCommand, { type: 'Receive' }>> = {}): ApprovalCommand => ({
  type: 'Receive',
  on: '2013-09-16',
  channel: 'window',
  caseId: 'TZ-2013-000123',
  itemCode: 'XK-001',
  department: '市场监管',
  applicant: { name: '台州某某有限公司', kind: 'organization' },
  materials: ['申请书', '营业执照'],
  node: 'center',
  ...over,
});
const accept: ApprovalCommand = { type: 'Accept', on: '2013-09-17', channel: 'window' };
const head = { id: 'u-head', role: 'head' };
const governmentHead = { id: 'u-gov', role: 'governmentHead' };
const clerk = { id: 'w-1', role: 'clerk' };
const accepted = () => run([receive(), accept]);

describe('receive (收件)', () => {
  it('records the applicant, agent, item, materials, channel, node and promised limit', () => {
    spec
      .given([])
      .when(receive({ agent: { name: '代办员 王' }, channel: 'agent', itemCode: 'XK-PROMISE' }))
      .thenState((s, events) => {
        expect(events[0]).toMatchObject({ type: 'CaseReceived', data: { agent: { name: '代办员 王' }, channel: 'agent', inPerson: false, promisedLimit: 8, handling: 'standard' } });
        expect(s.status).toBe('intake');
        expect(s.data.clocks.intake?.dueDate).toBe('2013-09-24'); // 5 working days, Mid-Autumn 09-19..21 off, 09-22 worked
        expect(s.data.visits).toBe(0);
      });
  });
  it('the promised limit defaults to the statutory one, and may not exceed it', () => {
    spec.given([]).when(receive()).thenState((s) => expect(s.data.promisedLimit).toBe(licensingRules.decision.limit));
    spec.given([]).when(receive({ promisedLimit: 21 })).thenRejects('APPROVAL_PROMISE_EXCEEDS_STATUTORY_LIMIT', '行政许可法 第四十二条');
    spec.given([]).when(receive({ handling: 'joint', promisedLimit: 30 })).thenState((s) => expect(s.data.promisedLimit).toBe(30));
  });
  it('an agent is a party: who, on whose behalf, and the written authorisation (第二十九条第二款; 民法典 第一百六十五条)', () => {
    const authorization = { document: '授权委托书', ref: 'WT-2013-007', matter: '建设工程规划许可', signedOn: '2013-09-10', validUntil: '2014-09-09' };
    const agent = { name: '郑代办', id: 'p-daiban', authorization };
    spec
      .given([])
      .when(receive({ agent, applicant: { name: '张三', kind: 'person', id: 'p-zhang' }, channel: 'agent' }))
      .thenState((s, events) => {
        expect(events[0]).toMatchObject({ type: 'CaseReceived', data: { agent, applicant: { id: 'p-zhang' } } });
        expect(s.data.agentParty).toEqual(agent);
        expect(s.data.applicantId).toBe('p-zhang');
        expect(s.data.agent).toBe('郑代办');
        expect(s.data.timeline[0]?.detail).toContain('代办：郑代办，授权委托书 WT-2013-007，有效期至 2014-09-09');
      });
    // Outside its term (signed after the receipt, or expired before it): not received.
    spec.given([]).when(receive({ agent: { ...agent, authorization: { ...authorization, signedOn: '2013-09-17' } } })).thenRejects('APPROVAL_AGENT_NOT_AUTHORIZED', '行政许可法 第二十九条第二款');
    spec.given([]).when(receive({ agent: { ...agent, authorization: { ...authorization, signedOn: '2012-09-01', validUntil: '2013-09-15' } } })).thenRejects('APPROVAL_AGENT_NOT_AUTHORIZED');
    // The last day of the term still covers the receipt; a log that kept only the agent's name still folds.
    spec.given([]).when(receive({ agent: { ...agent, authorization: { ...authorization, validUntil: '2013-09-16' } } })).thenState((s) => expect(s.status).toBe('intake'));
    spec.given([]).when(receive({ agent: { name: '代办员 王' } })).thenState((s) => expect(s.data.agentParty).toEqual({ name: '代办员 王', id: null, authorization: null }));
  });
  it('a case is received once', () => {
    spec.given(run([receive()])).when(receive()).thenRejects('APPROVAL_CASE_ALREADY_RECEIVED');
  });
  it('a renewal must be applied for 30 days before expiry (第五十条)', () => {
    spec.given([]).when(receive({ renewal: { licenceNo: 'L-1', expiresOn: '2013-10-16' } })).thenState((s) => expect(s.status).toBe('intake'));
    spec.given([]).when(receive({ renewal: { licenceNo: 'L-1', expiresOn: '2013-10-15' } })).thenRejects('APPROVAL_RENEWAL_TOO_LATE', '行政许可法 第五十条');
  });
});

describe('intake (第三十二条)', () => {
  it('accepts: the statutory and promised clocks start', () => {
    spec
      .given(run([receive({ itemCode: 'XK-PROMISE' })]))
      .when(accept)
      .thenState((s) => {
        expect(s.status).toBe('review');
        expect(s.data.clocks.statutory).toMatchObject({ start: '2013-09-17', limit: 20, dueDate: cal.addWorkingDays('2013-09-17', 20), basis: '行政许可法 第四十二条' });
        expect(s.data.clocks.promised?.dueDate).toBe(cal.addWorkingDays('2013-09-17', 8));
        expect(s.data.clocks.intake?.stoppedOn).toBe('2013-09-17');
      });
  });
  it('refuses with reasons and the competent agency', () => {
    spec
      .given(run([receive()]))
      .when({ type: 'RefuseIntake', on: '2013-09-17', channel: 'window', reasons: ['不属于本机关职权范围'], competentAgency: '省市场监管局' })
      .then([{ type: 'IntakeRefused', data: { reasons: ['不属于本机关职权范围'], competentAgency: '省市场监管局', on: '2013-09-17', channel: 'window', inPerson: true } }]);
  });
  it('tells everything missing once; the supplement returns the case to intake without a new deemed-acceptance clock (第三十二条)', () => {
    const notified = run([receive(), { type: 'NotifySupplement', on: '2013-09-17', channel: 'online', missing: ['法人身份证明', '场地证明'] }]);
    spec.given(notified).when({ type: 'ReceiveSupplement', on: '2013-09-23', channel: 'mail', materials: ['法人身份证明', '场地证明'] }).thenState((s, [e]) => {
      expect(s.status).toBe('intake');
      expect(e).toMatchObject({ data: { deemedAcceptance: null } });
      expect(s.data.clocks.intake).toMatchObject({ start: '2013-09-16', stoppedOn: '2013-09-17' });
    });
  });
  it('rejects a second supplementation notice (only once)', () => {
    const again = run([
      receive(),
      { type: 'NotifySupplement', on: '2013-09-17', channel: 'window', missing: ['场地证明'] },
      { type: 'ReceiveSupplement', on: '2013-09-18', channel: 'window', materials: ['场地证明'] },
    ]);
    const err = spec.given(again).when({ type: 'NotifySupplement', on: '2013-09-18', channel: 'window', missing: ['消防意见'] }).thenRejects('APPROVAL_SUPPLEMENT_ALREADY_NOTIFIED', '行政许可法 第三十二条');
    expect(err.message).toContain('补正 already notified once');
  });
  it('after 5 working days an intake decision is refused: the case is deemed accepted', () => {
    spec.given(run([receive()])).when({ ...accept, on: '2013-09-25' }).thenRejects('APPROVAL_INTAKE_PERIOD_EXPIRED', '行政许可法 第三十二条');
    spec.given(run([receive()])).when({ type: 'NotifySupplement', on: '2013-09-25', channel: 'window', missing: ['x'] }).thenRejects('APPROVAL_INTAKE_PERIOD_EXPIRED');
    spec.given(run([receive()])).when({ ...accept, on: '2013-09-24' }).thenState((s) => expect(s.status).toBe('review'));
  });
  it('no decision without acceptance', () => {
    spec.given(run([receive()])).when({ type: 'Decide', on: '2013-09-17', channel: 'window', outcome: 'grant' }).thenRejects('APPROVAL_STEP_NOT_ALLOWED', '行政许可法 第四十二条');
    spec.given([]).when(accept).thenRejects('APPROVAL_STEP_NOT_ALLOWED', '行政许可法 第三十二条');
  });
  it('steps are recorded in date order', () => {
    spec.given(run([receive()])).when({ ...accept, on: '2013-09-15' }).thenRejects('APPROVAL_DATE_BEFORE_PREVIOUS_STEP');
  });
});

describe('immediate items (即办件, 第三十四条)', () => {
  it('are decided on the spot the same day', () => {
    spec
      .given(run([receive({ itemCode: 'JB-001' })]))
      .when({ type: 'DecideOnSpot', on: '2013-09-16', channel: 'window' })
      .thenState((s) => {
        expect(s.status).toBe('decided');
        expect(s.data).toMatchObject({ acceptance: 'onTheSpot', outcome: 'grant', decidedOn: '2013-09-16' });
        expect(s.data.clocks.statutory).toMatchObject({ limit: 0, dueDate: '2013-09-16', stoppedOn: '2013-09-16', basis: '行政许可法 第三十四条' });
      });
  });
  it('not another day, and not for other items', () => {
    spec.given(run([receive({ itemCode: 'JB-001' })])).when({ type: 'DecideOnSpot', on: '2013-09-17', channel: 'window' }).thenRejects('APPROVAL_NOT_ON_THE_SPOT', '行政许可法 第三十四条');
    spec.given(run([receive()])).when({ type: 'DecideOnSpot', on: '2013-09-16', channel: 'window' }).thenRejects('APPROVAL_NOT_AN_IMMEDIATE_ITEM', '行政许可法 第三十四条');
  });
});

describe('review (审查), joint review (联办/会签) and return (退回)', () => {
  const joint = () => run([receive({ handling: 'joint' }), accept, { type: 'AssignReview', on: '2013-09-18', channel: 'online', departments: ['发改', '国土', '环保'] }]);
  const opinion = (department: string, o: 'approve' | 'reject'): ApprovalCommand => ({ type: 'RecordOpinion', on: '2013-09-22', channel: 'online', department, opinion: o });
  const grant: ApprovalCommand = { type: 'Decide', on: '2013-09-23', channel: 'online', outcome: 'grant' };

  it('joint handling gets 45 working days', () => {
    spec.given(run([receive({ handling: 'joint' })])).when(accept).thenState((s) => expect(s.data.clocks.statutory?.limit).toBe(licensingRules.jointDecision.limit));
  });
  it('all must approve: a decision waits for every opinion', () => {
    const given = joint();
    let state = foldDecider(approval, given);
    for (const d of ['发改', '国土']) {
      const r = approval.decide(opinion(d, 'approve'), state);
      if (r instanceof DomainError) throw r;
      given.push(...r);
      state = foldDecider(approval, given);
    }
    spec.given(given).when(grant).thenRejects('APPROVAL_REVIEW_NOT_CONCLUDED', '行政许可法 第四十二条');
    const all = [...given, ...(approval.decide(opinion('环保', 'approve'), state) as ApprovalEvent[])];
    spec.given(all).when(grant).thenState((s) => expect(s.status).toBe('decided'));
  });
  it('a log written before with an "any" or "quorum" rule folds as recorded (the decider no longer produces them)', () => {
    const step = { channel: 'online' as const, inPerson: false };
    const legacy: ApprovalEvent[] = [
      ...run([receive({ handling: 'joint' }), accept]),
      { type: 'ReviewAssigned', data: { departments: ['发改', '国土'], rule: { kind: 'any' }, on: '2013-09-18', ...step } },
      { type: 'ReviewOpinionRecorded', data: { department: '国土', opinion: 'approve', comment: '', on: '2013-09-22', ...step } },
      { type: 'CaseDecided', data: { outcome: 'grant', reasons: [], remedies: [], statutoryDueDate: '2013-11-20', promisedDueDate: '2013-11-20', missingYear: null, on: '2013-09-23', ...step } },
    ];
    expect(foldDecider(approval, legacy)).toMatchObject({ status: 'decided', data: { outcome: 'grant', review: { rule: { kind: 'any' } } } });
    expect(approval.foldWithMachine(legacy)).toEqual(foldDecider(approval, legacy));
  });
  it('an opinion comes once, from an assigned department; review is assigned once', () => {
    const given = joint();
    spec.given(given).when(opinion('财政', 'approve')).thenRejects('APPROVAL_DEPARTMENT_NOT_ASSIGNED');
    const once = [...given, ...(approval.decide(opinion('发改', 'approve'), foldDecider(approval, given)) as ApprovalEvent[])];
    spec.given(once).when(opinion('发改', 'reject')).thenRejects('APPROVAL_OPINION_ALREADY_RECORDED');
    spec.given(given).when({ type: 'AssignReview', on: '2013-09-18', channel: 'online', departments: ['A'] }).thenRejects('APPROVAL_REVIEW_ALREADY_ASSIGNED');
  });
  it('a return keeps the clock running and clears the opinions on resubmission', () => {
    const given = joint();
    const withOpinion = [...given, ...(approval.decide(opinion('发改', 'approve'), foldDecider(approval, given)) as ApprovalEvent[])];
    const returned = [
      ...withOpinion,
      ...(approval.decide({ type: 'Return', on: '2013-09-23', channel: 'online', to: 'window', reasons: ['图纸不清'] }, foldDecider(approval, withOpinion)) as ApprovalEvent[]),
    ];
    const before = foldDecider(approval, withOpinion).data.clocks.statutory?.dueDate;
    spec.given(returned).when({ type: 'Resubmit', on: '2013-09-25', channel: 'window' }).thenState((s) => {
      expect(s.status).toBe('review');
      expect(s.data.review?.opinions).toEqual({});
      expect(s.data.clocks.statutory?.dueDate).toBe(before);
      expect(s.data.returns).toBe(1);
    });
    spec.given(returned).when(grant).thenRejects('APPROVAL_STEP_NOT_ALLOWED');
  });
});

describe('special procedures (第四十五条)', () => {
  const start: ApprovalCommand = { type: 'StartSpecialProcedure', on: '2013-09-23', channel: 'mail', procedure: '专家评审', expectedWorkingDays: 5, notice: '书面告知：专家评审预计 5 个工作日' };
  it('pause the decision clock; the written notice is in the event; the due date moves by the paused working days', () => {
    const paused = accepted();
    const during = [...paused, ...(approval.decide(start, foldDecider(approval, paused)) as ApprovalEvent[])];
    expect(during.at(-1)).toMatchObject({ type: 'SpecialProcedureStarted', data: { notice: '书面告知：专家评审预计 5 个工作日', expectedWorkingDays: 5 } });
    expect(foldDecider(approval, during).data.clocks.statutory?.dueDate).toBeNull();
    spec.given(during).when({ type: 'EndSpecialProcedure', on: '2013-09-27', channel: 'mail', result: '通过' }).thenState((s) => {
      expect(s.status).toBe('review');
      const paused = cal.workingDaysBetween('2013-09-22', '2013-09-26'); // 09-23 … 09-26 not counted
      expect(s.data.clocks.statutory?.dueDate).toBe(cal.addWorkingDays(cal.addWorkingDays('2013-09-17', 20), paused));
    });
  });
  it('no decision while a special procedure runs', () => {
    const during = [...accepted(), ...(approval.decide(start, foldDecider(approval, accepted())) as ApprovalEvent[])];
    spec.given(during).when({ type: 'Decide', on: '2013-09-24', channel: 'online', outcome: 'grant' }).thenRejects('APPROVAL_STEP_NOT_ALLOWED');
  });
});

describe('extension (第四十二条)', () => {
  const extend = (over: Partial<Extract<ApprovalCommand, { type: 'Extend' }>> = {}): ApprovalCommand => ({
    type: 'Extend',
    on: '2013-10-14',
    channel: 'online',
    reasons: ['需现场核查'],
    applicantToldOn: '2013-10-14',
    ...over,
  });
  it('+10 working days once, by the head, reasons told to the applicant', () => {
    spec.given(accepted()).when(extend(), { actor: head }).thenState((s, [e]) => {
      expect(e).toMatchObject({ type: 'ExtensionGranted', data: { days: licensingRules.extension.limit } });
      expect(s.data.clocks.statutory?.dueDate).toBe(cal.addWorkingDays('2013-09-17', 30));
    });
  });
  it('joint handling: +15, approved by 本级人民政府负责人', () => {
    spec.given(run([receive({ handling: 'joint' }), accept])).when(extend(), { actor: governmentHead }).thenState((s) => expect(s.data.clocks.statutory?.dueDate).toBe(cal.addWorkingDays('2013-09-17', 60)));
  });
  it('only once, only by a head, only before the due date, only when the applicant is told', () => {
    spec.given(run([receive(), accept, extend()])).when(extend({ on: '2013-10-15', applicantToldOn: '2013-10-15' }), { actor: head }).thenRejects('APPROVAL_EXTENSION_ALREADY_GRANTED', '行政许可法 第四十二条');
    spec.given(accepted()).when(extend(), { actor: clerk }).thenRejects('APPROVAL_EXTENSION_NEEDS_HEAD', '行政许可法 第四十二条');
    const due = cal.addWorkingDays('2013-09-17', 20);
    const after = cal.nextWorkingDay(due);
    spec.given(accepted()).when(extend({ on: after, applicantToldOn: after }), { actor: head }).thenRejects('APPROVAL_EXTENSION_AFTER_DUE_DATE', '行政许可法 第四十二条');
    spec.given(accepted()).when(extend({ on: due, applicantToldOn: due }), { actor: head }).thenState((s) => expect(s.data.extensions).toBe(1));
    spec.given(accepted()).when(extend({ applicantToldOn: '2013-10-13' }), { actor: head }).thenRejects('APPROVAL_EXTENSION_REASONS_NOT_TOLD');
  });
});

describe('decision, certificate (第四十四条), feedback', () => {
  const grant: ApprovalCommand = { type: 'Decide', on: '2013-09-23', channel: 'online', outcome: 'grant' };
  const deny = (reasons: string[], remedies: string[]): ApprovalCommand => ({ type: 'Decide', on: '2013-09-23', channel: 'online', outcome: 'deny', reasons, remedies });
  it('a grant records the due dates it met and starts the certificate clock', () => {
    spec.given(accepted()).when(grant).thenState((s, [e]) => {
      expect(e).toMatchObject({ data: { statutoryDueDate: cal.addWorkingDays('2013-09-17', 20), promisedDueDate: cal.addWorkingDays('2013-09-17', 20) } });
      expect(s.data.clocks.certificate).toMatchObject({ limit: 10, dueDate: cal.addWorkingDays('2013-09-23', 10), basis: '行政许可法 第四十四条' });
    });
  });
  it('a denial needs reasons and remedies (第三十八条)', () => {
    spec.given(accepted()).when(deny([], ['行政复议'])).thenRejects('APPROVAL_DENIAL_NEEDS_REASONS', '行政许可法 第三十八条');
    spec.given(accepted()).when(deny(['不符合条件'], [])).thenRejects('APPROVAL_DENIAL_NEEDS_REASONS');
    spec.given(accepted()).when(deny(['不符合条件'], ['行政复议'])).thenState((s) => expect(s.status).toBe('decided'));
  });
  it('certificate issued and delivered; no certificate for a denial', () => {
    const issued = run([receive(), accept, grant, { type: 'IssueCertificate', on: '2013-09-24', channel: 'window', certificateNo: 'ZS-1' }]);
    spec.given(issued).when({ type: 'DeliverCertificate', on: '2013-09-25', channel: 'window' }).thenState((s) => {
      expect(s.status).toBe('delivered');
      expect(s.data.clocks.certificate?.stoppedOn).toBe('2013-09-25');
    });
    spec.given(run([receive(), accept, deny(['x'], ['y'])])).when({ type: 'IssueCertificate', on: '2013-09-24', channel: 'window', certificateNo: 'ZS-1' }).thenRejects('APPROVAL_CERTIFICATE_FOR_DENIAL', '行政许可法 第四十四条');
  });
  it('a 差评 opens a follow-up with the configured deadline, closed by a rectification record', () => {
    const delivered = run([receive(), accept, grant, { type: 'IssueCertificate', on: '2013-09-24', channel: 'window', certificateNo: 'ZS-1' }, { type: 'DeliverCertificate', on: '2013-09-25', channel: 'mail' }]);
    spec.given(delivered).when({ type: 'Evaluate', on: '2013-09-26', channel: 'online', rating: '满意' }).thenState((s) => expect(s.status).toBe('closed'));
    const strict = createApprovalDecider({ rules: { followUp: 5 } });
    deciderSpec(strict)
      .given(delivered)
      .when({ type: 'Evaluate', on: '2013-09-26', channel: 'online', rating: '非常不满意', comment: '跑了两趟' })
      .thenState((s) => {
        expect(s.status).toBe('followUp');
        expect(s.data.clocks.followUp?.dueDate).toBe(cal.addWorkingDays('2013-09-26', 5));
      });
    const poor = [...delivered, { type: 'EvaluationSubmitted', data: { rating: '不满意', comment: '', on: '2013-09-26', channel: 'online', inPerson: false } } as ApprovalEvent];
    spec.given(poor).when({ type: 'CloseFollowUp', on: '2013-09-30', channel: 'system', rectification: '窗口人员培训，改为邮寄送达' }).thenState((s) => expect(s.status).toBe('closed'));
  });
  it('a refused or denied applicant may evaluate too; a granted one after delivery', () => {
    const refused = run([receive(), { type: 'RefuseIntake', on: '2013-09-17', channel: 'window', reasons: ['x'], competentAgency: 'y' }]);
    spec.given(refused).when({ type: 'Evaluate', on: '2013-09-17', channel: 'online', rating: '不满意' }).thenState((s) => expect(s.status).toBe('followUp'));
    spec.given(run([receive(), accept, grant])).when({ type: 'Evaluate', on: '2013-09-24', channel: 'online', rating: '满意' }).thenRejects('APPROVAL_STEP_NOT_ALLOWED');
  });
});

describe('withdraw', () => {
  it('at any open step, not after the decision', () => {
    spec.given(run([receive()])).when({ type: 'Withdraw', on: '2013-09-17', channel: 'online' }).thenState((s) => expect(s.status).toBe('withdrawn'));
    spec.given(accepted()).when({ type: 'Withdraw', on: '2013-09-18', channel: 'online', reason: '项目取消' }).thenState((s) => {
      expect(s.status).toBe('withdrawn');
      expect(s.data.clocks.statutory?.stoppedOn).toBe('2013-09-18');
    });
    spec.given(run([receive(), accept, { type: 'Decide', on: '2013-09-23', channel: 'online', outcome: 'grant' }])).when({ type: 'Withdraw', on: '2013-09-24', channel: 'online' }).thenRejects('APPROVAL_STEP_NOT_ALLOWED', '作出决定前申请人可以撤回');
  });
});

describe('channels and visits', () => {
  it('"网上受理、网上审核、网下办理、网上反馈" is one visit', () => {
    const events = run([
      receive({ channel: 'online' }),
      { type: 'Accept', on: '2013-09-17', channel: 'online' },
      { type: 'AssignReview', on: '2013-09-17', channel: 'online', departments: ['市场监管'] },
      { type: 'RecordOpinion', on: '2013-09-18', channel: 'online', department: '市场监管', opinion: 'approve' },
      { type: 'Decide', on: '2013-09-18', channel: 'online', outcome: 'grant' },
      { type: 'IssueCertificate', on: '2013-09-22', channel: 'window', inPerson: false },
      { type: 'DeliverCertificate', on: '2013-09-23', channel: 'window' },
      { type: 'Evaluate', on: '2013-09-24', channel: 'online', rating: '非常满意' },
    ] as ApprovalCommand[]);
    const s = foldDecider(approval, events);
    expect(s.data.visits).toBe(1);
    expect(s.data.timeline.map((t) => `${t.step}:${t.channel}`)).toEqual([
      '收件:online',
      '受理:online',
      '审查分派:online',
      '审查意见:online',
      '决定:online',
      '制证:window',
      '送达:window',
      '评价:online',
    ]);
  });
});

describe('with the memory store and handle()', () => {
  it('appends validated events, is idempotent by command id, and rejects bad input without writing', async () => {
    const store = createMemoryStore({ registry: approvalRegistry });
    const meta = { channel: 'window' as const, actor: { id: 'w-1', role: 'clerk' }, node: 'center', occurredAt: '2013-09-16T01:00:00Z' };
    await handle(store, 'case-1', receive(), approval, { commandId: 'c1', meta });
    const again = await handle(store, 'case-1', receive(), approval, { commandId: 'c1', meta });
    expect(again.duplicate).toBe(true);
    await expect(handle(store, 'case-1', { ...accept, on: '2013-09-30' }, approval, { commandId: 'c2', meta })).rejects.toThrow(/第三十二条/);
    // A payload the registry refuses (a hand-built command bypassing parseApprovalCommand) writes nothing.
    const bad = { type: 'Return', on: '2013-09-17', channel: 'window', to: 'window', reasons: [] } as unknown as ApprovalCommand;
    await handle(store, 'case-1', accept, approval, { commandId: 'c3', meta });
    await expect(handle(store, 'case-1', bad, approval, { commandId: 'c4', meta })).rejects.toBeInstanceOf(ValidationError);
    expect((await store.readStream('case-1')).map((e) => e.type)).toEqual(['CaseReceived', 'CaseAccepted']);
    expect(createEventRegistry(approvalEvents).types).toHaveLength(approvalEvents.length);
  });
});
