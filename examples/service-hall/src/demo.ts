/**
 * Demo data and demo accounts: one year of the Taizhou center from the seeded generator
 * (`@banshi/example-taizhou-2013`), written into an empty store, and one login per role.
 */
import { randomBytes } from 'node:crypto';
import { toShanghaiDate } from '@banshi/calendar';
import { toRecorded, type EventStore, type StoredEvent } from '@banshi/core';
import type { HttpActor } from '@banshi/http';
import { generateTaizhou2013 } from '@banshi/example-taizhou-2013';

/** One login of the hall: a password and the actor it signs in as. */
export interface HallUser {
  readonly password: string;
  readonly actor: HttpActor;
  /** What the role does in the hall (printed at start). */
  readonly what: string;
}

/** The tenant the demo serves (the Taizhou center). */
export const TENANT = 'tz';

/**
 * One login per role of the hall; passwords are random unless given (tests pass a fixed one).
 *
 * @example
 * const users = demoUsers('demo-password');
 * users.w07.actor.role; // 'clerk'
 */
export function demoUsers(password?: string): Record<string, HallUser> {
  const pw = () => password ?? randomBytes(6).toString('base64url');
  const u = (id: string, role: HttpActor['role'], name: string, what: string, extra: Partial<HttpActor> = {}): HallUser => ({ password: pw(), actor: { id, role, tenant: TENANT, name, ...extra }, what });
  return {
    w07: u('w-07', 'clerk', '王芳', '窗口：收件、补正、受理、制证、送达'),
    h01: u('h-01', 'head', '陈局长', '行政机关负责人：批准延期、作出决定'),
    gk01: u('gk-01', 'clerk', '林晓', '政府信息公开办：答复申请'),
    zx01: u('zx-01', 'admin', '周敏', '中心管理：中介机构审核与发布'),
    jc01: u('jc-01', 'auditor', '吴监察', '电子监察：实时看板'),
    zhang: u('p-zhang', 'applicant', '张三', '申请人：网上申办、查进度、评价'),
    li: u('p-li', 'applicant', '李四', '申请人（另一位）'),
    daiban: u('p-daiban', 'applicant', '郑代办', '代办员：为申请人代为申办'),
    agency: u('ag-hall-01', 'agency', '台州某测绘有限公司', '中介机构：提交本机构信息'),
  };
}

/**
 * Writes the generated Taizhou year into `store` when it is empty (a store that already holds
 * events is left as it is, so a restart keeps what was done in the hall). With `until` (the hall's
 * business date) it writes the year as it stood at the end of that day: the generator's log is in
 * business-time order, so it stops at the first event that happened later — a hall never lists a
 * piece, deal or decision from after its own today as done. Returns the events written.
 *
 * @example
 * await loadDemo(store, { cases: 300, until: '2013-11-04' });
 */
export async function loadDemo(store: EventStore, options: { readonly cases: number; readonly seed?: number; readonly until?: string }): Promise<number> {
  if ((await store.headPosition()) > 0) return 0;
  const { store: memory } = await generateTaizhou2013({ seed: options.seed ?? 2013, cases: options.cases });
  const { until } = options;
  let written = 0;
  async function* recorded() {
    for await (const batch of memory.readAllBatches({ batchSize: 5000, upcast: false })) {
      for (const e of batch) {
        if (until !== undefined && toShanghaiDate(String(e.meta.occurredAt)) > until) return;
        written++;
        yield toRecorded(e as StoredEvent);
      }
    }
  }
  await store.importEvents(recorded());
  return written;
}
