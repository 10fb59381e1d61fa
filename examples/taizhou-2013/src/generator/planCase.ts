import { licensingRules, type ApprovalCommand } from '@banshi/approval';
import type { BusinessDate } from '@banshi/calendar';
import type { ItemElements } from '@banshi/catalog';
import type { Actor, Channel } from '@banshi/core';
import { departments, type TaizhouNode } from '../org/taizhouOrg.js';
import type { IntakePattern, Scenario } from './scenario.js';
import { clerk, head, officer, type PlanContext } from './tasks.js';

type CaseShape = 'immediate' | 'standard' | 'supplement' | 'refused' | 'deemed' | 'joint' | 'special' | 'extended' | 'withdrawn' | 'denied';

/** One approval case's commands, day by day (channels per the seed: 网上受理、网上审核、网下办理、网上反馈 where the scenario has an online hall). */
export function planCase(ctx: PlanContext, scenario: Scenario, n: number, item: { code: string; elements: ItemElements; node: TaizhouNode }, received: BusinessDate): void {
  const { r, cal, tasks } = ctx;
  const id = `TZ-${ctx.year}-${String(n).padStart(6, '0')}`;
  const stream = `case-${id}`;
  const immediate = item.elements.handling === '即办件';
  const pattern = r.weighted<IntakePattern>(scenario.intake as Record<IntakePattern, number>);
  const shape: CaseShape = immediate
    ? r.chance(0.04)
      ? 'supplement'
      : 'immediate'
    : r.weighted<Exclude<CaseShape, 'immediate'>>({ standard: 70, supplement: 11, refused: 2, deemed: 1, joint: 6, special: 3, extended: 2, withdrawn: 1.5, denied: 3.5 });
  let minute = r.int(0, 420);
  const at = (day: BusinessDate) => ({ day, minute: (minute = Math.min(479, minute + r.int(1, 30))) });
  const intakeChannel: Channel = pattern;
  const dept = item.elements.department;
  const applicant: Actor = { id: `applicant-${n}`, role: 'applicant' };
  const push = (day: BusinessDate, command: ApprovalCommand, actor: Actor, channel: Channel) => tasks.push({ ...at(day), stream, kind: 'approval', command, channel, actor, node: item.node });
  const step = (on: BusinessDate, channel: Channel, inPerson = false) => ({ on, channel, inPerson });
  const person = r.chance(0.55);
  push(
    received,
    {
      type: 'Receive',
      caseId: id,
      itemCode: item.code,
      department: dept,
      applicant: person ? { name: `申请人${n}`, kind: 'person' } : { name: `台州市某${r.pick(['制造', '建设', '贸易', '食品', '医药'])}有限公司${n}`, kind: 'organization' },
      ...(pattern === 'agent' ? { agent: { name: '中心代办服务员' } } : {}),
      materials: item.elements.materials,
      node: item.node,
      ...step(received, intakeChannel, intakeChannel === 'window'),
    },
    pattern === 'online' ? applicant : clerk(n),
    intakeChannel,
  );
  /**
   * 第四十四条: the certificate issued and delivered (both within ten working days of the grant), then, where applicants
   * rate the service, rated where they got it: at the window's rating pad on pickup, else over the delivery channel.
   */
  const certify = (issued: BusinessDate, delivered: BusinessDate, deliverChannel: Channel) => {
    push(issued, { type: 'IssueCertificate', certificateNo: `TZXK${ctx.year}${String(n).padStart(6, '0')}`, ...step(issued, 'system') }, officer, 'system');
    push(delivered, { type: 'DeliverCertificate', ...step(delivered, deliverChannel, deliverChannel === 'window') }, clerk(n), deliverChannel);
    if (scenario.evaluations && r.chance(0.7)) {
      const rated = cal.addWorkingDays(delivered, r.int(0, 2));
      const rating = r.weighted({ 非常满意: 72, 满意: 24, 基本满意: 3.2, 不满意: 0.6, 非常不满意: 0.2 });
      push(rated, { type: 'Evaluate', rating, ...step(rated, deliverChannel) }, applicant, deliverChannel);
      if (rating === '不满意' || rating === '非常不满意') {
        const closed = cal.addWorkingDays(rated, r.int(1, 4));
        push(closed, { type: 'CloseFollowUp', rectification: '已回访申请人并整改窗口服务流程', ...step(closed, 'system') }, officer, 'system');
      }
    }
  };
  /** 第三十四条第二款: decided on the spot in writing; the certificate is made and handed over the same day, at the window to the applicant who is there, else over the channel the case came in by. */
  const decideOnSpot = (on: BusinessDate) => {
    push(on, { type: 'DecideOnSpot', ...step(on, intakeChannel) }, clerk(n), intakeChannel);
    certify(on, on, intakeChannel);
  };
  if (shape === 'immediate') {
    decideOnSpot(received);
    return;
  }
  let day = received;
  if (shape === 'supplement') {
    const notified = cal.addWorkingDays(received, r.int(0, 2));
    push(notified, { type: 'NotifySupplement', missing: [r.pick(item.elements.materials), '法定代表人身份证明'], ...step(notified, intakeChannel) }, clerk(n), intakeChannel);
    day = cal.addWorkingDays(notified, r.int(1, 8));
    push(day, { type: 'ReceiveSupplement', materials: ['补正材料'], ...step(day, intakeChannel, intakeChannel === 'window') }, clerk(n), intakeChannel);
    if (immediate) {
      decideOnSpot(day);
      return;
    }
  }
  if (shape === 'refused') {
    const on = cal.addWorkingDays(received, r.int(0, 3));
    push(on, { type: 'RefuseIntake', reasons: ['申请事项不属于本机关职权范围'], competentAgency: '县（市、区）行政服务中心', ...step(on, intakeChannel) }, clerk(n), intakeChannel);
    return;
  }
  if (shape === 'deemed') {
    // No intake decision within 5 working days: the due check appends CaseDeemedAccepted (第三十二条).
    day = cal.addWorkingDays(received, 7);
  } else {
    day = cal.addWorkingDays(day, r.int(0, 2));
    push(day, { type: 'Accept', ...step(day, intakeChannel) }, clerk(n), intakeChannel);
  }
  // 网上审核: online cases are reviewed online; the others at the department's desk (system).
  const reviewChannel: Channel = pattern === 'online' ? 'online' : 'system';
  if (shape === 'joint') {
    const others = departments.filter((d) => d.name !== dept);
    const partners = [dept, r.pick(others).name];
    const extra = r.pick(others).name;
    if (!partners.includes(extra)) partners.push(extra);
    const assign = cal.addWorkingDays(day, 1);
    push(assign, { type: 'AssignReview', departments: partners, ...step(assign, reviewChannel) }, officer, reviewChannel);
    let last = assign;
    for (const p of partners) {
      const on = cal.addWorkingDays(assign, r.int(2, 12));
      if (on > last) last = on;
      push(on, { type: 'RecordOpinion', department: p, opinion: 'approve', ...step(on, reviewChannel) }, { id: `reviewer-${p}`, role: 'officer' }, reviewChannel);
    }
    day = last;
  } else if (shape === 'special') {
    const start = cal.addWorkingDays(day, r.int(1, 4));
    const proc = item.elements.specialProcedures[0]?.kind ?? '专家评审';
    if (proc === '听证') {
      // 行政许可法 第四十六–四十八条: a hearing runs through its own steps — here one the organ announces itself (第四十六条),
      // noticed at least 7 working days ahead (第四十八条) — never as a bare 第四十五条 pause.
      const hearingOn = cal.addWorkingDays(start, Math.max(Number(licensingRules.hearingNotice.limit), r.int(5, 20)));
      push(start, { type: 'ScheduleHearing', hearingOn, place: '中心听证室', presider: '法制科', announcement: `${item.elements.name}听证公告`, ...step(start, reviewChannel) }, officer, reviewChannel);
      push(hearingOn, { type: 'HoldHearing', record: `听证笔录-${ctx.year}-${String(n).padStart(6, '0')}`, signedBy: ['申请人'], ...step(hearingOn, reviewChannel) }, officer, reviewChannel);
      day = hearingOn;
    } else {
      push(start, { type: 'StartSpecialProcedure', procedure: proc, expectedWorkingDays: 15, notice: `${proc}预计需15个工作日，已书面告知申请人`, ...step(start, reviewChannel) }, officer, reviewChannel);
      day = cal.addWorkingDays(start, r.int(5, 20));
      push(day, { type: 'EndSpecialProcedure', result: `${proc}结论：符合要求`, ...step(day, reviewChannel) }, officer, reviewChannel);
    }
  } else if (shape === 'extended') {
    const on = cal.addWorkingDays(day, r.int(12, 18));
    push(on, { type: 'Extend', reasons: ['情况复杂，需现场核查'], applicantToldOn: on, ...step(on, 'system') }, head, 'system');
    day = cal.addWorkingDays(on, r.int(3, 9));
  } else if (shape === 'withdrawn') {
    const on = cal.addWorkingDays(day, r.int(1, 4));
    push(on, { type: 'Withdraw', reason: '申请人主动撤回', ...step(on, intakeChannel) }, applicant, intakeChannel);
    return;
  } else {
    const promised = Math.max(1, item.elements.promisedLimitDays);
    // Most cases finish within the promise; a few run over it, fewer over the statutory limit.
    const late = r.chance(0.03) ? r.int(promised + 1, promised + 6) : r.chance(0.004) ? r.int(21, 24) : r.int(1, promised);
    day = cal.addWorkingDays(day, shape === 'deemed' ? 3 : late);
  }
  // 网下办理: the department decides at its desk; the outcome goes back over the case's channel (网上反馈).
  const decideOn = day;
  if (shape === 'denied') {
    push(decideOn, { type: 'Decide', outcome: 'deny', reasons: ['不符合法定条件'], remedies: ['可在六十日内申请行政复议', '可在六个月内提起行政诉讼'], ...step(decideOn, 'system') }, officer, 'system');
    return;
  }
  push(decideOn, { type: 'Decide', outcome: 'grant', ...step(decideOn, 'system') }, officer, 'system');
  const issued = cal.addWorkingDays(decideOn, r.int(0, 1));
  const delivered = cal.addWorkingDays(issued, r.int(0, 3));
  const pickup = pattern === 'window' && r.chance(0.2);
  certify(issued, delivered, pickup ? 'window' : pattern === 'online' ? 'online' : 'mail');
}
