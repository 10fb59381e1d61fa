/**
 * A deterministic, seeded generator of one year (2013) of events for the Taizhou center, its
 * four sub-centers and its departments. Every command goes through the real deciders with
 * `handle()`, in business-time order, so the log is what the service hall would have written;
 * the seed report's figures then come back out of the projections (see `centerReport.ts`).
 */
import { createApprovalDecider, approvalEvents, type ApprovalCommand, type CaseState, type Handling } from '@banshi/approval';
import { mainlandChinaCalendar, type BusinessDate, type WorkingCalendar } from '@banshi/calendar';
import {
  agencyDecider,
  campaignDecider,
  catalogEvents,
  catalogView,
  dealDecider,
  itemDecider,
  itemVersionOn,
  nodeDecider,
  surveyDecider,
  type ItemCommand,
  type ItemElements,
  type TradingCategory,
} from '@banshi/catalog';
import { createEventRegistry, createMemoryStore, DomainError, handle, type Actor, type Channel, type Decider, type DomainEvent, type EventStore } from '@banshi/core';
import { createProactiveDecider, disclosureEvents, type PublicInfoCommand } from '@banshi/disclosure';
import { createRandom, type Random } from './prng.js';
import { centerId, centerName, departments, standardizedDepartments, taizhouNodes, type TaizhouNode } from './taizhouOrg.js';

/** Every event type the Taizhou log holds. */
export const taizhouRegistry = createEventRegistry([...approvalEvents, ...catalogEvents, ...disclosureEvents]);

export interface TaizhouOptions {
  readonly seed?: number;
  /** Approval cases to generate (default 6,000). */
  readonly cases?: number;
  readonly calendar?: WorkingCalendar;
  /** Called as commands run: (done, total). */
  readonly onProgress?: (done: number, total: number) => void;
  /** A faster native SHA-256 (same output as core's). */
  readonly hasher?: (text: string) => string;
}

export interface GenerationStats {
  readonly commands: number;
  readonly events: number;
  readonly cases: number;
  readonly streams: number;
  readonly calendarVersion: string;
}

type Kind = 'approval' | 'item' | 'campaign' | 'agency' | 'survey' | 'deal' | 'node' | 'publicInfo';

interface Task {
  readonly day: BusinessDate;
  /** Minutes after 08:30 Beijing time. */
  readonly minute: number;
  readonly stream: string;
  readonly kind: Kind;
  readonly command: { readonly type: string; readonly [k: string]: unknown };
  readonly channel: Channel;
  readonly actor: Actor;
  readonly node: TaizhouNode;
  seq?: number;
}

const YEAR_START = '2013-01-01';
const CLEANUP_EFFECTIVE = '2013-12-02';
const clerk = (i: number): Actor => ({ id: `window-${String(i % 48).padStart(2, '0')}`, role: 'clerk' });
const officer: Actor = { id: 'officer-01', role: 'officer' };
const head: Actor = { id: 'head-01', role: 'head' };
const system: Actor = { id: 'due-check', role: 'system' };
/** 0.01 亿元 in fen. */
const HUNDREDTH_YI = 100_000_000;
const split = (total: number, n: number, r?: Random): number[] => {
  // Integer parts summing exactly to `total`, jittered ±20 % when `r` is given.
  const w = Array.from({ length: n }, () => (r ? 0.8 + r.next() * 0.4 : 1));
  const sum = w.reduce((a, b) => a + b, 0);
  const parts = w.map((x) => Math.floor((total * x) / sum));
  let rest = total - parts.reduce((a, b) => a + b, 0);
  for (let i = 0; rest > 0; i = (i + 1) % n, rest--) parts[i] = (parts[i] as number) + 1;
  return parts;
};

function workingDaysOf(cal: WorkingCalendar, from: BusinessDate, to: BusinessDate): BusinessDate[] {
  const out: BusinessDate[] = [];
  for (let d = cal.isWorkingDay(from) ? from : cal.nextWorkingDay(from); d <= to; d = cal.nextWorkingDay(d)) out.push(d);
  return out;
}

