import type { ItemCommand, ItemElements } from '@banshi/catalog';
import { departments, standardizedDepartments } from '../org/taizhouOrg.js';
import { head, officer, workingDaysOf, type PlanContext } from './tasks.js';

/** A catalog item as the plans know it: its department (index into `departments`) and its cleanup decision. */
export interface PlannedItem {
  readonly code: string;
  readonly department: number;
  readonly decision: 'cancelled' | 'delegated' | 'adjusted' | 'retained';
  readonly elements: ItemElements;
}

/** The 897 items of the city catalog; with `cleanup`, the campaign and its decisions (seed §二.2) and the standards of 22 departments. */
export function planCatalog(ctx: PlanContext, options: { readonly cleanup: boolean }): PlannedItem[] {
  const { r, cal, tasks, on } = ctx;
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
  const items: PlannedItem[] = [];
  const node = 'tz-center' as const;
  const registeredOn = on('01-04');
  if (options.cleanup) {
    tasks.push({ day: registeredOn, minute: 0, stream: `campaign-tz-${ctx.year}`, kind: 'campaign', command: { type: 'OpenCampaign', campaignId: `tz-${ctx.year}`, name: `${ctx.year}年市级行政审批事项清理（四上四下）`, level: 'city', openedOn: registeredOn }, channel: 'system', actor: officer, node });
  }
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
    tasks.push({ day: registeredOn, minute: 1 + (i % 400), stream: `item-${code}`, kind: 'item', command: { type: 'RegisterItem', code, elements, effectiveFrom: on('01-01') } satisfies ItemCommand, channel: 'system', actor: officer, node });
  });
  if (!options.cleanup) return items;
  // Standardization (标准化建设): the first 22 departments publish all four standards for every item.
  const standardDays = workingDaysOf(cal, on('09-02'), on('11-22'));
  for (const it of items) {
    if (it.department >= standardizedDepartments) continue;
    const day = r.pick(standardDays);
    for (const standard of ['powerElements', 'process', 'discretion', 'service'] as const) {
      tasks.push({ day, minute: 30 + r.int(0, 300), stream: `item-${it.code}`, kind: 'item', command: { type: 'PublishStandard', code: it.code, standard, publishedOn: day } satisfies ItemCommand, channel: 'online', actor: officer, node });
    }
  }
  // The cleanup decisions ("现初步审定"), effective on cleanupEffective; retained items lose materials, steps and days.
  const decidedOn = cleanupEffective(ctx);
  for (const it of items) {
    const base = { type: 'DecideCleanup', code: it.code, campaignId: `tz-${ctx.year}`, decision: it.decision, decidedOn, reason: '四上四下清理审定' } as const;
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
    tasks.push({ day: decidedOn, minute: 60 + r.int(0, 400), stream: `item-${it.code}`, kind: 'item', command, channel: 'system', actor: head, node });
  }
  return items;
}

/** The day the cleanup decisions take effect; after it only retained items are applied for. */
export const cleanupEffective = (ctx: Pick<PlanContext, 'on'>): string => ctx.on('12-02');
