/**
 * A deterministic, seeded generator of one year of events for the Taizhou center, its four
 * sub-centers and its departments. Every command goes through the real deciders with `handle()`,
 * in business-time order, so the log is what the service hall would have written; the figures
 * then come back out of the read models (`@banshi/center-report`).
 */
import { approvalEvents, createApprovalDecider, receiveTermsOf, type ApprovalCommand, type CaseState } from '@banshi/approval';
import { mainlandChinaCalendar, type BusinessDate, type WorkingCalendar } from '@banshi/calendar';
import { agencyDecider, campaignDecider, catalogEvents, catalogView, dealDecider, itemDecider, itemVersionOn, nodeDecider, noticeDecider, pieceDecider, publicationDecider, surveyDecider } from '@banshi/catalog';
import { createEventRegistry, createMemoryStore, DomainError, handle, type Decider, type DomainEvent, type EventStore } from '@banshi/core';
import { createProactiveDecider, disclosureEvents } from '@banshi/disclosure';
import { departments, type TaizhouNode } from '../org/taizhouOrg.js';
import { planAgencies } from './planAgencies.js';
import { planCase } from './planCase.js';
import { cleanupEffective, planCatalog } from './planCatalog.js';
import { planNodes } from './planNodes.js';
import { planNotices } from './planNotices.js';
import { planProactive } from './planProactive.js';
import { planPublicity } from './planPublicity.js';
import { planSurvey } from './planSurvey.js';
import { planTrading } from './planTrading.js';
import { createRandom } from './prng.js';
import { taizhou2013, type Scenario } from './scenario.js';
import { dueCheckActor, workingDaysOf, type Kind, type PlanContext, type Task } from './tasks.js';

/**
 * Every event type the Taizhou log holds.
 *
 * @example
 * createSqliteStore('taizhou.db', { registry: taizhouRegistry });
 */
export const taizhouRegistry = createEventRegistry([...approvalEvents, ...catalogEvents, ...disclosureEvents]);

/**
 * Options of {@link generateTaizhou}.
 *
 * @example
 * const o: TaizhouOptions = { seed: 2013, cases: 400 };
 */
export interface TaizhouOptions {
  /** Which year and registers (default {@link taizhou2013}). */
  readonly scenario?: Scenario;
  readonly seed?: number;
  /** Approval cases to generate (default 6,000). */
  readonly cases?: number;
  readonly calendar?: WorkingCalendar;
  /** Called as commands run: (done, total). */
  readonly onProgress?: (done: number, total: number) => void;
  /** A faster native SHA-256 (same output as core's). */
  readonly hasher?: (text: string) => string;
}

/**
 * What a generation wrote.
 *
 * @example
 * stats.events; // 61,412
 */
export interface GenerationStats {
  readonly scenario: string;
  readonly commands: number;
  readonly events: number;
  readonly cases: number;
  readonly streams: number;
  readonly calendarVersion: string;
}

const openCaseStatuses: ReadonlySet<string> = new Set(['intake', 'awaitingSupplement', 'review', 'returned', 'specialProcedure', 'hearingNotice', 'hearing', 'decided', 'certificateIssued', 'followUp']);

function plan(scenario: Scenario, ctx: PlanContext, cases: number): void {
  const { r, cal, on } = ctx;
  const items = planCatalog(ctx, { cleanup: scenario.seedRegisters });
  if (scenario.seedRegisters) {
    planAgencies(ctx);
    planSurvey(ctx);
    planNotices(ctx, planTrading(ctx));
    planNodes(ctx);
    planProactive(ctx);
    planPublicity(ctx);
  }
  const caseItems = items
    .filter((it) => !scenario.seedRegisters || it.elements.type !== '日常管理服务事项' || it.decision === 'retained')
    .map((it) => ({ code: it.code, elements: it.elements, retained: it.decision === 'retained', node: departments[it.department]?.node ?? ('tz-center' as TaizhouNode), weight: departments[it.department]?.weight ?? 1 }));
  const weightedItems = caseItems.flatMap((it) => Array.from({ length: it.weight }, () => it));
  // After the cleanup takes effect only retained items are still applied for.
  const retainedItems = weightedItems.filter((it) => it.retained);
  const receiptDays = workingDaysOf(cal, on('01-07'), on('12-27'));
  const effective = scenario.seedRegisters ? cleanupEffective(ctx) : undefined;
  for (let n = 1; n <= cases; n++) {
    const day = r.pick(receiptDays);
    planCase(ctx, scenario, n, r.pick(effective !== undefined && day >= effective ? retainedItems : weightedItems), day);
  }
}