/** The 897 items of the city catalog, with their cleanup decision (seed §二.2). */
function planCatalog(r: Random, cal: WorkingCalendar, tasks: Task[]) {
  const plan = [
    ['cancelled', 159],
    ['delegated', 64],
    ['adjusted', 106],
    ['retained', 568],
  ] as const;
  const decisions = plan.flatMap(([d, n]) => Array.from({ length: n }, () => d));
  // Shuffle deterministically so decisions spread over departments.
  for (let i = decisions.length - 1; i > 0; i--) {
    const j = r.int(0, i);
    [decisions[i], decisions[j]] = [decisions[j] as (typeof decisions)[number], decisions[i] as (typeof decisions)[number]];
  }
  const totalWeight = departments.reduce((s, d) => s + d.weight, 0);
  const deptOf: number[] = [];
  departments.forEach((d, i) => {
    const n = Math.round((d.weight / totalWeight) * decisions.length);
    for (let k = 0; k < n; k++) deptOf.push(i);
  });
  while (deptOf.length < decisions.length) deptOf.push(deptOf.length % departments.length);
  const items: { code: string; department: number; decision: (typeof decisions)[number]; elements: ItemElements }[] = [];
  const node = (tasks.push({ day: '2013-01-04', minute: 0, stream: 'campaign-tz-2013', kind: 'campaign', command: { type: 'OpenCampaign', campaignId: 'tz-2013', name: '2013年市级行政审批事项清理（四上四下）', level: 'city', openedOn: '2013-01-04' }, channel: 'system', actor: officer, node: 'tz-center' }), 'tz-center');
  decisions.forEach((decision, i) => {
    const d = departments[deptOf[i] as number] as (typeof departments)[number];
    const type = i % 7 < 3 ? '行政许可' : i % 7 < 6 ? '非行政许可审批' : '日常管理服务事项';
    const immediate = r.chance(0.3);
    const statutory = type === '行政许可' ? 20 : r.pick([15, 20, 30]);
    const elements: ItemElements = {
      name: `${d.name.replace(/^市/, '')}${type === '行政许可' ? '许可' : '审批'}事项${String(i + 1).padStart(3, '0')}`,
      type,
      department: d.name,
      level: 'city',
      legalBasis: [type === '行政许可' ? '中华人民共和国行政许可法 第十二条' : '浙江省人民政府规章'],
      statutoryLimitDays: statutory,
      promisedLimitDays: immediate ? 0 : r.int(3, Math.min(12, statutory)),
      handling: immediate ? '即办件' : '承诺件',
      requiredVisits: immediate ? 1 : r.pick([0, 1, 1, 2]),
      onlineDepth: r.pick(['information', 'download', 'onlineIntake', 'fullyOnline'] as const),
      materials: Array.from({ length: r.int(3, 9) }, (_, k) => `申请材料${k + 1}`),
      steps: ['受理', '审查', '决定', '送达'].slice(0, immediate ? 2 : r.int(3, 4)),
      fees: [],
      specialProcedures: r.chance(0.06) ? [{ kind: r.pick(['检验', '专家评审', '听证', '鉴定'] as const), expectedDays: 15 }] : [],
    };
    const code = `TZ-${String(i + 1).padStart(4, '0')}`;
    items.push({ code, department: deptOf[i] as number, decision, elements });
    tasks.push({ day: '2013-01-04', minute: 1 + (i % 400), stream: `item-${code}`, kind: 'item', command: { type: 'RegisterItem', code, elements, effectiveFrom: YEAR_START } satisfies ItemCommand, channel: 'system', actor: officer, node });
  });
  // Standardization (标准化建设): the first 22 departments publish all four standards for every item.
  const standardDays = workingDaysOf(cal, '2013-09-02', '2013-11-22');
  for (const it of items) {
    if (it.department >= standardizedDepartments) continue;
    const day = r.pick(standardDays);
    for (const standard of ['powerElements', 'process', 'discretion', 'service'] as const) {
      tasks.push({ day, minute: 30 + r.int(0, 300), stream: `item-${it.code}`, kind: 'item', command: { type: 'PublishStandard', code: it.code, standard, publishedOn: day } satisfies ItemCommand, channel: 'online', actor: officer, node });
    }
  }
  // The cleanup decisions ("现初步审定"), effective 2013-12-02; retained items lose materials, steps and days.
  for (const it of items) {
    const base = { type: 'DecideCleanup', code: it.code, campaignId: 'tz-2013', decision: it.decision, decidedOn: '2013-12-02', reason: '四上四下清理审定' } as const;
    let command: ItemCommand = base;
    if (it.decision === 'delegated') command = { ...base, toLevel: r.pick(['county', 'township'] as const) };
    if (it.decision === 'retained') {
      const e = it.elements;
      command = {
        ...base,
        elements: {
          ...e,
          materials: e.materials.slice(0, Math.max(2, e.materials.length - r.int(0, 2))),
          steps: e.steps.length > 2 && r.chance(0.3) ? e.steps.slice(0, -1) : e.steps,
          promisedLimitDays: Math.max(0, e.promisedLimitDays - (e.promisedLimitDays > 2 ? r.int(0, 2) : 0)),
        },
      };
    }
    tasks.push({ day: '2013-12-02', minute: 60 + r.int(0, 400), stream: `item-${it.code}`, kind: 'item', command, channel: 'system', actor: head, node });
  }
  return items;
}

