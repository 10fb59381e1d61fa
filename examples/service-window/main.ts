/**
 * A service hall's day book: 20 cases (办件) driven through every path of the approval machine on the in-memory store —
 * supplementation, refusal, deemed acceptance, 即办件, joint review, return, special procedures, extension, denial,
 * 差评 follow-up, withdrawal, agents and sub-centers — then each case's timeline with its due dates and levels, and
 * the case-summary read model. Run: `npx tsx --conditions=banshi-source main.ts`.
 */
import { mainlandChinaCalendar } from '@banshi/calendar';
import { createMemoryStore, DomainError, foldProjection, handle, type Channel } from '@banshi/core';
import {
  approvalRegistry,
  caseSummaryOfYear,
  caseSummaryProjection,
  clockNames,
  createApprovalDecider,
  parseApprovalCommand,
  type ApprovalCommand,
  type ApprovalEvent,
  type CaseState,
} from '@banshi/approval';

const calendar = mainlandChinaCalendar();
const approval = createApprovalDecider({
  calendar,
  itemLimits: {
    'XK-SC-01': { promised: 8 }, // 食品经营许可: promised 8 of the statutory 20 working days
    'JB-HJ-02': { handling: 'immediate' }, // 户籍证明: 即办件
    'XK-GH-03': { handling: 'joint', promised: 30 }, // 建设项目联办
  },
});
const store = createMemoryStore({ registry: approvalRegistry, now: () => new Date('2013-12-31T08:00:00Z') });

const day = (n: number): string => calendar.addWorkingDays('2013-09-02', n);
const clerk = { id: 'window-07', role: 'clerk' };
const head = { id: 'director-li', role: 'head' };
const governmentHead = { id: 'vice-mayor-wang', role: 'governmentHead' };
const rejections = new Map<string, string[]>();
let sequence = 0;

/** Sends one command from the window terminal: validated at the edge, decided, appended; rejections are recorded, not thrown. */
async function step(caseNo: string, input: unknown, options: { actor?: { id: string; role: string }; node?: string } = {}): Promise<CaseState | undefined> {
  const command: ApprovalCommand = parseApprovalCommand(input);
  const channel: Channel = 'channel' in command ? command.channel : 'system';
  try {
    const r = await handle(store, `case-${caseNo}`, command, approval, {
      commandId: `${caseNo}:${++sequence}`,
      meta: { channel, actor: options.actor ?? clerk, node: options.node ?? 'center', occurredAt: `${command.on}T01:30:00Z` },
    });
    return r.state;
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    rejections.set(caseNo, [...(rejections.get(caseNo) ?? []), `${command.type} on ${command.on}: ${err.code} — ${err.message}`]);
    return undefined;
  }
}

const receive = (caseNo: string, on: string, itemCode: string, channel: Channel, extra: Record<string, unknown> = {}) => ({
  type: 'Receive',
  on,
  channel,
  caseId: caseNo,
  itemCode,
  department: itemCode.startsWith('JB') ? '公安' : itemCode === 'XK-GH-03' ? '发改' : '市场监管',
  applicant: { name: `申请人${caseNo.slice(-2)}`, kind: 'organization' },
  materials: ['申请书', '营业执照'],
  node: 'center',
  ...extra,
});
const w = (on: string) => ({ on, channel: 'window' });
const o = (on: string) => ({ on, channel: 'online' });
const grantAndDeliver = async (n: string, from: number, deliveredBy: Channel = 'window') => {
  await step(n, { type: 'Decide', ...o(day(from)), outcome: 'grant' });
  await step(n, { type: 'IssueCertificate', ...o(day(from + 1)), certificateNo: `ZS-${n}` });
  await step(n, { type: 'DeliverCertificate', on: day(from + 2), channel: deliveredBy });
};

