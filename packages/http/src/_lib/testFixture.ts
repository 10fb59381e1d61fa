/** Test fixture (not built into dist): an app over memory stores with one bearer token per role. */
import { createMemoryStore, type EventStore } from '@banshi/core';
import { banshiRegistry } from '../aggregates/registry.js';
import type { HttpActor, Role } from '../auth/actor.js';
import { createBearerAuth } from '../auth/session.js';
import { createBanshiApp, type BanshiApp, type BanshiAppOptions, type TenantConfig } from '../app/createBanshiApp.js';
import { settableClock, type SettableClock } from '../clock/businessClock.js';

export const SECRET = 'test-secret-test-secret-test-secret-0123';

export const actors = {
  clerk: { id: 'w-07', role: 'clerk', tenant: 'tz', name: '王芳' },
  reviewer: { id: 'r-01', role: 'reviewer', tenant: 'tz', department: '市场监管' },
  otherReviewer: { id: 'r-02', role: 'reviewer', tenant: 'tz', department: '住建' },
  head: { id: 'h-01', role: 'head', tenant: 'tz' },
  governmentHead: { id: 'g-01', role: 'governmentHead', tenant: 'tz' },
  officeHead: { id: 'o-01', role: 'officeHead', tenant: 'tz' },
  admin: { id: 'a-01', role: 'admin', tenant: 'tz' },
  applicant: { id: 'p-zhang', role: 'applicant', tenant: 'tz', name: '张三' },
  otherApplicant: { id: 'p-li', role: 'applicant', tenant: 'tz', name: '李四' },
  agency: { id: 'ag-1', role: 'agency', tenant: 'tz' },
  auditor: { id: 'au-01', role: 'auditor', tenant: 'tz' },
  system: { id: 'due-check', role: 'system', tenant: 'tz' },
  portClerk: { id: 'w-90', role: 'clerk', tenant: 'port' },
  portAdmin: { id: 'a-90', role: 'admin', tenant: 'port' },
  portAuditor: { id: 'au-90', role: 'auditor', tenant: 'port' },
} as const satisfies Record<string, HttpActor>;
export type ActorName = keyof typeof actors;

export const token = (name: ActorName | 'public') => `token-of-${name}-0123456789`;

export interface Fixture {
  readonly banshi: BanshiApp;
  readonly stores: Record<'tz' | 'port', EventStore>;
  readonly clock: SettableClock;
  readonly logs: string[];
  /** Sends a request as `who` (or anonymously as the public). */
  call(who: ActorName | 'public', method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
}

export async function fixture(
  options: Partial<BanshiAppOptions> & {
    readonly tenants?: Record<string, TenantConfig>;
    readonly today?: string;
    /** Tenants over the fixture's own memory stores (e.g. each with its own center configuration). */
    readonly tenantsFor?: (stores: Record<'tz' | 'port', EventStore>) => Record<string, TenantConfig>;
  } = {},
): Promise<Fixture> {
  const stores = { tz: createMemoryStore({ registry: banshiRegistry, node: 'tz' }), port: createMemoryStore({ registry: banshiRegistry, node: 'port' }) };
  const clock = settableClock(options.today ?? '2013-09-16');
  const authenticate = await createBearerAuth({ tokens: Object.fromEntries(Object.entries(actors).map(([k, a]) => [token(k as ActorName), a])) });
  const logs: string[] = [];
  const { tenantsFor, today: _today, ...appOptions } = options;
  const banshi = createBanshiApp({
    authenticate,
    secret: SECRET,
    clock,
    log: (e) => logs.push(JSON.stringify(e)),
    ...appOptions,
    tenants: tenantsFor?.(stores) ?? options.tenants ?? { tz: { store: stores.tz }, port: { store: stores.port } },
  });
  return {
    banshi,
    stores,
    clock,
    logs,
    call(who, method, path, body, headers = {}) {
      const h: Record<string, string> = { ...headers };
      if (who !== 'public') h.authorization = `Bearer ${token(who)}`;
      if (body !== undefined) h['content-type'] = 'application/json';
      return Promise.resolve(banshi.app.request(path, { method, headers: h, ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}) }));
    },
  };
}

export const receive = (caseId: string, extra: Record<string, unknown> = {}) => ({
  type: 'Receive',
  on: '2013-09-16',
  channel: 'window',
  caseId,
  itemCode: 'XK-SC-01',
  department: '市场监管',
  applicant: { name: '张三', kind: 'person' },
  materials: ['申请书'],
  node: 'tz',
  ...extra,
});

/**
 * The store with `before(stream)` awaited ahead of each of its appends: another process's write
 * landing between what a command read and what it writes.
 */
export function beforeAppend(store: EventStore, before: (stream: string) => void | Promise<void>): EventStore {
  return new Proxy(store, {
    get(target, prop) {
      if (prop === 'append') {
        return async (...a: Parameters<EventStore['append']>) => {
          await before(a[0]);
          return target.append(...a);
        };
      }
      const v = Reflect.get(target, prop, target) as unknown;
      return typeof v === 'function' ? (v as (...x: unknown[]) => unknown).bind(target) : v;
    },
  });
}

/** A store that counts the calls of each of its methods (how many reads a request costs). */
export function countingStore(store: EventStore): { readonly store: EventStore; readonly calls: Record<string, number> } {
  const calls: Record<string, number> = {};
  const counted = new Proxy(store, {
    get(target, prop) {
      const v = Reflect.get(target, prop, target) as unknown;
      if (typeof v !== 'function') return v;
      return (...a: unknown[]) => {
        calls[String(prop)] = (calls[String(prop)] ?? 0) + 1;
        return (v as (...x: unknown[]) => unknown).apply(target, a);
      };
    },
  });
  return { store: counted, calls };
}

export type { Role };