/** 108 intermediaries submitted; the first 59 reviewed are published (seed §二.2). */
function planAgencies(r: Random, cal: WorkingCalendar, tasks: Task[]) {
  const days = workingDaysOf(cal, '2013-08-01', '2013-11-29');
  for (let i = 0; i < 108; i++) {
    const agencyId = `zj-${String(i + 1).padStart(3, '0')}`;
    const stream = `agency-${agencyId}`;
    const submitted = r.pick(days.slice(0, -20));
    const info = {
      name: `台州${r.pick(['华信', '中诚', '天和', '恒通', '东海', '新合'])}${r.pick(['工程咨询', '测绘', '环评', '造价咨询', '安全评价', '检测'])}有限公司${i + 1}`,
      basicInfo: '依法设立的中介服务机构，具备相应资质',
      scope: [r.pick(['工程咨询', '测绘', '环境影响评价', '工程造价', '安全评价', '检验检测'])],
      promisedLimitDays: r.int(3, 20),
      fees: [],
      contact: { person: '联系人', phone: `0576-8${String(1000000 + i).slice(1)}` },
    };
    tasks.push({ day: submitted, minute: 100 + i, stream, kind: 'agency', command: { type: 'SubmitAgency', agencyId, info, submittedOn: submitted }, channel: 'online', actor: { id: `agency-${agencyId}`, role: 'applicant' }, node: 'tz-center' });
    const reviewed = cal.addWorkingDays(submitted, r.int(3, 10));
    if (i < 59) {
      tasks.push({ day: reviewed, minute: 200, stream, kind: 'agency', command: { type: 'ApproveAgency', agencyId, reviewer: officer.id, approvedOn: reviewed }, channel: 'system', actor: officer, node: 'tz-center' });
      const published = cal.addWorkingDays(reviewed, r.int(1, 5));
      tasks.push({ day: published, minute: 300, stream, kind: 'agency', command: { type: 'PublishAgency', agencyId, publishedOn: published }, channel: 'online', actor: officer, node: 'tz-center' });
    } else if (i < 75) {
      tasks.push({ day: reviewed, minute: 200, stream, kind: 'agency', command: { type: 'ReturnAgency', agencyId, reasons: ['资质证明材料不全'], returnedOn: reviewed }, channel: 'system', actor: officer, node: 'tz-center' });
    }
  }
}