/**
 * Generates a Taizhou year into a fresh in-memory store (deterministic for a seed) and returns
 * it. Every command runs through its decider with `handle()`; a rejected command is a bug and
 * throws. A due check runs after hours on every working day over every open case.
 *
 * @example
 * const { store, stats } = await generateTaizhou({ seed: 2013, cases: 400 });
 */
export async function generateTaizhou(options: TaizhouOptions = {}): Promise<{ store: EventStore; stats: GenerationStats }> {
  const scenario = options.scenario ?? taizhou2013;
  const cal = options.calendar ?? mainlandChinaCalendar();
  const year = scenario.year;
  const tasks: Task[] = [];
  const ctx: PlanContext = { r: createRandom(options.seed ?? year), cal, year, tasks, on: (monthDay) => `${year}-${monthDay}` };
  const caseCount = options.cases ?? 6000;
  plan(scenario, ctx, caseCount);

  tasks.forEach((t, i) => (t.seq = i));
  tasks.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : a.minute - b.minute || (a.seq as number) - (b.seq as number)));

  let clock = new Date(`${year}-01-01T00:30:00.000Z`);
  const store = createMemoryStore({ registry: taizhouRegistry, node: 'tz-center', now: () => clock, ...(options.hasher ? { hasher: options.hasher } : {}) });
  const as = (d: unknown) => d as Decider<unknown, never, DomainEvent>;
  const deciders: Record<Kind, Decider<unknown, never, DomainEvent>> = {
    approval: as(createApprovalDecider({ calendar: cal })),
    item: as(itemDecider),
    campaign: as(campaignDecider),
    agency: as(agencyDecider),
    survey: as(surveyDecider),
    deal: as(dealDecider),
    node: as(nodeDecider),
    notice: as(noticeDecider),
    publicity: as(pieceDecider),
    publication: as(publicationDecider),
    publicInfo: as(createProactiveDecider({ calendar: cal })),
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
      const withItem: ApprovalCommand = { ...c, ...receiveTermsOf(v.elements) };
      cmd = withItem;
    }
    try {
      const res = await handle(store, t.stream, cmd, deciders[t.kind] as Decider<unknown, typeof cmd, DomainEvent>, {
        commandId: `gen-${t.seq ?? 'due'}-${t.stream}-${t.day}`,
        meta: { occurredAt: clock.toISOString(), channel: t.channel, actor: t.actor, node: t.node, calendarVersion: cal.version },
      });
      for (const e of res.events) if (catalogView.types === undefined || catalogView.types.includes(e.type)) catalog = catalogView.apply(catalog, e);
      if (t.kind === 'approval') {
        if (openCaseStatuses.has((res.state as CaseState).status)) open.set(t.stream, t.node);
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
      for (const [stream, node] of open) await run({ day: currentDay, minute: 540, stream, kind: 'approval', command: { type: 'CheckDue' }, channel: 'system', actor: dueCheckActor, node }, { type: 'CheckDue', on: currentDay } as ApprovalCommand);
      currentDay = cal.nextWorkingDay(currentDay);
    }
    if (currentDay === '') currentDay = day;
  };

  for (const t of tasks) {
    await dueCheckUntil(t.day);
    await run(t, t.command);
    options.onProgress?.(++commands, total);
  }
  const yearEnd = `${year}-12-31`;
  await dueCheckUntil(yearEnd);
  await dueCheckUntil(cal.nextWorkingDay(yearEnd));
  const head = await store.headPosition();
  const streams = new Set<string>();
  for await (const b of store.readAllBatches({ batchSize: 10_000 })) for (const e of b) streams.add(e.stream);
  return { store, stats: { scenario: scenario.name, commands, events: head, cases: caseCount, streams: streams.size, calendarVersion: cal.version } };
}

/**
 * The 2013 year of the seed report: {@link generateTaizhou} with the default scenario.
 *
 * @example
 * const { store } = await generateTaizhou2013({ seed: 2013, cases: 400 });
 */
export function generateTaizhou2013(options: Omit<TaizhouOptions, 'scenario'> = {}): Promise<{ store: EventStore; stats: GenerationStats }> {
  return generateTaizhou({ ...options, scenario: taizhou2013 });
}
