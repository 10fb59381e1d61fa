import type { BusinessDate } from '@banshi/calendar';
import { BanshiError, DomainError } from '@banshi/core';
import type { BanshiApp, TenantRuntime } from '../app/createBanshiApp.js';
import { executeCommand, inSpan } from '../app/execute.js';
import type { HttpActor } from '../auth/actor.js';
import type { CaseTaskDoc, DisclosureRequestDoc } from '../readModels/readModels.js';

/**
 * What one due-check run did, per tenant.
 *
 * @example
 * const r: DueCheckRun = await scheduler.runOnce();
 * r.tenants.taizhou?.appended; // 3
 */
export interface DueCheckRun {
  readonly today: BusinessDate;
  readonly tenants: Readonly<
    Record<
      string,
      {
        /** Open cases and requests checked. */
        readonly checked: number;
        /** Events appended (warnings, deemed acceptances, lapsed periods). */
        readonly appended: number;
        /** Targets whose check another instance had already made today (nothing appended). */
        readonly alreadyDone: number;
        /** Targets the check refused (e.g. a step recorded after today) — listed, never fatal. */
        readonly refused: readonly { readonly stream: string; readonly code: string }[];
      }
    >
  >;
}

/**
 * Options of {@link createDueCheckScheduler}.
 *
 * @example
 * const o: DueCheckSchedulerOptions = { intervalMs: 60_000, onError: (e) => console.error(e.code) };
 */
export interface DueCheckSchedulerOptions {
  /** How often the scheduler looks whether a new business day has begun (default 60 s). */
  readonly intervalMs?: number;
  /** Called when a run fails as a whole (the store is down); the next tick tries again. */
  readonly onError?: (error: unknown) => void;
  /** Called after each run. */
  readonly onRun?: (run: DueCheckRun) => void;
  /** The actor the due check writes as (default `{ id: 'due-check', role: 'system' }`). */
  readonly actor?: Omit<HttpActor, 'tenant'>;
}

/**
 * The due-check scheduler.
 *
 * @example
 * const scheduler = createDueCheckScheduler(banshi);
 * scheduler.start(); // runs now, then on each new working day
 * await scheduler.stop();
 */
export interface DueCheckScheduler {
  /** Checks every open case and request of every tenant on `today` (default: the app clock's). */
  runOnce(today?: BusinessDate): Promise<DueCheckRun>;
  /** Runs once now, then whenever the business date moves to a new working day. */
  start(): void;
  /** Stops the timer and waits for a run in progress. */
  stop(): Promise<void>;
}

/**
 * Runs `CheckDue` on every open case (行政许可法 第三十二条 deemed acceptance, 第四十二条
 * warnings) and every open disclosure request (条例 第三十条, 第三十三条) once per business
 * day and when the service starts, on the app's injectable clock.
 *
 * Idempotent: the command id is `due-check:<date>`, so a second run on the same day — in this
 * process or another instance racing it — appends nothing (a run that finds the command id in
 * the stream stops; one that loses the version race re-reads and finds the day's check done).
 *
 * @example
 * const run = await createDueCheckScheduler(banshi).runOnce('2013-10-15');
 */
export function createDueCheckScheduler(banshi: BanshiApp, options: DueCheckSchedulerOptions = {}): DueCheckScheduler {
  const intervalMs = options.intervalMs ?? 60_000;
  const who = options.actor ?? { id: 'due-check', role: 'system' as const };
  let timer: ReturnType<typeof setInterval> | undefined;
  let running: Promise<unknown> | undefined;
  let lastDay: BusinessDate | undefined;

  const checkTenant = async (tenant: TenantRuntime, today: BusinessDate) => {
    const actor: HttpActor = { ...who, tenant: tenant.id };
    const commandId = `due-check:${today}`;
    let checked = 0;
    let appended = 0;
    let alreadyDone = 0;
    const refused: { stream: string; code: string }[] = [];
    const targets: { stream: string; kind: 'cases' | 'disclosure-requests' }[] = [];
    await tenant.catchUp('case_tasks');
    await tenant.catchUp('disclosure_requests');
    for (const [name, kind] of [
      ['case_tasks', 'cases'],
      ['disclosure_requests', 'disclosure-requests'],
    ] as const) {
      let after: string | undefined;
      for (let page = 0; page < 100_000; page++) {
        const p = await tenant.tables.find<CaseTaskDoc | DisclosureRequestDoc>(name, { where: { open: 1 }, limit: 500, ...(after ? { after } : {}) });
        for (const x of p.items) targets.push({ stream: x.id, kind });
        if (!p.next) break;
        after = p.next;
      }
    }
    const engine = banshi.engine;
    for (const t of targets) {
      checked++;
      const decider = (t.kind === 'cases' ? engine.approval : engine.disclosure) as unknown as Parameters<typeof executeCommand>[0]['decider'];
      const command = t.kind === 'cases' ? { type: 'CheckDue', on: today } : { type: 'CheckDue', today };
      try {
        const r = await executeCommand({ store: tenant.store, stream: t.stream, decider, command, actor, commandId, channel: 'system', node: tenant.config.node ?? tenant.id, calendarVersion: engine.calendar.version });
        if (r.duplicate) alreadyDone++;
        else appended += r.events.length;
      } catch (err) {
        if (err instanceof DomainError || (err instanceof BanshiError && err.code !== 'CORE_STORE_UNAVAILABLE')) refused.push({ stream: t.stream, code: err.code });
        else throw err;
      }
    }
    return { checked, appended, alreadyDone, refused };
  };

  const runOnce = async (today: BusinessDate = banshi.clock.today()): Promise<DueCheckRun> =>
    inSpan('banshi.dueCheck', { 'banshi.today': today }, async () => {
      const tenants: Record<string, DueCheckRun['tenants'][string]> = {};
      for (const tenant of banshi.tenants) tenants[tenant.id] = await checkTenant(tenant, today);
      const run = { today, tenants };
      options.onRun?.(run);
      return run;
    });

  const tick = () => {
    if (running) return;
    const today = banshi.clock.today();
    let working = true;
    try {
      working = banshi.engine.calendar.isWorkingDay(today);
    } catch {
      working = true; // a year without calendar data: check anyway, the deciders report unknown due dates
    }
    if (today === lastDay || (lastDay !== undefined && !working)) return;
    running = runOnce(today)
      .then(() => {
        lastDay = today;
      })
      .catch((err: unknown) => options.onError?.(err))
      .finally(() => {
        running = undefined;
      });
  };

  return {
    runOnce,
    start() {
      if (timer) return;
      tick();
      timer = setInterval(tick, intervalMs);
      (timer as { unref?: () => void }).unref?.();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      await running;
    },
  };
}