/** The tendering survey (614 forms, 546 back, all satisfied) and public-resource trading, January–November. */
function planCenterRegisters(r: Random, cal: WorkingCalendar, tasks: Task[]) {
  const s = 'survey-tz-2013-zb';
  tasks.push({ day: '2013-01-07', minute: 10, stream: s, kind: 'survey', command: { type: 'IssueSurvey', surveyId: 'tz-2013-zb', node: 'tz-center', subject: '招投标工作征求意见表', forms: 614, issuedOn: '2013-01-07' }, channel: 'window', actor: officer, node: 'tz-center' });
  const returns = split(546, 11, r);
  returns.forEach((n, m) => {
    const day = cal.previousWorkingDay(`2013-${String(m + 2).padStart(2, '0')}-01`);
    const great = Math.round(n * 0.72);
    tasks.push({ day, minute: 400, stream: s, kind: 'survey', command: { type: 'RecordSurveyReturns', surveyId: 'tz-2013-zb', ratings: { 非常满意: great, 满意: n - great }, returnedOn: day }, channel: 'window', actor: officer, node: 'tz-center' });
  });
  const dealDays = workingDaysOf(cal, '2013-01-07', '2013-11-29');
  const deals = (category: TradingCategory, n: number, priceFen: number, extra: { budgetFen?: number; marketPriceFen?: number; areaSqm?: number } = {}) => {
    const prices = split(priceFen, n, r);
    // Budgets and market prices follow each deal's price so that totals are exact and per-deal savings realistic.
    const budgetParts = extra.budgetFen === undefined ? undefined : proportional(extra.budgetFen, prices);
    const marketParts = extra.marketPriceFen === undefined ? undefined : proportional(extra.marketPriceFen, prices);
    const areas = extra.areaSqm === undefined ? undefined : split(extra.areaSqm, n, r);
    for (let i = 0; i < n; i++) {
      const dealId = `${category}-${String(i + 1).padStart(3, '0')}`;
      const registered = r.pick(dealDays.slice(0, -15));
      const concluded = cal.addWorkingDays(registered, r.int(5, 14));
      const stream = `deal-${dealId}`;
      tasks.push({
        day: registered,
        minute: 120,
        stream,
        kind: 'deal',
        command: {
          type: 'RegisterDeal',
          dealId,
          category,
          title: `${dealId}`,
          node: 'tz-center',
          registeredOn: registered,
          ...(budgetParts ? { budgetFen: budgetParts[i] as number } : {}),
          ...(marketParts ? { marketPriceFen: marketParts[i] as number } : {}),
          ...(areas ? { areaSqm: areas[i] as number } : {}),
        },
        channel: 'window',
        actor: officer,
        node: 'tz-center',
      });
      tasks.push({ day: concluded > '2013-11-29' ? '2013-11-29' : concluded, minute: 420, stream, kind: 'deal', command: { type: 'ConcludeDeal', dealId, priceFen: prices[i] as number, concludedOn: concluded > '2013-11-29' ? '2013-11-29' : concluded }, channel: 'window', actor: officer, node: 'tz-center' });
    }
  };
  deals('governmentProcurement', 160, 242 * HUNDREDTH_YI, { budgetFen: 288 * HUNDREDTH_YI, marketPriceFen: 293 * HUNDREDTH_YI });
  deals('constructionTender', 396, 8320 * HUNDREDTH_YI, { budgetFen: (8320 + 873) * HUNDREDTH_YI });
  deals('landTransfer', 62, 8140 * HUNDREDTH_YI, { areaSqm: 2_760_000 });
  deals('stateProperty', 4, 108 * HUNDREDTH_YI);
  deals('other', 24, 22 * HUNDREDTH_YI);
  tasks.push({ day: '2013-01-04', minute: 1, stream: `center-${centerId}`, kind: 'node', command: { type: 'EstablishCenter', centerId, name: centerName, establishedOn: '2013-01-04' }, channel: 'system', actor: head, node: 'tz-center' });
  taizhouNodes.forEach((n, i) => {
    if (n.domain === null) return;
    tasks.push({ day: '2013-01-04', minute: 2 + i, stream: `center-${centerId}`, kind: 'node', command: { type: 'OpenSubCenter', centerId, nodeId: n.nodeId, name: n.name, domain: n.domain, openedOn: '2013-01-04' }, channel: 'system', actor: head, node: 'tz-center' });
  });
}

