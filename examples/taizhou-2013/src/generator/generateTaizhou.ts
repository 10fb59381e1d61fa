/**
 * A deterministic, seeded generator of one year of events for the Taizhou center, its four
 * sub-centers and its departments. Every command goes through the real deciders with `handle()`,
 * in business-time order, so the log is what the service hall would have written; the figures
 * then come back out of the read models (`@banshi/center-report`).
 */
import { approvalEvents, createApprovalDecider, receiveTermsOf, type ApprovalCommand, type CaseState } from '@banshi/approval';
import { mainlandChinaCalendar, type BusinessDate, type WorkingCalendar } from '@banshi/calendar';
import { agencyDecider, campaignDecider, catalogEvents, catalogView, dealDecider, itemDecider, itemVersionOn, nodeDecider, noticeDecider, pieceDecider, publicationDecider, surveyDecider } from '@banshi/catalog';
import { createEventRegistry, createMemoryStore, DomainError, foldDecider, handle, toRecorded, type Decider, type DomainEvent, type EventStore, type RecordedEvent, type StoredEvent } from '@banshi/core';
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
import { createRandom, type Random } from './prng.js';
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
  /**
   * {@link generateTaizhouChunks}: about how many events a chunk holds (default 50,000). Memory
   * holds one chunk, the streams still in flight and their planned commands, never the year.
   */
  readonly chunkEvents?: number;
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

/** The registers' tasks go to `ctx.tasks`; the cases are only prepared: `planOne` plans case n with whatever random source it is given. */
function planYear(scenario: Scenario, ctx: PlanContext) {
  const { cal, on } = ctx;
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
  const planOne = (r: Random, tasks: Task[], n: number): BusinessDate => {
    const day = r.pick(receiptDays);
    planCase({ ...ctx, r, tasks }, scenario, n, r.pick(effective !== undefined && day >= effective ? retainedItems : weightedItems), day);
    return day;
  };
  return { receiptDays, planOne };
}

/**
 * The year's tasks in run order — by (day, minute, plan order), the order of sorting every task
 * of the year at once — planned lazily. The registers are planned up front. A first pass plans
 * each case once, in case order (the random draws depend on it), and keeps only where its
 * random source stood, its receipt day and its task count; a case is planned again, from that
 * state, on its receipt day. So only the tasks of cases received and not yet finished are held.
 */
function yearTasks(scenario: Scenario, ctx: PlanContext, cases: number) {
  const { receiptDays, planOne } = planYear(scenario, ctx);
  const registers = ctx.tasks;
  const dayIndex = new Map(receiptDays.map((d, i) => [d, i]));
  const startState = new Uint32Array(cases);
  const receiptOf = new Uint16Array(cases);
  const firstSeq = new Float64Array(cases);
  const scratch: Task[] = [];
  let total = registers.length;
  for (let i = 0; i < cases; i++) {
    startState[i] = ctx.r.state();
    scratch.length = 0;
    receiptOf[i] = dayIndex.get(planOne(ctx.r, scratch, i + 1)) as number;
    firstSeq[i] = total;
    total += scratch.length;
  }
  // Cases by receipt day, in case order within a day (a stable counting sort).
  const perDay = new Uint32Array(receiptDays.length + 1);
  for (let i = 0; i < cases; i++) (perDay[(receiptOf[i] as number) + 1] as number)++;
  for (let d = 1; d < perDay.length; d++) perDay[d] = (perDay[d] as number) + (perDay[d - 1] as number);
  const byDay = new Uint32Array(cases);
  for (let i = 0; i < cases; i++) byDay[(perDay[receiptOf[i] as number] as number)++] = i;

  /** Tasks not yet run, per stream: a stream with none left and no open case is finished. */
  const pending = new Map<string, number>();
  const buckets = new Map<BusinessDate, Task[]>();
  const add = (t: Task) => {
    const b = buckets.get(t.day);
    if (b) b.push(t);
    else buckets.set(t.day, [t]);
    pending.set(t.stream, (pending.get(t.stream) ?? 0) + 1);
  };
  registers.forEach((t, i) => add(Object.assign(t, { seq: i })));
  registers.length = 0;

  function* ordered(): Generator<Task> {
    let next = 0;
    const caseAt = (k: number) => byDay[k] as number;
    for (;;) {
      let day: BusinessDate | undefined;
      for (const d of buckets.keys()) if (day === undefined || d < day) day = d;
      if (next < cases) {
        const receipt = receiptOf[caseAt(next)] as number;
        if (day === undefined || (receiptDays[receipt] as BusinessDate) <= day) {
          // Every case received that day, before any task of that day runs.
          for (; next < cases && receiptOf[caseAt(next)] === receipt; next++) {
            const i = caseAt(next);
            scratch.length = 0;
            planOne(createRandom(startState[i] as number), scratch, i + 1);
            scratch.forEach((t, k) => add(Object.assign(t, { seq: (firstSeq[i] as number) + k })));
          }
          continue;
        }
      }
      if (day === undefined) return;
      const tasks = buckets.get(day) as Task[];
      buckets.delete(day);
      tasks.sort((a, b) => a.minute - b.minute || (a.seq as number) - (b.seq as number));
      yield* tasks;
    }
  }
  const ran = (stream: string) => {
    const left = (pending.get(stream) ?? 1) - 1;
    if (left > 0) pending.set(stream, left);
    else pending.delete(stream);
  };
  return { total, tasks: ordered(), pending, ran };
}

