/**
 * Rehydrate + decide latency for a 20-event approval case (design §6: p50 ≤ 50 µs in memory), against folding the
 * same events through xstate's `transition()` and then deciding, measured in the same run.
 */
import { createMemoryStore, DomainError, handle, type StoredEvent } from '@banshi/core';
import { approvalRegistry, createApprovalDecider, type ApprovalCommand, type ApprovalEvent } from '@banshi/approval';
import { percentile, type Benchmark, type Figure } from './harness.js';

const approval = createApprovalDecider();
const cal = approval.env.calendar;

const day = (n: number) => cal.addWorkingDays('2013-09-16', n);
const o = (n: number) => ({ on: day(n), channel: 'online' as const });
const script: ApprovalCommand[] = [
  { type: 'Receive', ...o(0), caseId: 'B-1', itemCode: 'XK-1', department: '发改', applicant: { name: '某公司', kind: 'organization' }, materials: ['申请书'], node: 'center', handling: 'joint' },
  { type: 'NotifySupplement', ...o(1), missing: ['环评批复'] },
  { type: 'ReceiveSupplement', ...o(3), materials: ['环评批复'] },
  { type: 'Accept', ...o(4) },
  { type: 'AssignReview', ...o(4), departments: ['发改', '国土', '环保'] },
  { type: 'RecordOpinion', ...o(6), department: '发改', opinion: 'approve' },
  { type: 'Return', ...o(7), to: 'applicant', reasons: ['图纸不清'] },
  { type: 'Resubmit', ...o(9) },
  { type: 'RecordOpinion', ...o(10), department: '发改', opinion: 'approve' },
  { type: 'StartSpecialProcedure', ...o(11), procedure: '专家评审', expectedWorkingDays: 5, notice: '书面告知：专家评审预计5个工作日' },
  { type: 'EndSpecialProcedure', ...o(16), result: '通过' },
  { type: 'RecordOpinion', ...o(17), department: '国土', opinion: 'approve' },
  { type: 'Extend', ...o(40), reasons: ['需补充论证'], applicantToldOn: day(40) },
  { type: 'CheckDue', on: day(52) },
  { type: 'CheckDue', on: day(57) },
  { type: 'RecordOpinion', ...o(58), department: '环保', opinion: 'approve' },
  { type: 'Decide', ...o(59), outcome: 'grant' },
  { type: 'IssueCertificate', ...o(60), certificateNo: 'ZS-1' },
  { type: 'DeliverCertificate', on: day(61), channel: 'window' },
  { type: 'Evaluate', ...o(62), rating: '不满意', comment: '等太久' },
];

async function build(): Promise<readonly StoredEvent[]> {
  const store = createMemoryStore({ registry: approvalRegistry });
  // A joint case's extension is approved by 本级人民政府负责人 (行政许可法 第四十二条第二款), as the authenticated actor.
  const actor = (c: ApprovalCommand) => (c.type === 'Extend' ? { id: 'g', role: 'governmentHead' } : { id: 'w', role: 'clerk' });
  for (const [i, c] of script.entries()) await handle(store, 'case-B-1', c, approval, { commandId: `c${i}`, meta: { actor: actor(c), node: 'center' } });
  return store.readStream('case-B-1');
}

const command: ApprovalCommand = { type: 'CloseFollowUp', on: day(64), channel: 'system', rectification: '缩短会签时限' };

function sample(run: () => void, n: number): number[] {
  for (let i = 0; i < 2000; i++) run(); // warm up
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    run();
    out.push((performance.now() - t) * 1000);
  }
  return out.sort((a, b) => a - b);
}

const bench: Benchmark = {
  name: 'approval.rehydrateDecide',
  async run(): Promise<readonly Figure[]> {
    const events = await build();
    if (events.length !== 20) throw new Error(`bench case has ${events.length} events, expected 20: ${events.map((e) => e.type).join(", ")}`);
    const asDomain = events as unknown as readonly ApprovalEvent[];
    let sink = 0;
    const fast = () => {
      let s = approval.initialState;
      for (const e of asDomain) s = approval.evolve(s, e);
      const r = approval.decide(command, s);
      if (!(r instanceof DomainError)) sink += r.length;
    };
    const viaMachine = () => {
      const s = approval.foldWithMachine(asDomain);
      const r = approval.decide(command, s);
      if (!(r instanceof DomainError)) sink += r.length;
    };
    const n = 20_000;
    const f = sample(fast, n);
    const m = sample(viaMachine, Math.max(2000, n / 10));
    if (sink === 0) throw new Error('the command was rejected: the bench measured nothing');
    const baseline = 'fold through xstate transition() + decide';
    const p50 = percentile(f, 50);
    const p99 = percentile(f, 99);
    const b50 = percentile(m, 50);
    const b99 = percentile(m, 99);
    return [
      { name: 'approval.rehydrateDecide.p50', value: p50, unit: 'µs', baseline, baselineValue: b50, ratio: b50 / p50, target: { kind: 'value', max: 50 } },
      { name: 'approval.rehydrateDecide.p99', value: p99, unit: 'µs', baseline, baselineValue: b99, ratio: b99 / p99 },
    ];
  },
};

export default bench;