const cases: Record<string, (n: string) => Promise<void>> = {
  '01 standard window case': async (n) => {
    await step(n, receive(n, day(0), 'XK-SC-01', 'window'));
    await step(n, { type: 'Accept', ...w(day(0)) });
    await step(n, { type: 'AssignReview', ...o(day(1)), departments: ['市场监管'] });
    await step(n, { type: 'RecordOpinion', ...o(day(3)), department: '市场监管', opinion: 'approve' });
    await grantAndDeliver(n, 4);
    await step(n, { type: 'Evaluate', ...o(day(7)), rating: '满意' });
  },
  '02 网上受理、网上审核、网下办理、网上反馈': async (n) => {
    await step(n, receive(n, day(0), 'XK-SC-01', 'online'));
    await step(n, { type: 'Accept', ...o(day(1)) });
    await step(n, { type: 'AssignReview', ...o(day(1)), departments: ['市场监管'] });
    await step(n, { type: 'RecordOpinion', ...o(day(2)), department: '市场监管', opinion: 'approve' });
    await step(n, { type: 'Decide', ...o(day(3)), outcome: 'grant' });
    await step(n, { type: 'IssueCertificate', on: day(4), channel: 'window', inPerson: false, certificateNo: `ZS-${n}` });
    await step(n, { type: 'DeliverCertificate', ...w(day(5)) });
    await step(n, { type: 'Evaluate', ...o(day(5)), rating: '非常满意' });
  },
  '03 一次性告知补正, then accepted': async (n) => {
    await step(n, receive(n, day(0), 'XK-SC-01', 'window'));
    await step(n, { type: 'NotifySupplement', ...w(day(0)), missing: ['法定代表人身份证明', '经营场所证明'] });
    await step(n, { type: 'ReceiveSupplement', ...o(day(3)), materials: ['法定代表人身份证明', '经营场所证明'] });
    await step(n, { type: 'Accept', ...o(day(4)) });
    await grantAndDeliver(n, 9, 'mail');
  },
  '04 a second 补正 notice is refused': async (n) => {
    await step(n, receive(n, day(0), 'XK-SC-01', 'online'));
    await step(n, { type: 'NotifySupplement', ...o(day(1)), missing: ['卫生许可'] });
    await step(n, { type: 'ReceiveSupplement', ...o(day(2)), materials: ['卫生许可'] });
    await step(n, { type: 'NotifySupplement', ...o(day(3)), missing: ['消防意见'] });
    await step(n, { type: 'Accept', ...o(day(3)) });
  },
  '05 不予受理 with the competent agency': async (n) => {
    await step(n, receive(n, day(1), 'XK-SC-01', 'window'));
    await step(n, { type: 'RefuseIntake', ...w(day(1)), reasons: ['不属于本机关职权范围'], competentAgency: '浙江省市场监督管理局' });
    await step(n, { type: 'Evaluate', ...o(day(2)), rating: '基本满意' });
  },
  '06 no intake decision in 5 working days: deemed accepted': async (n) => {
    await step(n, receive(n, day(0), 'XK-SC-01', 'mail'));
    await step(n, { type: 'CheckDue', on: day(6) });
    await step(n, { type: 'Accept', ...w(day(6)) });
    await grantAndDeliver(n, 10, 'mail');
  },
  '07 即办件 decided on the spot': async (n) => {
    await step(n, receive(n, day(2), 'JB-HJ-02', 'window'));
    await step(n, { type: 'DecideOnSpot', ...w(day(2)) });
    await step(n, { type: 'IssueCertificate', ...w(day(2)), inPerson: false, certificateNo: `ZS-${n}` });
    await step(n, { type: 'DeliverCertificate', ...w(day(2)), inPerson: false });
  },
  '08 joint review, all must approve': async (n) => {
    await step(n, receive(n, day(0), 'XK-GH-03', 'window'));
    await step(n, { type: 'Accept', ...w(day(1)) });
    await step(n, { type: 'AssignReview', ...o(day(1)), departments: ['发改', '国土', '规划'] });
    await step(n, { type: 'RecordOpinion', ...o(day(5)), department: '发改', opinion: 'approve' });
    await step(n, { type: 'Decide', ...o(day(6)), outcome: 'grant' });
    await step(n, { type: 'RecordOpinion', ...o(day(8)), department: '国土', opinion: 'approve' });
    await step(n, { type: 'RecordOpinion', ...o(day(9)), department: '规划', opinion: 'approve' });
    await grantAndDeliver(n, 10);
  },
  '09 joint handling extended by 本级人民政府负责人 (第四十二条第二款)': async (n) => {
    await step(n, receive(n, day(0), 'XK-GH-03', 'online'));
    await step(n, { type: 'Accept', ...o(day(1)) });
    await step(n, { type: 'AssignReview', ...o(day(1)), departments: ['人社', '公安'] });
    await step(n, { type: 'RecordOpinion', ...o(day(2)), department: '公安', opinion: 'approve' });
    await step(n, { type: 'Extend', ...o(day(40)), reasons: ['人社部分需补充论证'], applicantToldOn: day(40) }, { actor: head });
    await step(n, { type: 'Extend', ...o(day(40)), reasons: ['人社部分需补充论证'], applicantToldOn: day(40) }, { actor: governmentHead });
    await step(n, { type: 'RecordOpinion', ...o(day(44)), department: '人社', opinion: 'approve' });
    await grantAndDeliver(n, 45, 'mail');
  },
  '10 one department rejects its part: no grant, denied, 差评, follow-up closed': async (n) => {
    await step(n, receive(n, day(0), 'XK-GH-03', 'window'));
    await step(n, { type: 'Accept', ...w(day(1)) });
    await step(n, { type: 'AssignReview', ...o(day(1)), departments: ['发改', '环保', '国土'] });
    await step(n, { type: 'RecordOpinion', ...o(day(4)), department: '环保', opinion: 'reject' });
    await step(n, { type: 'RecordOpinion', ...o(day(5)), department: '国土', opinion: 'reject' });
    await step(n, { type: 'Decide', ...o(day(6)), outcome: 'grant' });
    await step(n, { type: 'Decide', ...o(day(6)), outcome: 'deny', reasons: ['环评未通过', '用地不符合规划'] });
    await step(n, { type: 'Decide', ...o(day(6)), outcome: 'deny', reasons: ['环评未通过', '用地不符合规划'], remedies: ['60日内向市政府申请行政复议', '6个月内向法院提起行政诉讼'] });
    await step(n, { type: 'Evaluate', ...o(day(7)), rating: '非常不满意', comment: '会签时间太长' });
    await step(n, { type: 'CheckDue', on: day(20) });
    await step(n, { type: 'CloseFollowUp', on: day(23), channel: 'system', rectification: '联办会签限时3个工作日，超时自动提醒' });
  },
  '11 returned (退回) and resubmitted; the clock keeps running': async (n) => {
    await step(n, receive(n, day(0), 'XK-SC-01', 'window'));
    await step(n, { type: 'Accept', ...w(day(0)) });
    await step(n, { type: 'Return', ...o(day(2)), to: 'applicant', reasons: ['平面图比例不符'] });
    await step(n, { type: 'Resubmit', ...w(day(4)), note: '已更正平面图' });
    await grantAndDeliver(n, 6, 'mail');
  },
  '12 专家评审 pauses the clock (第四十五条)': async (n) => {
    await step(n, receive(n, day(0), 'XK-SC-01', 'online'));
    await step(n, { type: 'Accept', ...o(day(1)) });
    await step(n, { type: 'StartSpecialProcedure', on: day(3), channel: 'mail', procedure: '专家评审', expectedWorkingDays: 10, notice: '书面告知：需组织专家评审，预计10个工作日，不计入审批时限' });
    await step(n, { type: 'Decide', ...o(day(6)), outcome: 'grant' });
    await step(n, { type: 'EndSpecialProcedure', ...o(day(12)), result: '专家评审通过' });
    await grantAndDeliver(n, 13, 'mail');
  },
  '13 extension by the head, once (第四十二条)': async (n) => {
    await step(n, receive(n, day(0), 'XK-SC-01', 'window'));
    await step(n, { type: 'Accept', ...w(day(0)) });
    await step(n, { type: 'Extend', ...o(day(18)), reasons: ['需现场核查'], applicantToldOn: day(18) });
    await step(n, { type: 'Extend', ...o(day(18)), reasons: ['需现场核查'], applicantToldOn: day(18) }, { actor: head });
    await step(n, { type: 'Extend', ...o(day(19)), reasons: ['再次延期'], applicantToldOn: day(19) }, { actor: head });
    await grantAndDeliver(n, 25, 'mail');
  },
  '14 denial needs reasons and remedies (第三十八条)': async (n) => {
    await step(n, receive(n, day(1), 'XK-SC-01', 'online'));
    await step(n, { type: 'Accept', ...o(day(2)) });
    await step(n, { type: 'Decide', ...o(day(5)), outcome: 'deny' });
    await step(n, { type: 'Decide', ...o(day(5)), outcome: 'deny', reasons: ['经营场所不符合卫生条件'], remedies: ['申请行政复议', '提起行政诉讼'] });
    await step(n, { type: 'Evaluate', ...o(day(6)), rating: '不满意' });
  },
  '15 withdrawn during intake': async (n) => {
    await step(n, receive(n, day(2), 'XK-SC-01', 'window'));
    await step(n, { type: 'Withdraw', ...o(day(3)), reason: '项目调整' });
    await step(n, { type: 'Accept', ...w(day(3)) });
  },
  '16 withdrawn during review': async (n) => {
    await step(n, receive(n, day(0), 'XK-GH-03', 'online'));
    await step(n, { type: 'Accept', ...o(day(1)) });
    await step(n, { type: 'AssignReview', ...o(day(1)), departments: ['发改', '国土'] });
    await step(n, { type: 'Withdraw', ...w(day(4)), reason: '企业决定暂缓投资' });
  },
  '17 重点项目代办 at the port & shipping sub-center': async (n) => {
    await step(n, receive(n, day(0), 'XK-GH-03', 'agent', { agent: { name: '代办员 陈' }, node: 'sub-port' }), { node: 'sub-port' });
    await step(n, { type: 'Accept', on: day(0), channel: 'agent' }, { node: 'sub-port' });
    await step(n, { type: 'AssignReview', on: day(1), channel: 'agent', departments: ['港航', '海事'] }, { node: 'sub-port' });
    await step(n, { type: 'RecordOpinion', ...o(day(4)), department: '港航', opinion: 'approve' }, { node: 'sub-port' });
    await step(n, { type: 'RecordOpinion', ...o(day(5)), department: '海事', opinion: 'approve' }, { node: 'sub-port' });
    await step(n, { type: 'Decide', ...o(day(6)), outcome: 'grant' }, { node: 'sub-port' });
    await step(n, { type: 'IssueCertificate', on: day(7), channel: 'agent', certificateNo: `ZS-${n}` }, { node: 'sub-port' });
    await step(n, { type: 'DeliverCertificate', on: day(7), channel: 'agent' }, { node: 'sub-port' });
  },
  '18 overdue: red on the statutory clock, decided late': async (n) => {
    await step(n, receive(n, day(0), 'XK-SC-01', 'window'));
    await step(n, { type: 'Accept', ...w(day(1)) });
    await step(n, { type: 'CheckDue', on: day(19) });
    await step(n, { type: 'CheckDue', on: day(19) });
    await step(n, { type: 'CheckDue', on: day(22) });
    await step(n, { type: 'Extend', ...o(day(22)), reasons: ['逾期后申请延期'], applicantToldOn: day(22) }, { actor: head });
    await grantAndDeliver(n, 24);
  },
  '19 promised limit warned yellow, met': async (n) => {
    await step(n, receive(n, day(0), 'XK-SC-01', 'online'));
    await step(n, { type: 'Accept', ...o(day(0)) });
    await step(n, { type: 'CheckDue', on: day(6) });
    await grantAndDeliver(n, 7, 'mail');
    await step(n, { type: 'Evaluate', ...o(day(9)), rating: '满意' });
  },
  '20 renewal by mail (第五十条), one refused too late': async (n) => {
    await step(n, receive(n, day(0), 'XK-SC-01', 'mail', { renewal: { licenceNo: 'JY-2010-0456', expiresOn: '2013-09-20' } }));
    await step(n, receive(n, day(0), 'XK-SC-01', 'mail', { renewal: { licenceNo: 'JY-2010-0456', expiresOn: '2013-12-31' } }));
    await step(n, { type: 'Accept', on: day(1), channel: 'mail' });
    await grantAndDeliver(n, 3, 'mail');
  },
};