/**
 * Generates a Taizhou year (deterministic for a seed) as date-ordered chunks of stored events,
 * positions counted from 1 across chunks, and returns what it wrote. Every command runs through
 * its decider with `handle()`; a rejected command is a bug and throws. A due check runs after
 * hours on every working day over every open case. Streams that are finished leave memory with
 * their chunk, so a province's year (300,000 cases) runs in the memory of a few days of it; the
 * events are exactly those {@link generateTaizhou} holds, in the same order.
 *
 * @example
 * const target = createSqliteStore('taizhou.db', { registry: taizhouRegistry });
 * const chunks = generateTaizhouChunks({ seed: 2013, cases: 300_000 });
 * for (let c = await chunks.next(); !c.done; c = await chunks.next()) await target.importEvents(c.value.map(toRecorded));
 */
export async function* generateTaizhouChunks(options: TaizhouOptions = {}): AsyncGenerator<readonly StoredEvent[], GenerationStats, undefined> {
  const scenario = options.scenario ?? taizhou2013;
  const cal = options.calendar ?? mainlandChinaCalendar();
  const year = scenario.year;
  const ctx: PlanContext = { r: createRandom(options.seed ?? year), cal, year, tasks: [], on: (monthDay) => `${year}-${monthDay}` };
  const caseCount = options.cases ?? 6000;
  const chunkEvents = Math.max(1, options.chunkEvents ?? 50_000);
  const plan = yearTasks(scenario, ctx, caseCount);

  let clock = new Date(`${year}-01-01T00:30:00.000Z`);
  const workingStore = () => createMemoryStore({ registry: taizhouRegistry, node: 'tz-center', now: () => clock, ...(options.hasher ? { hasher: options.hasher } : {}) });
  let store = workingStore();
  /** Events of `store` that an earlier chunk already handed over (the streams carried into it). */
  let carried = 0;
  let emitted = 0;
  let streams = 0;
  const as = (d: unknown) => d as Decider<unknown, never, DomainEvent>;
  const approval = createApprovalDecider({ calendar: cal });
  const deciders: Record<Kind, Decider<unknown, never, DomainEvent>> = {
    approval: as(approval),
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

  /**
   * Open cases with no command left to run but the daily due check (denied cases, which stay
   * decided: no certificate follows a denial): kept as their folded state and their events as JSON text, not in the
   * working store. A due check that decides nothing appends nothing, as `handle()` would not; one
   * that decides events brings the stream back into the working store and runs through `handle()`.
   * (A due check's command id names its day, and each day is checked once: it is never a repeat.)
   */
  const parked = new Map<string, { readonly state: CaseState; readonly events: readonly string[] }>();
  /** Positions in the working store of events brought back from parking: an earlier chunk holds them. */
  const unparked = new Set<number>();
  const unpark = async (stream: string, events: readonly string[]) => {
    parked.delete(stream);
    const head = await store.headPosition();
    const { lastPosition } = await store.importEvents(events.map((text) => JSON.parse(text) as RecordedEvent));
    for (let p = head + 1; p <= lastPosition; p++) unparked.add(p);
  };

  const dueCheckUntil = async (day: BusinessDate) => {
    // The due-check process: once per working day after hours, over every open case.
    while (currentDay !== '' && currentDay < day) {
      for (const [stream, node] of open) {
        const check = { type: 'CheckDue', on: currentDay } as ApprovalCommand;
        const p = parked.get(stream);
        if (p) {
          const decided = approval.decide(check, p.state, { actor: dueCheckActor });
          if (!(decided instanceof DomainError) && decided.length === 0) continue;
          await unpark(stream, p.events);
        }
        await run({ day: currentDay, minute: 540, stream, kind: 'approval', command: { type: 'CheckDue' }, channel: 'system', actor: dueCheckActor, node }, check);
      }
      currentDay = cal.nextWorkingDay(currentDay);
    }
    if (currentDay === '') currentDay = day;
  };

  /** The events appended since the last chunk, renumbered from the year's first; the streams still in flight move to a fresh store. */
  const cut = async (): Promise<StoredEvent[]> => {
    const chunk: StoredEvent[] = [];
    for await (const b of store.readAllBatches({ fromPosition: carried + 1, batchSize: 10_000, upcast: false })) {
      for (const e of b) {
        if (unparked.has(e.position)) continue;
        chunk.push({ ...e, position: ++emitted });
        if (e.version === 1) streams++;
      }
    }
    unparked.clear();
    const next = workingStore();
    const previous = store;
    for (const [stream] of open) {
      if (plan.pending.has(stream) || parked.has(stream)) continue;
      const events = await previous.readStream(stream, { upcast: false });
      parked.set(stream, { state: foldDecider(approval, await previous.readStream(stream)), events: events.map((e) => JSON.stringify(toRecorded(e))) });
    }
    await next.importEvents(
      (async function* () {
        for (const s of plan.pending.keys()) for (const e of await previous.readStream(s, { upcast: false })) yield toRecorded(e);
      })(),
    );
    await previous.close();
    store = next;
    carried = await next.headPosition();
    return chunk;
  };

  for (const t of plan.tasks) {
    if ((await store.headPosition()) - carried >= chunkEvents) yield await cut();
    await dueCheckUntil(t.day);
    await run(t, t.command);
    plan.ran(t.stream);
    commands++;
    options.onProgress?.(commands, plan.total);
  }
  const yearEnd = `${year}-12-31`;
  await dueCheckUntil(yearEnd);
  await dueCheckUntil(cal.nextWorkingDay(yearEnd));
  const last = await cut();
  if (last.length) yield last;
  await store.close();
  return { scenario: scenario.name, commands, events: emitted, cases: caseCount, streams, calendarVersion: cal.version };
}

/**
 * Generates a Taizhou year into a fresh in-memory store (deterministic for a seed) and returns
 * it: {@link generateTaizhouChunks}, every chunk imported. For years that fit in memory (tests,
 * examples); a province's year goes chunk by chunk into a durable store instead.
 *
 * @example
 * const { store, stats } = await generateTaizhou({ seed: 2013, cases: 400 });
 */
export async function generateTaizhou(options: TaizhouOptions = {}): Promise<{ store: EventStore; stats: GenerationStats }> {
  const store = createMemoryStore({ registry: taizhouRegistry, node: 'tz-center', ...(options.hasher ? { hasher: options.hasher } : {}) });
  const chunks = generateTaizhouChunks(options);
  for (;;) {
    const c = await chunks.next();
    if (c.done) return { store, stats: c.value };
    await store.importEvents(c.value.map(toRecorded));
  }
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