/** Splits `total` in proportion to `weights`, exactly. */
function proportional(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const parts = weights.map((w) => Math.floor((total * w) / sum));
  let rest = total - parts.reduce((a, b) => a + b, 0);
  for (let i = 0; rest > 0; i = (i + 1) % parts.length, rest--) parts[i] = (parts[i] as number) + 1;
  return parts;
}

/** 998 items on the center portal, 877 of them on the government website too (seed §一.(1)). */
function planProactive(r: Random, cal: WorkingCalendar, tasks: Task[]) {
  const days = workingDaysOf(cal, '2013-01-04', '2013-12-06');
  for (let i = 0; i < 998; i++) {
    const itemId = `tz-2013-${String(i + 1).padStart(4, '0')}`;
    const stream = `info-${itemId}`;
    const late = i % 166 === 5; // a handful published after the 20-working-day limit: visible in the report
    const formed = r.pick(late ? days.slice(0, -40) : days);
    const reviewed = cal.addWorkingDays(formed, r.int(0, 2));
    const published = late ? cal.addWorkingDays(formed, r.int(21, 26)) : cal.addWorkingDays(reviewed, r.int(0, 3));
    const base = { channel: 'online' as Channel, actor: officer, node: 'tz-center' as const, kind: 'publicInfo' as const, stream };
    tasks.push({ ...base, day: formed, minute: 50, command: { type: 'FormInfo', itemId, agency: '台州市行政服务中心', title: r.pick(['审改政策解读', '行政审批办事指南', '公共资源交易公告', '中标结果公示', '窗口服务动态', '审批事项调整公告']), category: 'other', formedOn: formed } satisfies PublicInfoCommand });
    tasks.push({ ...base, day: reviewed, minute: 310, command: { type: 'ReviewInfo', on: reviewed, decision: 'publish' } satisfies PublicInfoCommand });
    tasks.push({ ...base, day: published, minute: 330, command: { type: 'PublishInfo', on: published, channels: i < 877 ? ['centerPortal', 'governmentWebsite'] : ['centerPortal'] } satisfies PublicInfoCommand });
  }
}

type CaseShape = 'immediate' | 'standard' | 'supplement' | 'refused' | 'deemed' | 'joint' | 'special' | 'extended' | 'withdrawn' | 'denied';
type Pattern = 'window' | 'online' | 'agent' | 'mail';