const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - [...s].reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0)));
let i = 0;
for (const [title, drive] of Object.entries(cases)) {
  const caseNo = `TZ-2013-${String(++i).padStart(6, '0')}`;
  await drive(caseNo);
  const history = await store.readStream(`case-${caseNo}`);
  const state = approval.foldWithMachine(history as unknown as readonly ApprovalEvent[]); // the reference fold: the same state evolve gives
  const today = state.data.lastOn ?? day(0); // clocks are read as of the case's last step
  console.log(`\n${caseNo}  ${title}`);
  console.log(`  status ${state.status} · visits ${state.data.visits} · node ${state.data.node}${state.data.agent ? ` · 代办 ${state.data.agent}` : ''}`);
  for (const t of state.data.timeline) console.log(`  ${t.on}  ${pad(t.step, 16)} ${pad(t.channel, 7)}${t.inPerson ? '到场' : '    '}  ${t.detail}`);
  for (const name of clockNames) {
    const facts = state.data.clocks[name];
    const s = approval.clockStatus(state, name, today);
    if (!facts || !s) continue;
    const due = facts.dueDate ?? `paused (projected ${s.projectedDueDate})`;
    const outcome = facts.stoppedOn === null ? `level ${s.level}` : facts.dueDate !== null && facts.stoppedOn <= facts.dueDate ? `met on ${facts.stoppedOn}` : `late, ended ${facts.stoppedOn}`;
    console.log(`  clock ${pad(name, 11)} due ${due}  used ${s.used}/${facts.limit + facts.extensionDays}  ${outcome}  [${facts.basis}]`);
  }
  for (const r of rejections.get(caseNo) ?? []) console.log(`  rejected ${r}`);
}

const summary = await foldProjection(store.readAll(), caseSummaryProjection);
console.log('\nsummary (caseSummaryProjection)');
for (const [m, f] of Object.entries(summary.months)) console.log(`  ${m}: received ${f.received}, decided ${f.decided}, on time statutory ${f.onTimeStatutory}, promised ${f.onTimePromised}`);
const ofYear = caseSummaryOfYear(summary, 2013);
console.log(`  channels ${JSON.stringify(ofYear.channels)}`);
for (const [dept, v] of Object.entries(ofYear.visitsByDepartment)) console.log(`  ${dept}: ${v.cases} cases, ${v.visits} visits, at most one visit ${v.atMostOneVisit}/${v.cases}`);
const verify = await store.verify();
console.log(`  hash chains ${verify.ok ? 'verified' : 'BROKEN'}, ${await store.headPosition()} events`);