/** One approval case's commands, day by day (channels per the seed: 网上受理、网上审核、网下办理、网上反馈). */
function planCase(r: Random, cal: WorkingCalendar, n: number, item: { code: string; elements: ItemElements; node: TaizhouNode }, received: BusinessDate, tasks: Task[]) {
  const stream = `case-TZ-2013-${String(n).padStart(6, '0')}`;
  const caseId = `TZ-2013-${String(n).padStart(6, '0')}`;
  const immediate = item.elements.handling === '即办件';
  const pattern = r.weighted<Pattern>({ window: 55, online: 30, agent: 10, mail: 5 });
  const shape: CaseShape = immediate
    ? r.chance(0.04)
      ? 'supplement'
      : 'immediate'
    : r.weighted<Exclude<CaseShape, 'immediate'>>({ standard: 70, supplement: 11, refused: 2, deemed: 1, joint: 6, special: 3, extended: 2, withdrawn: 1.5, denied: 3.5 });
  let minute = r.int(0, 420);
  const at = (day: BusinessDate, m?: number) => ({ day, minute: m ?? (minute = Math.min(479, minute + r.int(1, 30))) });
  const intakeChannel: Channel = pattern === 'online' ? 'online' : pattern === 'agent' ? 'agent' : pattern === 'mail' ? 'mail' : 'window';
  const dept = item.elements.department;
  const push = (day: BusinessDate, command: ApprovalCommand, actor: Actor, channel: Channel) => tasks.push({ ...at(day), stream, kind: 'approval', command, channel, actor, node: item.node });
  const step = (on: BusinessDate, channel: Channel, inPerson = false) => ({ on, channel, inPerson });
  const person = r.chance(0.55);
  push(received, {
    type: 'Receive',
    caseId,
    itemCode: item.code,
    department: dept,
    applicant: person ? { name: `申请人${n}`, kind: 'person' } : { name: `台州市某${r.pick(['制造', '建设', '贸易', '食品', '医药'])}有限公司${n}`, kind: 'organization' },
    ...(pattern === 'agent' ? { agent: { name: '中心代办服务员' } } : {}),
    materials: item.elements.materials,
    node: item.node,
    ...step(received, intakeChannel, intakeChannel === 'window'),
  }, pattern === 'online' ? { id: `applicant-${n}`, role: 'applicant' } : clerk(n), intakeChannel);
  if (shape === 'immediate') {
    push(received, { type: 'DecideOnSpot', ...step(received, intakeChannel) }, clerk(n), intakeChannel);
    return { stream, shape, pattern, end: received };
  }
  let day = received;
  if (shape === 'supplement') {
    const notified = cal.addWorkingDays(received, r.int(0, 2));
    push(notified, { type: 'NotifySupplement', missing: [r.pick(item.elements.materials), '法定代表人身份证明'], ...step(notified, intakeChannel) }, clerk(n), intakeChannel);
    day = cal.addWorkingDays(notified, r.int(1, 8));
    push(day, { type: 'ReceiveSupplement', materials: ['补正材料'], ...step(day, intakeChannel, intakeChannel === 'window') }, clerk(n), intakeChannel);
    if (immediate) {
      push(day, { type: 'DecideOnSpot', ...step(day, intakeChannel) }, clerk(n), intakeChannel);
      return { stream, shape, pattern, end: day };
    }
  }
  if (shape === 'refused') {
    const on = cal.addWorkingDays(received, r.int(0, 3));
    push(on, { type: 'RefuseIntake', reasons: ['申请事项不属于本机关职权范围'], competentAgency: '县（市、区）行政服务中心', ...step(on, intakeChannel) }, clerk(n), intakeChannel);
    return { stream, shape, pattern, end: on };
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
    push(assign, { type: 'AssignReview', departments: partners, rule: { kind: 'all' }, ...step(assign, reviewChannel) }, officer, reviewChannel);
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
    push(start, { type: 'StartSpecialProcedure', procedure: proc, expectedWorkingDays: 15, notice: `${proc}预计需15个工作日，已书面告知申请人`, ...step(start, reviewChannel) }, officer, reviewChannel);
    day = cal.addWorkingDays(start, r.int(5, 20));
    push(day, { type: 'EndSpecialProcedure', result: `${proc}结论：符合要求`, ...step(day, reviewChannel) }, officer, reviewChannel);
  } else if (shape === 'extended') {
    const on = cal.addWorkingDays(day, r.int(12, 18));
    push(on, { type: 'Extend', reasons: ['情况复杂，需现场核查'], approvedBy: head, applicantToldOn: on, ...step(on, 'system') }, head, 'system');
    day = cal.addWorkingDays(on, r.int(3, 9));
  } else if (shape === 'withdrawn') {
    const on = cal.addWorkingDays(day, r.int(1, 4));
    push(on, { type: 'Withdraw', reason: '申请人主动撤回', ...step(on, intakeChannel) }, { id: `applicant-${n}`, role: 'applicant' }, intakeChannel);
    return { stream, shape, pattern, end: on };
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
    return { stream, shape, pattern, end: decideOn };
  }
  push(decideOn, { type: 'Decide', outcome: 'grant', ...step(decideOn, 'system') }, officer, 'system');
  const issued = cal.addWorkingDays(decideOn, r.int(0, 1));
  push(issued, { type: 'IssueCertificate', certificateNo: `TZXK2013${String(n).padStart(6, '0')}`, ...step(issued, 'system') }, officer, 'system');
  const delivered = cal.addWorkingDays(issued, r.int(0, 3));
  const pickup = pattern === 'window' && r.chance(0.2);
  const deliverChannel: Channel = pickup ? 'window' : pattern === 'online' ? 'online' : 'mail';
  push(delivered, { type: 'DeliverCertificate', ...step(delivered, deliverChannel, pickup) }, clerk(n), deliverChannel);
  if (r.chance(0.7)) {
    const rated = cal.addWorkingDays(delivered, r.int(0, 2));
    const rating = r.weighted({ 非常满意: 72, 满意: 24, 基本满意: 3.2, 不满意: 0.6, 非常不满意: 0.2 });
    const feedbackChannel: Channel = pattern === 'online' ? 'online' : pickup ? 'window' : 'online';
    push(rated, { type: 'Evaluate', rating, ...step(rated, feedbackChannel) }, { id: `applicant-${n}`, role: 'applicant' }, feedbackChannel);
    if (rating === '不满意' || rating === '非常不满意') {
      const closed = cal.addWorkingDays(rated, r.int(1, 4));
      push(closed, { type: 'CloseFollowUp', rectification: '已回访申请人并整改窗口服务流程', ...step(closed, 'system') }, officer, 'system');
    }
  }
  return { stream, shape, pattern, end: delivered };
}

const openStatuses = new Set(['intake', 'awaitingSupplement', 'review', 'returned', 'specialProcedure', 'decided', 'certificateIssued', 'followUp']);

/**
 * Generates the Taizhou 2013 log into a fresh in-memory store (deterministic for a seed) and
 * returns it. Every command runs through its decider with `handle()`; a rejected command is
 * a bug and throws.
 *
 * @example
 * const { store, stats } = await generateTaizhou2013({ seed: 2013 });
 */
export async function generateTaizhou2013(options: TaizhouOptions = {}): Promise<{ store: EventStore; stats: GenerationStats }> {
  const cal = options.calendar ?? mainlandChinaCalendar();
  const r = createRandom(options.seed ?? 2013);
  const tasks: Task[] = [];
  const items = planCatalog(r, cal, tasks);
  planAgencies(r, cal, tasks);
  planCenterRegisters(r, cal, tasks);
  planProactive(r, cal, tasks);

  const caseItems = items
    .filter((it) => it.elements.type !== '日常管理服务事项' || it.decision === 'retained')
    .map((it) => ({ code: it.code, elements: it.elements, retained: it.decision === 'retained', node: departments[it.department]?.node ?? ('tz-center' as TaizhouNode), weight: departments[it.department]?.weight ?? 1 }));
  const weightedItems = caseItems.flatMap((it) => Array.from({ length: it.weight }, () => it));
  // After the cleanup takes effect only retained items are still applied for.
  const retainedItems = weightedItems.filter((it) => it.retained);
  const receiptDays = workingDaysOf(cal, '2013-01-07', '2013-12-27');
  const caseCount = options.cases ?? 6000;
  for (let n = 1; n <= caseCount; n++) {
    const day = r.pick(receiptDays);
    planCase(r, cal, n, r.pick(day >= CLEANUP_EFFECTIVE ? retainedItems : weightedItems), day, tasks);
  }

  tasks.forEach((t, i) => (t.seq = i));
  tasks.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : a.minute - b.minute || (a.seq as number) - (b.seq as number)));

  let clock = new Date('2013-01-01T00:30:00.000Z');
  const store = createMemoryStore({ registry: taizhouRegistry, node: 'tz-center', now: () => clock, ...(options.hasher ? { hasher: options.hasher } : {}) });
  const approval = createApprovalDecider({ calendar: cal });
  const deciders: Record<Kind, Decider<unknown, never, DomainEvent>> = {
    approval: approval as unknown as Decider<unknown, never, DomainEvent>,
    item: itemDecider as unknown as Decider<unknown, never, DomainEvent>,
    campaign: campaignDecider as unknown as Decider<unknown, never, DomainEvent>,
    agency: agencyDecider as unknown as Decider<unknown, never, DomainEvent>,
    survey: surveyDecider as unknown as Decider<unknown, never, DomainEvent>,
    deal: dealDecider as unknown as Decider<unknown, never, DomainEvent>,
    node: nodeDecider as unknown as Decider<unknown, never, DomainEvent>,
    publicInfo: createProactiveDecider({ calendar: cal }) as unknown as Decider<unknown, never, DomainEvent>,
  };
  // The catalog view runs alongside, so each case takes its item's elements in force on the receipt day.
  let catalog = catalogView.init();
  const open = new Map<string, TaizhouNode>();
  const total = tasks.length;
  let commands = 0;
  let currentDay = '';
  const instant = (day: BusinessDate, minute: number) => new Date(Date.parse(`${day}T08:30:00+08:00`) + minute * 60_000);

  const run = async (t: Task, command: { readonly type: string }) => {
    clock = instant(t.day, t.minute);
    let cmd: { readonly type: string } = command;
    if (t.kind === 'approval' && cmd.type === 'Receive') {
      const c = cmd as Extract<ApprovalCommand, { type: 'Receive' }>;
      const v = itemVersionOn(catalog, c.itemCode, t.day);
      if (!v) throw new Error(`catalog has no version of ${c.itemCode} on ${t.day}`);
      const handling: Handling = v.elements.handling === '即办件' ? 'immediate' : 'standard';
      const withItem: ApprovalCommand = { ...c, handling, promisedLimit: v.elements.promisedLimitDays, requiredVisits: v.elements.requiredVisits };
      cmd = withItem;
    }
    try {
      const res = await handle(store, t.stream, cmd, deciders[t.kind] as Decider<unknown, typeof cmd, DomainEvent>, {
        commandId: `gen-${t.seq ?? 'due'}-${t.stream}-${t.day}`,
        meta: { occurredAt: clock.toISOString(), channel: t.channel, actor: t.actor, node: t.node, calendarVersion: cal.version },
      });
      for (const e of res.events) if (catalogView.types === undefined || catalogView.types.includes(e.type)) catalog = catalogView.apply(catalog, e);
      if (t.kind === 'approval') {
        const st = res.state as CaseState;
        if (openStatuses.has(st.status)) open.set(t.stream, t.node);
        else open.delete(t.stream);
      }
    } catch (err) {
      if (err instanceof DomainError) throw new Error(`generator bug: ${t.stream} ${cmd.type} on ${t.day} was rejected: ${err.message}`, { cause: err });
      throw err;
    }
  };

  const dueCheckUntil = async (day: BusinessDate) => {
    // The due-check process: once per working day after hours, over every open case.
    while (currentDay !== '' && currentDay < day) {
      for (const [stream, node] of open) await run({ day: currentDay, minute: 540, stream, kind: 'approval', command: { type: 'CheckDue' }, channel: 'system', actor: system, node }, { type: 'CheckDue', on: currentDay } as ApprovalCommand);
      currentDay = cal.nextWorkingDay(currentDay);
    }
    if (currentDay === '') currentDay = day;
  };

  for (const t of tasks) {
    await dueCheckUntil(t.day);
    await run(t, t.command);
    options.onProgress?.(++commands, total);
  }
  await dueCheckUntil('2013-12-31');
  await dueCheckUntil(cal.nextWorkingDay('2013-12-31'));
  const head = await store.headPosition();
  const streams = new Set<string>();
  for await (const b of store.readAllBatches({ batchSize: 10_000 })) for (const e of b) streams.add(e.stream);
  return { store, stats: { commands, events: head, cases: caseCount, streams: streams.size, calendarVersion: cal.version } };
}

